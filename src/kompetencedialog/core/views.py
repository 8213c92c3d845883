import logging
import shutil

from django.conf import settings
from django.db import transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kompetencedialog.core.models import AccessibilityStatement

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: "ok" when the database can be read and written.

    Anyone may ask, so the answer is one word; what went wrong goes to the log.
    """
    try:
        _check_database()
    except Exception:
        logger.exception("Health check failed")
        return HttpResponse("fejl", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


#: Below this, a SQLite commit or an upload in the data folder is about to fail.
MIN_FREE_BYTES = 20 * 1024 * 1024


def _check_database() -> None:
    # A read-only or locked database still answers reads while every save fails: so write too,
    # a change to nothing (one row set to itself) that is rolled back.
    first = MigrationRecorder.Migration.objects.order_by("pk").values_list("pk", flat=True)[:1]
    with transaction.atomic():
        MigrationRecorder.Migration.objects.filter(pk__in=first).update(app=F("app"))
        transaction.set_rollback(True)
    # A rolled-back write never reaches the disk, so it succeeds on a full one (tried on SQLite):
    # the data folder (SQLite's file, uploads, stored PDFs) must have room as well.
    free = shutil.disk_usage(settings.DATA_DIR).free
    if free < MIN_FREE_BYTES:
        raise OSError(f"Only {free} bytes free in {settings.DATA_DIR}")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request, "core/accessibility.html", {"statement": AccessibilityStatement.current()}
    )


def _error(request: HttpRequest, status: int, heading: str, explanation: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": explanation}, status=status)
    context = {"heading": heading, "explanation": explanation}
    return render(request, "core/error.html", context, status=status)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(
        request,
        403,
        _("You do not have access"),
        _("Your role does not allow this. Ask a leader or administrator of your organisation."),
    )


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error(
        request,
        404,
        _("Page not found"),
        _("The page does not exist, or you do not have access to it."),
    )


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    return _error(
        request,
        405,
        _("This page cannot be opened like that"),
        _("The address is only used when you send a form. Go back and use the button on the page."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # A bare template without context processors: the error may have come from one of them.
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Something went wrong on our side.")}, status=500)
    return HttpResponseServerError(render_to_string("core/500.html"))
