"""The follow-up part of the API: a process's calendar as an iCalendar file."""

from django.http import HttpResponse
from ninja import Router

from kompetencedialog.api.errors import answers
from kompetencedialog.api.types import Id
from kompetencedialog.followup import ics
from kompetencedialog.processes.access import get_process_for

router = Router(tags=["follow-up"])


@router.get(
    "/processes/{process_id}/calendar.ics",
    summary="The process's calendar",
    description=(
        "The follow-up meetings, and the actions and markers with a due date as all-day "
        "events, as an iCalendar file (text/calendar) with times in Europe/Copenhagen."
    ),
    response=answers({200: None}, 401, 403, 404, 422),
    openapi_extra={
        "responses": {200: {"description": "iCalendar", "content": {"text/calendar": {}}}}
    },
)
def process_calendar(request, process_id: Id):
    process = get_process_for(request.user, process_id)
    response = HttpResponse(
        ics.process_calendar(process), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="forloeb-{process.pk}.ics"'
    return response
