"""Who sees the overview: administration and admins on the organisation or above, and the
leader of an area for that area. Outside a person's organisations: 404; inside without the
role: 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Membership, Organisation
from kompetencedialog.processes.models import Process


def may_see_overview(user, organisation: Organisation) -> bool:
    if access.has_role(user, organisation, access.OVERVIEW_ROLES):
        return True
    leader_paths = [
        path
        for path, role in access.memberships(user)
        if role == Membership.Role.LEADER and organisation.path.startswith(path)
    ]
    return bool(leader_paths) and (
        Organisation.objects.filter(path__in=leader_paths, kind=Organisation.Kind.AREA).exists()
    )


def get_overview_organisation_for(user, pk) -> Organisation:
    """The organisation whose overview the person asks for; 404 if they cannot see it, 403
    without the role (also for an organisation above their own, which they see by name)."""
    organisation = access.get_visible_organisation(user, pk)
    if not may_see_overview(user, organisation):
        raise PermissionDenied
    return organisation


def may_see_an_overview(user) -> bool:
    """Whether the person may see any overview at all, without a query of its own."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(
        role in access.OVERVIEW_ROLES
        or (role == Membership.Role.LEADER and kind == Organisation.Kind.AREA)
        for _path, role, kind in access.memberships_with_kinds(user)
    )


def default_overview_organisation(user) -> Organisation | None:
    """The top-most organisation whose overview the person may see, if any."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Organisation.objects.filter(parent__isnull=True).order_by("name", "id").first()
    paths = [path for path, role in access.memberships(user) if role in access.OVERVIEW_ROLES]
    candidates = list(
        Organisation.objects.filter(path__in=paths)
        | Organisation.objects.filter(
            path__in=[p for p, r in access.memberships(user) if r == Membership.Role.LEADER],
            kind=Organisation.Kind.AREA,
        )
    )
    candidates.sort(key=lambda o: (o.depth, o.name))
    return candidates[0] if candidates else None


def get_overview_process_for(user, organisation: Organisation, pk) -> Process:
    """A process in the overview's subtree (404 outside it or outside the person's reach).

    That it exists is all this says: what of it the person may read is for
    ``processes.visibility`` to decide.
    """
    process = access.get_for(user, Process.objects.select_related("organisation"), pk)
    if not process.organisation.is_within(organisation):
        raise Http404
    return process
