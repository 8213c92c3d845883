"""The versioned HTTP API (``/api/v1/``), described by OpenAPI at ``/api/v1/openapi.json``.

Each area has its own module with a router; this module puts them together and makes every
error a JSON body with a human-readable ``detail``.
"""

import pydantic
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kompetencedialog.api import (
    followup,
    meetings,
    organisations,
    overview,
    processes,
    toolkits,
)
from kompetencedialog.api.auth import AUTH
from kompetencedialog.api.errors import field_message, ninja_message

api = NinjaAPI(
    title="Kompetencedialog API",
    version="1",
    description="Strategisk kompetenceudvikling: dialogredskab, forløb, planer og overblik.",
    urls_namespace="api-1",
    auth=AUTH,
)


def _field_name(location: list) -> str:
    # ninja reports ("body", "payload", "field"); callers know the field only.
    parts = [str(part) for part in location if part not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
@api.exception_handler(pydantic.ValidationError)
def invalid_input(request, exc: ValidationError | pydantic.ValidationError):
    # ninja's errors are a list attribute, pydantic's (from a body checked in the view) a method.
    errors: dict[str, list[str]] = {}
    for error in exc.errors if isinstance(exc, ValidationError) else exc.errors():
        errors.setdefault(_field_name(list(error.get("loc", []))), []).append(field_message(error))
    return api.create_response(
        request, {"detail": _("The input is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(DjangoValidationError)
def invalid_model_input(request, exc: DjangoValidationError):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request, {"detail": _("The input is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(
        request, {"detail": _("You may not do this to this object.")}, status=403
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request, {"detail": _("Log in, or send a personal access token.")}, status=401
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": ninja_message(str(exc))}, status=exc.status_code)


# The areas of the API, each a router in its own module.
api.add_router("/toolkits/", toolkits.router)
api.add_router("/", organisations.router)
api.add_router("/processes/", processes.router)
api.add_router("/", followup.router)
api.add_router("/overview/", overview.router)
api.add_router("/processes/", meetings.router)
