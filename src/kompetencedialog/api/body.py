"""Request bodies read after the caller's access is settled.

ninja validates a declared body before the view runs, so a caller could learn from a 422 that an
object exists. Endpoints under an object read their body with ``read_body`` after the access
check: for an object the caller cannot see, the answer is 404 whatever they sent.
"""

import json

from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError


def read_body(request, schema: type[Schema]) -> tuple[Schema, dict]:
    """The JSON body checked against ``schema`` (errors become a 422), and the raw dict."""
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise HttpError(422, _("Send a JSON object."))
    return schema.model_validate(data), data


def _inline(node, definitions: dict):
    """``node`` with each ``$ref`` to ``$defs`` replaced by the definition: the document has no
    ``$defs`` at its root for them to point to (our bodies' types are enums, never recursive)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(definitions[node["$ref"].rsplit("/", 1)[-1]], definitions)
        return {key: _inline(value, definitions) for key, value in node.items() if key != "$defs"}
    if isinstance(node, list):
        return [_inline(value, definitions) for value in node]
    return node


def body_schema(schema: type[Schema]) -> dict:
    """``openapi_extra`` that documents a body read with ``read_body``."""
    json_schema = schema.model_json_schema()
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _inline(json_schema, json_schema.get("$defs", {}))}
            },
        }
    }
