"""Lookups of processes and goals for a person: 404 outside their organisations.

What of a process a person may read is decided in ``processes.visibility``: the working
process (drafts, cards, outcomes) only by those inside it, the sent plan by those above it when
its leader shares it in full.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kompetencedialog.organisations import access
from kompetencedialog.processes.models import Goal, Outcome, PlanVersion, Process
from kompetencedialog.processes.visibility import (
    inside_q,
    is_inside,
    latest_sent,
    may_read_plan,
    require_inside,
)


def processes_for(user):
    """The processes the person works in (see ``visibility.is_inside``)."""
    return access.scope(Process.objects.select_related("organisation"), user).filter(inside_q(user))


def get_process_for(user, pk, *, write: bool = False) -> Process:
    """A process the person works in; ``write`` asks for a leader, administration or admin role.

    404 outside the person's organisations; 403 for someone above the process, to whom it
    exists (the overview shows it) but whose working texts are not theirs to read.
    """
    process = access.get_for(
        user, Process.objects.select_related("organisation", "toolkit"), pk, write=write
    )
    require_inside(user, process)
    return process


def get_plan_for(user, pk) -> tuple[Process, PlanVersion | None]:
    """A process whose plan the person may read, and its latest sent version.

    Those inside read the plan as it stands; those above only a sent one, and only when the
    leader shares it in full (403 otherwise, 404 outside their organisations).
    """
    process = access.get_for(user, Process.objects.select_related("organisation", "toolkit"), pk)
    if is_inside(user, process):
        return process, None
    latest = latest_sent(process)
    if not may_read_plan(user, process, latest):
        raise PermissionDenied
    return process, latest


def get_outcome_for(user, pk, *, write: bool = False) -> Outcome:
    outcome = access.get_for(
        user,
        Outcome.objects.select_related("process__organisation"),
        pk,
        write=write,
        path_field="process__organisation__path",
    )
    require_inside(user, outcome.process)
    return outcome


def goals_for(user):
    """The goals the person can see: those of their organisations and of the ones above them."""
    visible = access.visible_organisations(user).values("pk")
    return Goal.objects.filter(organisation__in=visible).select_related("organisation")


def get_goal_for(user, pk, *, write: bool = False) -> Goal:
    """A goal the person can see (also one set above them); ``write`` asks for a role on its
    organisation that may change processes."""
    try:
        goal = goals_for(user).get(pk=pk)
    except (Goal.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not access.has_role(user, goal.organisation, access.PROCESS_WRITE_ROLES):
        raise PermissionDenied
    return goal
