"""Single sign-on end to end in Chromium, against a real OpenID Connect provider (pyop) and a real
SAML identity provider (pysaml2) running on 127.0.0.1."""

import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from kompetencedialog.organisations.models import Membership, User
from kompetencedialog.sso.models import RoleMapping
from tests import factories
from tests.sso.fixtures import (
    JOBROLE_LEADER,
    JOBROLE_STAFF,
    saml_identity_provider,
    saml_person,
)
from tests.sso.servers import SamlIdentityProvider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
Role = Membership.Role


@pytest.fixture
def sso_site_url(live_server):
    return live_server.url


def roles_of(email):
    return set(
        Membership.objects.filter(user__email=email).values_list("organisation__name", "role")
    )


def log_in_with_email(page, live_server, email):
    page.goto(live_server.url + "/konto/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Fortsæt").click()


def test_oidc_first_login_creates_the_person_and_a_changed_group_changes_the_role(
    page, live_server, axe, oidc_eksempel
):
    _idp, provider = oidc_eksempel
    provider.users["anna"] = {
        "email": "anna@eksempel.test",
        "name": "Anna Andersen",
        "groups": ["grp-leaders"],
    }
    provider.current = "anna"
    page.goto(live_server.url + "/konto/login/")
    axe(page)
    log_in_with_email(page, live_server, "anna@eksempel.test")
    expect(page.get_by_role("link", name="Anna Andersen")).to_be_visible()
    assert roles_of("anna@eksempel.test") == {("Børnehuset Solsikken", Role.LEADER)}

    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("heading", name="Logget ud")).to_be_visible()
    assert provider.logouts, "the provider's session was ended too"
    axe(page)

    provider.users["anna"]["groups"] = ["grp-staff"]
    log_in_with_email(page, live_server, "anna@eksempel.test")
    expect(page.get_by_role("link", name="Anna Andersen")).to_be_visible()
    assert roles_of("anna@eksempel.test") == {("Børnehuset Solsikken", Role.STAFF)}
    assert provider.errors == []


def test_saml_login_maps_kombit_job_roles_and_follows_changes(page, live_server, saml_eksempel):
    _idp, server = saml_eksempel
    server.current = saml_person("sofie@eksempel.test", "Sofie Skov", JOBROLE_LEADER)
    log_in_with_email(page, live_server, "sofie@eksempel.test")
    expect(page.get_by_role("link", name="Sofie Skov")).to_be_visible()
    assert roles_of("sofie@eksempel.test") == {("Børnehuset Solsikken", Role.LEADER)}

    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("heading", name="Logget ud")).to_be_visible()
    assert server.logouts == ["subject-sofie@eksempel.test"]

    server.current = saml_person("sofie@eksempel.test", "Sofie Skov", JOBROLE_STAFF)
    log_in_with_email(page, live_server, "sofie@eksempel.test")
    expect(page.get_by_role("link", name="Sofie Skov")).to_be_visible()
    assert roles_of("sofie@eksempel.test") == {("Bikuben", Role.STAFF)}
    assert server.errors == []


def test_a_tampered_saml_assertion_is_refused_with_a_danish_message(
    page, live_server, axe, saml_eksempel
):
    _idp, server = saml_eksempel
    server.current = saml_person("svend@eksempel.test", "Svend", JOBROLE_STAFF)
    server.tamper = ("Svend", "Chefen")
    server.set_mode("tamper")
    log_in_with_email(page, live_server, "svend@eksempel.test")
    expect(page.get_by_role("heading", name="Login afvist")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("ugyldig signatur")
    axe(page)
    assert not User.objects.filter(email="svend@eksempel.test").exists()


def test_an_expired_saml_assertion_is_refused_with_a_danish_message(
    page, live_server, saml_eksempel
):
    _idp, server = saml_eksempel
    server.current = saml_person("sen@eksempel.test", "Sara Sen", JOBROLE_STAFF)
    server.set_mode("hold")
    log_in_with_email(page, live_server, "sen@eksempel.test")
    send = page.get_by_role("button", name="Send the answer")
    expect(send).to_be_visible()
    # The answer waits at the identity provider's page for ten minutes before it is sent.
    with time_machine.travel(datetime.timedelta(minutes=10)):
        send.click()
        expect(page.get_by_role("alert")).to_contain_text("udløbet")
    assert not User.objects.filter(email="sen@eksempel.test").exists()


def test_nabo_kommunes_identity_provider_never_grants_access_to_eksempel_kommune(
    page, live_server, world, settings, sso_site_url
):
    settings.SITE_URL = sso_site_url
    server = SamlIdentityProvider().start()
    try:
        nabo = saml_identity_provider(world.other_municipality, "nabo.test", server)
        # A mapping that points into Eksempel Kommune, written past every form and check.
        RoleMapping.objects.create(
            identity_provider=nabo,
            claim_value=JOBROLE_LEADER,
            organisation=world.municipality,
            role=Role.ADMIN,
        )
        RoleMapping.objects.create(
            identity_provider=nabo,
            claim_value=JOBROLE_LEADER,
            organisation=world.other_institution,
            role=Role.LEADER,
        )
        server.current = saml_person("nanna@nabo.test", "Nanna Nabo", JOBROLE_LEADER)
        log_in_with_email(page, live_server, "nanna@nabo.test")
        expect(page.get_by_role("link", name="Nanna Nabo")).to_be_visible()
        assert roles_of("nanna@nabo.test") == {("Nabo Børnehus", Role.LEADER)}
        page.goto(live_server.url + f"/sso/organisation/{world.municipality.pk}/")
        assert "Siden findes ikke" in page.content() or page.title().startswith("Siden")
        page.get_by_role("button", name="Log ud").click()
        expect(page.get_by_role("heading", name="Logget ud")).to_be_visible()

        # Nabo's provider vouching for an Eksempel address is refused outright.
        server.current = saml_person(world.leader.email, "Ikke Lene", JOBROLE_LEADER)
        page.goto(live_server.url + f"/sso/{nabo.pk}/login/")
        expect(page.get_by_role("alert")).to_contain_text(
            "Nabo Kommune må ikke logge personer ind med e-mailadressen leder@eksempel.test"
        )
        world.leader.refresh_from_db()
        assert world.leader.name == "Lene Leder"
        assert not Membership.objects.filter(
            organisation__path__startswith=world.municipality.path,
            user__email__endswith="nabo.test",
        ).exists()
    finally:
        server.stop()


def test_passwords_switched_off_are_explained_on_the_login_page(
    page, live_server, axe, oidc_eksempel, world
):
    idp, _provider = oidc_eksempel
    idp.passwords_disabled = True
    idp.enabled = False
    idp.save()
    log_in_with_email(page, live_server, world.leader.email)
    expect(page.get_by_role("alert")).to_contain_text("Adgangskoder er slået fra")
    expect(page.get_by_label("Adgangskode")).to_have_count(0)
    axe(page)
    log_in_with_email(page, live_server, world.outsider.email)
    page.get_by_label("Adgangskode").fill("pw")
    axe(page)
    page.get_by_role("button", name="Log ind", exact=True).click()
    expect(page.get_by_role("link", name="Niels Nabo")).to_be_visible()


def test_the_configuration_page_tests_the_connection_and_edits_mappings(
    page, live_server, axe, login, oidc_eksempel, world
):
    admin = factories.make_member(world.municipality, Role.ADMIN, "admin@eksempel.test")
    login(admin)
    page.goto(live_server.url + f"/sso/organisation/{world.municipality.pk}/")
    expect(page.get_by_role("heading", name="Single sign-on: Eksempel Kommune")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Test forbindelsen").click()
    expect(page.locator("#sso-results")).to_contain_text("Udstederen (issuer) passer")
    axe(page)
    page.get_by_label("Claim-værdi").fill("grp-paedagoger")
    page.get_by_label("Organisation").select_option(value=str(world.team.pk))
    page.get_by_label("Rolle", exact=True).select_option(label="Medarbejder")
    page.get_by_role("button", name="Tilføj kobling").click()
    expect(page.locator(".kd-messages")).to_contain_text("Koblingen er tilføjet")
    expect(page.get_by_role("cell", name="grp-paedagoger", exact=True)).to_be_visible()
    axe(page)
    page.screenshot(path="/tmp/sso-configuration.png", full_page=True)
