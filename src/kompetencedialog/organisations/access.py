"""Who may see and do what. Every view, API endpoint, consumer and export asks here.

A role on an organisation applies to its whole subtree. Outside a person's organisations an
object does not exist for them (404); inside, without the right role, it is forbidden (403).
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from kompetencedialog.organisations.models import (
    AccessToken,
    Invitation,
    Membership,
    Organisation,
    User,
)

Role = Membership.Role

#: Roles that may change processes, outcomes and plans in their subtree.
PROCESS_WRITE_ROLES = frozenset({Role.ADMIN, Role.LEADER, Role.ADMINISTRATION})
#: Roles that may manage organisations, people and invitations in their subtree.
ORGANISATION_ADMIN_ROLES = frozenset({Role.ADMIN})
#: Roles that see the aggregated overview of their subtree.
OVERVIEW_ROLES = frozenset({Role.ADMIN, Role.ADMINISTRATION})


def memberships(user) -> list[tuple[str, str]]:
    """(organisation path, role) for each of the person's memberships; one query per request."""
    return [(path, role) for path, role, _kind in memberships_with_kinds(user)]


def memberships_with_kinds(user) -> list[tuple[str, str, str]]:
    """(organisation path, role, organisation kind) for each membership, cached on the person."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_kd_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).values_list(
                "organisation__path", "role", "organisation__kind"
            )
        )
        user._kd_memberships = cached
    return cached


def roles_on(user, organisation: Organisation) -> set[str]:
    """The roles the person holds on the organisation, directly or through an ancestor."""
    return {role for path, role in memberships(user) if organisation.path.startswith(path)}


def has_role(user, organisation: Organisation, roles: Iterable[str]) -> bool:
    if user.is_authenticated and user.is_superuser:
        return True
    return bool(roles_on(user, organisation) & set(roles))


def scope(queryset: QuerySet, user, *, path_field: str = "organisation__path", roles=None):
    """Only the rows in the subtrees where the person has a membership (with one of ``roles``)."""
    if user.is_authenticated and user.is_superuser:
        return queryset
    paths = {path for path, role in memberships(user) if roles is None or role in roles}
    if not paths:
        return queryset.none()
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return queryset.filter(condition)


def visible_organisations(user) -> QuerySet[Organisation]:
    """The organisations in the person's subtrees, and the ones above them (names only)."""
    if user.is_authenticated and user.is_superuser:
        return Organisation.objects.all()
    ancestor_ids = {
        int(part) for path, _role in memberships(user) for part in path.strip("/").split("/")
    }
    return scope(Organisation.objects.all(), user, path_field="path") | Organisation.objects.filter(
        pk__in=ancestor_ids
    )


def get_visible_organisation(user, pk) -> Organisation:
    """An organisation the person can see (``visible_organisations``): 404 for any other.

    Callers check the role they need and answer 403 without it: an organisation listed to the
    person exists for them, even when they may not act on it.
    """
    try:
        return visible_organisations(user).get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_for(
    user,
    queryset: QuerySet,
    pk,
    *,
    write: bool = False,
    write_roles: Iterable[str] = PROCESS_WRITE_ROLES,
    path_field: str = "organisation__path",
) -> Model:
    """The object if the person may see it; 404 outside their organisations, 403 without the right.

    The building block of every ``get_<thing>_for`` helper.
    """
    try:
        obj = scope(queryset, user, path_field=path_field).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write:
        path = _path_of(obj, path_field)
        if not (
            user.is_superuser
            or any(path.startswith(p) and role in set(write_roles) for p, role in memberships(user))
        ):
            raise PermissionDenied
    return obj


def _path_of(obj: Model, path_field: str) -> str:
    value = obj
    for part in path_field.split("__"):
        value = getattr(value, part)
    return value


def lead_organisations(user) -> QuerySet[Organisation]:
    """Where the person leads: their subtrees with a role in ``PROCESS_WRITE_ROLES``, no teams."""
    return scope(
        Organisation.objects.exclude(kind=Organisation.Kind.TEAM),
        user,
        path_field="path",
        roles=PROCESS_WRITE_ROLES,
    ).order_by("path")


def get_organisation_for(user, pk, *, write: bool = False) -> Organisation:
    """An organisation in the person's subtrees; ``write`` asks for the admin role."""
    return get_for(
        user,
        Organisation.objects.all(),
        pk,
        write=write,
        write_roles=ORGANISATION_ADMIN_ROLES,
        path_field="path",
    )


def is_organisation_admin(user, organisation: Organisation) -> bool:
    return has_role(user, organisation, ORGANISATION_ADMIN_ROLES)


def administered_organisations(user) -> QuerySet[Organisation]:
    """The organisations the person may manage (their admin subtrees)."""
    return scope(
        Organisation.objects.all(), user, path_field="path", roles=ORGANISATION_ADMIN_ROLES
    )


def get_membership_for(user, pk, *, write: bool = False) -> Membership:
    """A role in the person's subtrees; ``write`` (change or remove it) asks for the admin role."""
    return get_for(
        user,
        Membership.objects.select_related("organisation", "user"),
        pk,
        write=write,
        write_roles=ORGANISATION_ADMIN_ROLES,
    )


def get_invitation_for(user, pk, *, write: bool = False) -> Invitation:
    return get_for(
        user,
        Invitation.objects.select_related("organisation"),
        pk,
        write=write,
        write_roles=ORGANISATION_ADMIN_ROLES,
    )


def get_person_for(user, organisation: Organisation, pk) -> User:
    """A person with a role in the organisation's subtree, which the caller administers.

    Look the organisation up with ``get_organisation_for(…, write=True)`` first.
    """
    people = User.objects.filter(memberships__organisation__path__startswith=organisation.path)
    try:
        return people.distinct().get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_token_for(user, pk) -> AccessToken:
    """One of the person's own access tokens; anyone else's does not exist for them."""
    if not user.is_authenticated:
        raise Http404
    try:
        return AccessToken.objects.select_related("user").get(pk=pk, user=user)
    except (AccessToken.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
