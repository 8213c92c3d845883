"""Who may see and who may run a process's meetings: 404 outside their organisations, 403
without the right. The process's leaders run its meetings, and so does anyone they appoint."""

from django.core.exceptions import PermissionDenied

from kompetencedialog.meetings.models import Facilitator, Meeting
from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Membership, Organisation, User
from kompetencedialog.processes.models import Process
from kompetencedialog.processes.visibility import is_inside


def may_facilitate(user, process: Process) -> bool:
    """A role in the process's own organisation that may change it, or an appointment as one of
    its facilitators (the leader's choice, also of someone above the institution)."""
    if not user.is_authenticated:
        return False
    if is_inside(user, process) and access.has_role(
        user, process.organisation, access.PROCESS_WRITE_ROLES
    ):
        return True
    return Facilitator.objects.filter(process=process, user=user).exists()


def get_process_to_facilitate(user, pk) -> Process:
    process = access.get_for(user, Process.objects.select_related("organisation", "toolkit"), pk)
    if not may_facilitate(user, process):
        raise PermissionDenied
    return process


def get_meeting_for(user, pk, *, write: bool = False) -> Meeting:
    """A meeting of a process the person can see; ``write`` asks for a facilitator."""
    meeting = access.get_for(
        user,
        Meeting.objects.select_related("process__organisation", "process__toolkit", "card"),
        pk,
        path_field="process__organisation__path",
    )
    if write and not may_facilitate(user, meeting.process):
        raise PermissionDenied
    # What was said is the institution's: above it, only an appointed facilitator reads it.
    if not is_inside(user, meeting.process) and not may_facilitate(user, meeting.process):
        raise PermissionDenied
    return meeting


def candidate_facilitators(process: Process):
    """The people who can see the process: members of its organisation or of one above it."""
    return people_who_see(process.organisation)


def people_who_see(organisation: Organisation):
    """The active members of the organisation or of one above it, who see its processes."""
    roles = Membership.objects.filter(
        organisation_id__in=[*organisation.ancestor_ids, organisation.pk]
    )
    return User.objects.filter(pk__in=roles.values("user_id"), is_active=True).order_by(
        "name", "email"
    )
