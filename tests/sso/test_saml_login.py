"""Logging in through a real SAML identity provider (pysaml2), checked by pysaml2 on our side."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from kompetencedialog.organisations.models import Membership, User
from kompetencedialog.sso.models import ExternalIdentity
from tests.sso.fixtures import JOBROLE_LEADER, JOBROLE_STAFF, follow_saml, log_in_saml, saml_person

Role = Membership.Role


def roles_of(email):
    return set(
        Membership.objects.filter(user__email=email).values_list("organisation__name", "role")
    )


@pytest.mark.django_db
def test_first_login_creates_the_person_with_the_mapped_roles(client, saml_eksempel):
    idp, server = saml_eksempel
    server.current = saml_person("ny.leder@eksempel.test", "Nina Ny", JOBROLE_LEADER)
    response = log_in_saml(client, idp, next_url="/forloeb/")
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/forloeb/"
    user = User.objects.get(email="ny.leder@eksempel.test")
    assert user.name == "Nina Ny"
    assert roles_of(user.email) == {("Børnehuset Solsikken", Role.LEADER)}
    assert ExternalIdentity.objects.get(user=user).subject == "subject-ny.leder@eksempel.test"
    assert client.get(reverse("organisations:profile")).status_code == 200


@pytest.mark.django_db
def test_a_changed_job_role_changes_the_role_at_next_login(client, saml_eksempel, world):
    idp, server = saml_eksempel
    server.current = saml_person("skift@eksempel.test", "Sofie Skift", JOBROLE_LEADER)
    assert log_in_saml(client, idp).status_code == 302
    # A role given by hand is not the identity provider's to take away.
    user = User.objects.get(email="skift@eksempel.test")
    Membership.objects.create(user=user, organisation=world.area, role=Role.VIEWER)
    client.post(reverse("sso:logout"))

    server.current = saml_person("skift@eksempel.test", "Sofie Skift-Hansen", JOBROLE_STAFF)
    assert log_in_saml(client, idp).status_code == 302
    user.refresh_from_db()
    assert user.name == "Sofie Skift-Hansen"
    assert roles_of(user.email) == {("Bikuben", Role.STAFF), ("Område Nord", Role.VIEWER)}


@pytest.mark.django_db
def test_a_tampered_assertion_is_refused_with_a_clear_message(client, saml_eksempel):
    idp, server = saml_eksempel
    server.current = saml_person("snyd@eksempel.test", "Sune Snyd", JOBROLE_STAFF)
    server.tamper = ("Sune Snyd", "Sune Chef")
    server.set_mode("tamper")
    response = log_in_saml(client, idp)
    assert response.status_code == 403
    assert "ugyldig signatur" in response.content.decode()
    assert not User.objects.filter(email="snyd@eksempel.test").exists()


@pytest.mark.django_db
def test_an_expired_assertion_is_refused_with_a_clear_message(client, saml_eksempel):
    idp, server = saml_eksempel
    server.current = saml_person("sen@eksempel.test", "Sara Sen", JOBROLE_STAFF)
    fields, acs = follow_saml(client, idp)
    # The answer is valid for 5 minutes, with 2 minutes' allowance for clock skew.
    with time_machine.travel(datetime.timedelta(minutes=8)):
        response = client.post(acs, fields)
    assert response.status_code == 403
    assert "udløbet" in response.content.decode()
    assert not User.objects.filter(email="sen@eksempel.test").exists()


@pytest.mark.django_db
def test_an_answer_can_be_used_once_only(client, saml_eksempel):
    idp, server = saml_eksempel
    server.current = saml_person("igen@eksempel.test", "Ida Igen", JOBROLE_STAFF)
    fields, acs = follow_saml(client, idp)
    assert client.post(acs, fields).status_code == 302
    client.post(reverse("sso:logout"))
    replay = client.post(acs, fields)
    assert replay.status_code == 403
    assert "allerede brugt" in replay.content.decode()


@pytest.mark.django_db
def test_an_encrypted_assertion_is_decrypted_with_our_key(client, saml_eksempel):
    idp, server = saml_eksempel
    server.encrypt_for = idp.saml_sp_certificate
    server.current = saml_person("hemmelig@eksempel.test", "Hanne Hemmelig", JOBROLE_LEADER)
    fields, acs = follow_saml(client, idp)
    assert client.post(acs, fields).status_code == 302
    assert roles_of("hemmelig@eksempel.test") == {("Børnehuset Solsikken", Role.LEADER)}


@pytest.mark.django_db
def test_our_sp_metadata_is_served_at_a_stable_address(client, saml_eksempel):
    idp, _server = saml_eksempel
    response = client.get(f"/sso/saml/{idp.pk}/metadata/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f'entityID="http://testserver/sso/saml/{idp.pk}/metadata/"' in xml
    assert f"http://testserver/sso/saml/{idp.pk}/acs/" in xml
    assert "X509Certificate" in xml


@pytest.mark.django_db
def test_single_logout_logs_out_at_the_identity_provider_too(client, saml_eksempel):
    import requests

    idp, server = saml_eksempel
    server.current = saml_person("ud@eksempel.test", "Ulla Ud", JOBROLE_STAFF)
    assert log_in_saml(client, idp).status_code == 302
    response = client.post(reverse("sso:logout"))
    target = response.context["url"]
    assert target.startswith(server.base + "/slo/redirect")
    back = requests.get(target, allow_redirects=False, timeout=10)
    assert server.logouts == ["subject-ud@eksempel.test"]
    assert back.headers["Location"].startswith(f"http://testserver/sso/saml/{idp.pk}/sls/")
    page = client.get(back.headers["Location"].removeprefix("http://testserver"))
    assert page.status_code == 200
    assert "Du er logget ud" in page.content.decode() or page.context["user"].is_anonymous
    assert client.get(reverse("organisations:profile")).status_code == 302
