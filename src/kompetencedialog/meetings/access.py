"""Lookups of meetings for a person: 404 outside their organisations, 403 without the right."""

from kompetencedialog.meetings.models import Meeting
from kompetencedialog.organisations import access


def get_meeting_for(user, pk, *, write: bool = False) -> Meeting:
    """A meeting of a process the person can see; ``write`` asks for a facilitator's role."""
    return access.get_for(
        user,
        Meeting.objects.select_related("process__organisation", "process__toolkit", "card"),
        pk,
        write=write,
        path_field="process__organisation__path",
    )
