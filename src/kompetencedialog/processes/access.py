"""Lookups of processes and goals for a person: 404 outside their organisations."""

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


def get_goal_for(user, pk, *, write: bool = False) -> Goal:
    return access.get_for(user, Goal.objects.select_related("organisation"), pk, write=write)
