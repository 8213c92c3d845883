"""Lookups for follow-up objects: 404 outside the person's organisations, 403 without the right.

MUS development points are stricter: only the person and the leaders of the process's
organisation see one; to everyone else it does not exist (404).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kompetencedialog.followup.models import (
    CheckIn,
    DevelopmentPoint,
    FollowUpMeeting,
    ProcessTemplate,
)
from kompetencedialog.organisations import access
from kompetencedialog.processes.access import get_outcome_for
from kompetencedialog.processes.models import Outcome, Process
from kompetencedialog.processes.visibility import is_inside, require_inside

PROCESS_PATH = "process__organisation__path"


def may_lead(user, process: Process) -> bool:
    """Leaders, the administration and admins in the process's own organisation may plan and
    change its follow-up (those above it do not read it: ``processes.visibility``)."""
    return is_inside(user, process) and access.has_role(
        user, process.organisation, access.PROCESS_WRITE_ROLES
    )


def may_update(user, outcome: Outcome) -> bool:
    """Who may check in on a marker or move an action on: leaders, and the one who owns it."""
    return outcome.owner_id == user.pk or may_lead(user, outcome.process)


def get_followup_outcome_for(user, pk, *, write: bool = False) -> Outcome:
    """A marker, action or decision; ``write`` asks for a leader or the outcome's owner."""
    outcome = get_outcome_for(user, pk)
    if outcome.kind not in Outcome.FOLLOW_UP_KINDS:
        raise Http404
    if write and not may_update(user, outcome):
        raise PermissionDenied
    return outcome


def get_marker_for(user, pk, *, write: bool = False) -> Outcome:
    outcome = get_followup_outcome_for(user, pk, write=write)
    if outcome.kind != Outcome.Kind.MARKER:
        raise Http404
    return outcome


def get_checkin_for(user, pk) -> CheckIn:
    checkin = access.get_for(
        user,
        CheckIn.objects.select_related("marker__process__organisation"),
        pk,
        path_field="marker__process__organisation__path",
    )
    require_inside(user, checkin.marker.process)
    return checkin


def get_followup_meeting_for(user, pk, *, write: bool = False) -> FollowUpMeeting:
    meeting = access.get_for(
        user,
        FollowUpMeeting.objects.select_related("process__organisation"),
        pk,
        write=write,
        path_field=PROCESS_PATH,
    )
    require_inside(user, meeting.process)
    return meeting


def development_points_for(user, process: Process) -> QuerySet[DevelopmentPoint]:
    """All the process's points for a leader; only the person's own for anyone else."""
    points = DevelopmentPoint.objects.filter(process=process).select_related("person", "competence")
    if may_lead(user, process):
        return points
    return points.filter(person=user)


def get_point_for(user, pk, *, write: bool = False) -> DevelopmentPoint:
    point = access.get_for(
        user,
        DevelopmentPoint.objects.select_related("process__organisation", "person", "competence"),
        pk,
        path_field=PROCESS_PATH,
    )
    require_inside(user, point.process)
    leads = may_lead(user, point.process)
    if not leads and point.person_id != user.pk:
        raise Http404  # a colleague's point does not exist for others
    if write and not leads:
        raise PermissionDenied
    return point


def templates_for(user) -> QuerySet[ProcessTemplate]:
    """Templates published above or in the person's organisations, and those kept in them."""
    if user.is_authenticated and user.is_superuser:
        return ProcessTemplate.objects.select_related("organisation")
    paths = {path for path, _role in access.memberships(user)}
    ancestors = {
        int(part) for path in paths for part in path.strip("/").split("/") if part.isdigit()
    }
    own = Q()
    for path in paths:
        own |= Q(organisation__path__startswith=path)
    if not paths:
        return ProcessTemplate.objects.none()
    return ProcessTemplate.objects.filter(
        own | Q(published=True, organisation_id__in=ancestors)
    ).select_related("organisation")


def get_template_for(user, pk, *, write: bool = False) -> ProcessTemplate:
    try:
        template = templates_for(user).get(pk=pk)
    except (ProcessTemplate.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not access.has_role(user, template.organisation, access.PROCESS_WRITE_ROLES):
        raise PermissionDenied
    return template
