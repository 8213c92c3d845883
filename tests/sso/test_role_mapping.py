"""Roles from claims: the one function that applies the mapping table, and its limits."""

import pytest
from django.core.exceptions import ValidationError

from kompetencedialog.organisations.models import Membership
from kompetencedialog.sso import services
from kompetencedialog.sso.forms import RoleMappingForm
from kompetencedialog.sso.models import IdentityProvider, MappedMembership, RoleMapping
from tests import factories
from tests.sso.servers import privilege_list

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def nabo_idp(world):
    return IdentityProvider.objects.create(
        organisation=world.other_municipality,
        name="Nabo IdP",
        protocol=IdentityProvider.Protocol.OIDC,
        email_domains="nabo.test",
        oidc_issuer="https://login.nabo.test/",
        oidc_client_id="kd",
        oidc_client_secret="x",
    )


@pytest.fixture
def eksempel_idp(world):
    return IdentityProvider.objects.create(
        organisation=world.municipality,
        name="Entra ID",
        protocol=IdentityProvider.Protocol.OIDC,
        email_domains="eksempel.test\nskole.eksempel.test",
        oidc_issuer="https://login.eksempel.test/",
        oidc_client_id="kd",
        oidc_client_secret="x",
    )


def test_mappings_grant_roles_and_take_away_only_their_own(world, eksempel_idp):
    RoleMapping.objects.create(
        identity_provider=eksempel_idp, claim_value="a", organisation=world.team, role=Role.STAFF
    )
    RoleMapping.objects.create(
        identity_provider=eksempel_idp, claim_value="b", organisation=world.area, role=Role.LEADER
    )
    user = world.staff  # a member of Solsikken by hand
    services.apply_role_mappings(user=user, identity_provider=eksempel_idp, values={"a", "b"})
    assert set(user.memberships.values_list("organisation__name", "role")) == {
        ("Børnehuset Solsikken", Role.STAFF),
        ("Bikuben", Role.STAFF),
        ("Område Nord", Role.LEADER),
    }
    services.apply_role_mappings(user=user, identity_provider=eksempel_idp, values={"b"})
    assert set(user.memberships.values_list("organisation__name", "role")) == {
        ("Børnehuset Solsikken", Role.STAFF),
        ("Område Nord", Role.LEADER),
    }
    services.apply_role_mappings(user=user, identity_provider=eksempel_idp, values=set())
    assert set(user.memberships.values_list("organisation__name", "role")) == {
        ("Børnehuset Solsikken", Role.STAFF)
    }
    assert not MappedMembership.objects.exists()


def test_a_mapping_outside_the_providers_organisation_never_grants_anything(world, nabo_idp):
    # Written straight into the table, past every form: apply_role_mappings must still refuse.
    RoleMapping.objects.create(
        identity_provider=nabo_idp,
        claim_value="admins",
        organisation=world.municipality,
        role=Role.ADMIN,
    )
    RoleMapping.objects.create(
        identity_provider=nabo_idp,
        claim_value="admins",
        organisation=world.other_institution,
        role=Role.LEADER,
    )
    user = factories.make_user("ny@nabo.test")
    result = services.apply_role_mappings(user=user, identity_provider=nabo_idp, values={"admins"})
    assert result["added"] == [[world.other_institution.pk, Role.LEADER]]
    assert set(user.memberships.values_list("organisation__name", "role")) == {
        ("Nabo Børnehus", Role.LEADER)
    }


def test_the_mapping_table_refuses_an_organisation_outside_the_tree(world, nabo_idp):
    mapping = RoleMapping(
        identity_provider=nabo_idp, claim_value="x", organisation=world.team, role=Role.STAFF
    )
    with pytest.raises(ValidationError):
        mapping.full_clean()
    form = RoleMappingForm(
        {"claim_value": "x", "organisation": world.team.pk, "role": Role.STAFF},
        identity_provider=nabo_idp,
    )
    assert not form.is_valid()
    assert "organisation" in form.errors


def test_another_providers_person_cannot_be_logged_in(world, nabo_idp):
    with pytest.raises(services.LoginRefused):
        services.log_in_externally(
            identity_provider=nabo_idp,
            subject="evil",
            email=world.leader.email,
            name="Not Lene",
            values=set(),
        )
    world.leader.refresh_from_db()
    assert world.leader.name == "Lene Leder"


def test_an_existing_person_is_linked_by_e_mail_within_the_providers_domains(world, eksempel_idp):
    user = services.log_in_externally(
        identity_provider=eksempel_idp,
        subject="sub-lene",
        email="LEDER@eksempel.test",
        name="Lene Leder-Lund",
        values=set(),
    )
    assert user == world.leader
    user.refresh_from_db()
    assert user.name == "Lene Leder-Lund"


def test_kombit_privilege_lists_give_each_role_with_and_without_its_scope():
    raw = privilege_list(("http://x/roles/jobrole/leder", "urn:dk:gov:saml:cvrNumberIdentifier:1"))
    assert services.claim_values([raw, "plain-group"]) == {
        "http://x/roles/jobrole/leder",
        "http://x/roles/jobrole/leder|urn:dk:gov:saml:cvrNumberIdentifier:1",
        "plain-group",
    }


def test_an_e_mail_domain_belongs_to_one_provider_only(world, eksempel_idp, nabo_idp):
    nabo_idp.email_domains = "nabo.test\neksempel.test"
    with pytest.raises(ValidationError) as error:
        nabo_idp.full_clean()
    assert "email_domains" in error.value.message_dict
    assert services.provider_for_email("x@skole.eksempel.test") == eksempel_idp
    assert services.provider_for_email("x@eksempel.test.evil") is None


def test_only_a_top_level_organisation_can_have_a_provider(world):
    idp = IdentityProvider(
        organisation=world.area,
        name="x",
        protocol=IdentityProvider.Protocol.SAML,
        email_domains="omraade.test",
        saml_metadata_xml="<x/>",
    )
    with pytest.raises(ValidationError) as error:
        idp.full_clean()
    assert "organisation" in error.value.message_dict


def test_platform_administrators_are_never_logged_in_by_a_municipality(world, eksempel_idp):
    factories.make_user("platform@eksempel.test", is_staff=True, is_superuser=True)
    with pytest.raises(services.LoginRefused):
        services.log_in_externally(
            identity_provider=eksempel_idp,
            subject="x",
            email="platform@eksempel.test",
            name="X",
            values=set(),
        )
