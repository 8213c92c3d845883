"""Errors: their shape in the OpenAPI document, and their messages in the caller's language
(Danish unless they ask for English).

pydantic and ninja word their messages in English whatever the language; these are ours.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Schema


class Error(Schema):
    """Every error answer: what went wrong, in words for the caller."""

    detail: str


class InvalidInput(Error):
    """A 422: the input's errors per field (``__all__`` for the input as a whole)."""

    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="field name → messages; absent for a malformed body"
    )


def answers(success: dict[int, Any], *errors: int) -> dict[int, Any]:
    """A route's ``response=``: its success and the error statuses it answers, with their shape.

    401 without credentials, 403 without the right (or a failed CSRF check on a session POST),
    404 for an object the caller cannot see, 422 for invalid input, 400 for a body ninja cannot
    parse. 405 (a method the path does not take) belongs to no operation, so it is not listed.
    """
    return {**success, **{code: InvalidInput if code == 422 else Error for code in errors}}


#: pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) → our
#: message; ``%(name)s`` takes the error's context.
MESSAGES = {
    "missing": gettext_lazy("Fill in this field."),
    "int_parsing": gettext_lazy("Write a whole number."),
    "int_type": gettext_lazy("Write a whole number."),
    "int_from_float": gettext_lazy("Write a whole number."),
    "float_parsing": gettext_lazy("Write a number."),
    "float_type": gettext_lazy("Write a number."),
    "bool_parsing": gettext_lazy("Write true or false."),
    "bool_type": gettext_lazy("Write true or false."),
    "string_type": gettext_lazy("Write a text."),
    "string_too_short": gettext_lazy("Write at least %(min_length)s characters."),
    "string_too_long": gettext_lazy("Write at most %(max_length)s characters."),
    "greater_than": gettext_lazy("Write a number greater than %(gt)s."),
    "greater_than_equal": gettext_lazy("Write a number of at least %(ge)s."),
    "less_than": gettext_lazy("Write a number less than %(lt)s."),
    "less_than_equal": gettext_lazy("Write a number of at most %(le)s."),
    "list_type": gettext_lazy("Send a list."),
    "dict_type": gettext_lazy("Send a JSON object."),
    "model_type": gettext_lazy("Send a JSON object."),
    "model_attributes_type": gettext_lazy("Send a JSON object."),
    "date_parsing": gettext_lazy("Write a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": gettext_lazy("Write a date as YYYY-MM-DD."),
    "json_invalid": gettext_lazy("Send valid JSON."),
    "not_an_id": gettext_lazy("Choose one of the options."),
}

#: ninja's own fixed messages (the beginning of them; with DEBUG more follows) → ours.
NINJA_MESSAGES = {
    "Cannot parse request body": gettext_lazy("Send valid JSON."),
    "CSRF check Failed": gettext_lazy(
        "The security check (CSRF) failed: send the X-CSRFToken header with the csrftoken "
        "cookie's value, or use a personal access token."
    ),
}


def field_message(error: dict) -> str:
    """One pydantic error (a dict of ``errors()``) in words for the caller."""
    kind = error.get("type", "")
    context = error.get("ctx") or {}
    if kind in ("enum", "literal_error") and "expected" in context:
        # pydantic lists the choices as "'a', 'b' or 'c'".
        head, _or, last = str(context["expected"]).rpartition(" or ")
        expected = " ".join([head, _("or"), last]) if head else last
        return _("Choose one of %(expected)s.") % {"expected": expected}
    if kind not in MESSAGES:
        return _("This value is not valid.")
    try:
        return str(MESSAGES[kind]) % context
    except (KeyError, TypeError, ValueError):
        return _("This value is not valid.")


def ninja_message(message: str) -> str:
    for english, ours in NINJA_MESSAGES.items():
        if message.startswith(english):
            return str(ours)
    return message
