"""Lookups of processes and goals for a person: 404 outside their organisations."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kompetencedialog.organisations import access
from kompetencedialog.processes.models import Goal, Outcome, Process


def processes_for(user):
    """The processes the person can see."""
    return access.scope(Process.objects.select_related("organisation"), user)


def get_process_for(user, pk, *, write: bool = False) -> Process:
    """A process the person can see; ``write`` asks for a leader, administration or admin role."""
    return access.get_for(
        user, Process.objects.select_related("organisation", "toolkit"), pk, write=write
    )


def get_outcome_for(user, pk, *, write: bool = False) -> Outcome:
    return access.get_for(
        user,
        Outcome.objects.select_related("process__organisation"),
        pk,
        write=write,
        path_field="process__organisation__path",
    )


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
