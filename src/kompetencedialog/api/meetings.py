"""Live meetings: ``POST /api/v1/processes/{process_id}/meetings/`` opens one."""

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from kompetencedialog.api.body import body_schema, read_body
from kompetencedialog.api.errors import answers
from kompetencedialog.api.types import Id, one_of
from kompetencedialog.core.links import absolute_url
from kompetencedialog.meetings.access import get_process_to_facilitate
from kompetencedialog.meetings.models import Meeting
from kompetencedialog.meetings.services import open_meeting
from kompetencedialog.toolkit.models import Phase
from kompetencedialog.toolkit.selectors import cards_for

# Mounted at /processes/ beside the processes router; only this one path is ours.
router = Router(tags=["meetings"])


class MeetingIn(Schema):
    phase: Phase.Key | None = Field(None, description="investigate, intervene or plan")
    card: str | None = Field(None, description="the slug of one card of the phase")
    naming: Meeting.Naming = Meeting.Naming.OPTIONAL
    hidden: bool = False
    moderated: bool = False
    countdown_seconds: int = Field(0, ge=0, le=3600)
    dots_per_person: int = Field(3, ge=1, le=20)
    groups: int = Field(0, ge=0, le=20)


class MeetingOut(Schema):
    id: int
    code: str
    join_url: str
    phase: one_of(Phase.Key)
    hidden: bool
    moderated: bool
    naming: one_of(Meeting.Naming)


def _out(request, meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "code": meeting.code,
        "join_url": absolute_url(reverse("meetings:join", args=[meeting.code]), request),
        "phase": meeting.phase,
        "hidden": meeting.hidden,
        "moderated": meeting.moderated,
        "naming": meeting.naming,
    }


@router.post(
    "/{process_id}/meetings/",
    response=answers({201: MeetingOut}, 401, 403, 404, 422),
    url_name="meeting-open",
    openapi_extra=body_schema(MeetingIn),
)
def create_meeting(request, process_id: Id):
    """Open a live meeting on a phase (or one card) of the process; participants join by code."""
    process = get_process_to_facilitate(request.user, process_id)
    payload, _raw = read_body(request, MeetingIn)
    data = payload.dict()
    card_slug = data.pop("card")
    card = None
    if card_slug:
        card = (
            cards_for(process.toolkit_id, process.organisation.path)
            .filter(slug=card_slug)
            .select_related("phase")
            .first()
        )
        if card is None:
            raise HttpError(422, _("The toolkit has no card with this slug."))
    meeting = open_meeting(process=process, by=request.user, card=card, **data)
    return 201, _out(request, meeting)
