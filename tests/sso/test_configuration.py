"""The organisation's page for single sign-on: read the set-up, test it, edit the role mappings."""

import pytest
from django.urls import reverse

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import Membership
from kompetencedialog.sso.models import IdentityProvider, RoleMapping
from tests import factories
from tests.conftest import client_for
from tests.sso.servers import make_key_pair

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def admin(world):
    return factories.make_member(world.municipality, Role.ADMIN, "admin@eksempel.test")


@pytest.fixture
def unreachable_idp(world):
    return IdentityProvider.objects.create(
        organisation=world.municipality,
        name="Entra ID",
        protocol=IdentityProvider.Protocol.OIDC,
        email_domains="eksempel.test",
        oidc_issuer="http://127.0.0.1:9/",
        oidc_client_id="kd",
        oidc_client_secret="hemmelig-vaerdi",
    )


def url(world):
    return reverse("sso:configuration", args=[world.municipality.pk])


def test_the_organisations_admin_reads_the_set_up_without_the_secret(world, admin, unreachable_idp):
    page = client_for(admin).get(url(world)).content.decode()
    assert "http://127.0.0.1:9/" in page
    assert "hemmelig-vaerdi" not in page
    assert f"/sso/oidc/{unreachable_idp.pk}/callback/" in page


def test_others_are_kept_out(world, unreachable_idp):
    assert client_for(world.outsider).get(url(world)).status_code == 404
    assert client_for(world.administration).get(url(world)).status_code == 403
    assert client_for(world.leader).get(url(world)).status_code == 404  # above her subtree


def test_the_admin_adds_and_removes_mappings_in_their_tree_only(world, admin, unreachable_idp):
    client = client_for(admin)
    response = client.post(
        url(world), {"claim_value": "grp-1", "organisation": world.team.pk, "role": Role.STAFF}
    )
    assert response.status_code == 302
    mapping = RoleMapping.objects.get()
    assert (mapping.claim_value, mapping.organisation, mapping.role) == (
        "grp-1",
        world.team,
        "staff",
    )
    assert AuditEntry.objects.filter(action="sso.mapping.added").exists()

    outside = client.post(
        url(world),
        {"claim_value": "grp-2", "organisation": world.other_institution.pk, "role": Role.ADMIN},
    )
    assert outside.status_code == 200
    assert "form-error-message" in outside.content.decode()
    assert RoleMapping.objects.count() == 1

    assert (
        client_for(world.outsider)
        .post(reverse("sso:delete_mapping", args=[mapping.pk]))
        .status_code
        == 404
    )
    assert client.post(reverse("sso:delete_mapping", args=[mapping.pk])).status_code == 302
    assert not RoleMapping.objects.exists()


def test_the_page_uses_the_same_queries_for_many_mappings(
    world, admin, unreachable_idp, django_assert_num_queries
):
    client = client_for(admin)
    client.get(url(world))
    RoleMapping.objects.create(
        identity_provider=unreachable_idp, claim_value="a", organisation=world.team, role="staff"
    )
    with django_assert_num_queries(8) as few:
        client.get(url(world))
    for number in range(20):
        RoleMapping.objects.create(
            identity_provider=unreachable_idp,
            claim_value=f"g{number}",
            organisation=world.area,
            role="viewer",
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url(world))


def test_testing_an_unreachable_provider_says_so_in_danish(world, admin, unreachable_idp):
    response = client_for(admin).post(reverse("sso:test", args=[world.municipality.pk]))
    page = response.content.decode()
    assert "Discovery-dokumentet kan ikke nås" in page
    assert "http://127.0.0.1:9/.well-known/openid-configuration" in page


def test_testing_a_working_oidc_provider_reports_each_check(world, admin, oidc_eksempel):
    response = client_for(admin).post(
        reverse("sso:test", args=[world.municipality.pk]), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="sso-results"')
    assert "Udstederen (issuer) passer" in page
    assert "Signeringsnøglerne kan nås" in page
    assert "Problem" not in page


def test_testing_saml_reports_a_bad_certificate_and_unreachable_metadata(
    world, admin, saml_eksempel
):
    idp, _server = saml_eksempel
    client = client_for(admin)
    page = client.post(reverse("sso:test", args=[world.municipality.pk])).content.decode()
    assert "Metadata beskriver identitetsudbyderen" in page
    assert "Vores private SP-nøgle passer til certifikatet" in page
    assert "Problem" not in page

    _old_key, old_certificate = make_key_pair("Old SP", days=30, offset_days=-400)
    idp.saml_sp_certificate = old_certificate
    idp.save()
    page = client.post(reverse("sso:test", args=[world.municipality.pk])).content.decode()
    assert "Vores SP-certifikat er udløbet" in page
    assert "Vores private SP-nøgle passer ikke til certifikatet" in page

    idp.saml_metadata_url = "http://127.0.0.1:9/metadata"
    idp.save()
    page = client.post(reverse("sso:test", args=[world.municipality.pk])).content.decode()
    assert "Metadata kan ikke hentes" in page
