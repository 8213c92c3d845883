"""``/api/v1/me/`` and ``/api/v1/organisations/``: the caller and the organisations they can see."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from kompetencedialog.api.errors import answers
from kompetencedialog.api.pagination import Page, paginate
from kompetencedialog.api.types import Id, one_of
from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Membership, Organisation

router = Router(tags=["organisations"])


class OrganisationRef(Schema):
    id: int
    name: str
    kind: one_of(Organisation.Kind)


class MembershipOut(Schema):
    organisation: OrganisationRef
    role: one_of(Membership.Role)


class MeOut(Schema):
    email: str
    name: str
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    id: int
    name: str
    kind: one_of(Organisation.Kind)
    parent: int | None


class OrganisationDetailOut(OrganisationOut):
    institution_type: str
    address: str
    size: int | None
    path: list[int]


class OrganisationPage(Page):
    items: list[OrganisationOut]


def _organisation(organisation: Organisation) -> dict:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "kind": organisation.kind,
        "parent": organisation.parent_id,
    }


@router.get("me/", response=answers({200: MeOut}, 401), summary="The caller and their roles")
def me(request: HttpRequest):
    user = request.user
    memberships = user.memberships.select_related("organisation").order_by("organisation__path")
    return {
        "email": user.email,
        "name": user.name,
        "memberships": [
            {
                "organisation": {
                    "id": m.organisation_id,
                    "name": m.organisation.name,
                    "kind": m.organisation.kind,
                },
                "role": m.role,
            }
            for m in memberships
        ],
    }


@router.get(
    "organisations/",
    response=answers({200: OrganisationPage}, 401),
    summary="The organisations the caller can see",
)
def list_organisations(request: HttpRequest):
    organisations = access.visible_organisations(request.user).order_by("path")
    return paginate(request, organisations, _organisation)


@router.get(
    "organisations/{organisation_id}/",
    response=answers({200: OrganisationDetailOut}, 401, 403, 404, 422),
    summary="One organisation in the caller's subtrees",
)
def get_organisation(request: HttpRequest, organisation_id: Id):
    organisation = access.get_visible_organisation(request.user, organisation_id)
    if not access.roles_on(request.user, organisation) and not request.user.is_superuser:
        # Above the caller's own organisations: listed by name, its details are not theirs.
        raise PermissionDenied
    return {
        **_organisation(organisation),
        "institution_type": organisation.institution_type,
        "address": organisation.address,
        "size": organisation.size,
        "path": [int(part) for part in organisation.path.strip("/").split("/")],
    }
