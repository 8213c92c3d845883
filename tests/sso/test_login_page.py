"""The log-in page asks for the e-mail first, then sends the person to the right place."""

import pytest
from django.urls import reverse

from kompetencedialog.sso.models import IdentityProvider

pytestmark = pytest.mark.django_db


@pytest.fixture
def eksempel_idp(world):
    return IdentityProvider.objects.create(
        organisation=world.municipality,
        name="Entra ID",
        protocol=IdentityProvider.Protocol.OIDC,
        email_domains="eksempel.test",
        oidc_issuer="https://login.eksempel.test/",
        oidc_client_id="kd",
        oidc_client_secret="x",
    )


def test_the_page_asks_for_the_e_mail_first(client):
    page = client.get(reverse("login")).content.decode()
    assert 'name="email"' in page
    assert 'name="password"' not in page


def test_an_e_mail_of_an_sso_domain_goes_to_its_identity_provider(client, eksempel_idp):
    response = client.post(reverse("sso:start"), {"email": "Ny@Eksempel.test", "next": "/forloeb/"})
    assert response.status_code == 200  # a page that moves on at once, allowed by our CSP
    assert response.context["url"].startswith(reverse("sso:login", args=[eksempel_idp.pk]))
    assert "next=%2Fforloeb%2F" in response.context["url"]
    assert "Eksempel Kommune" in response.content.decode()


def test_other_e_mails_are_asked_for_the_password(client, world, eksempel_idp):
    response = client.post(reverse("sso:start"), {"email": "leder@nabo.test"}, follow=True)
    page = response.content.decode()
    assert 'name="password"' in page
    assert 'value="leder@nabo.test"' in page
    response = client.post(
        reverse("login"), {"username": "leder@nabo.test", "password": "pw"}, follow=True
    )
    assert response.context["user"] == world.outsider


def test_a_disabled_provider_leaves_the_password(client, world, eksempel_idp):
    eksempel_idp.enabled = False
    eksempel_idp.save()
    response = client.post(reverse("sso:start"), {"email": "leder@eksempel.test"})
    assert response["Location"].startswith(reverse("login") + "?email=")


def test_a_wrong_e_mail_is_shown_next_to_the_field(client):
    response = client.post(reverse("sso:start"), {"email": "ikke-en-adresse"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "form-error-message" in page
    assert 'value="ikke-en-adresse"' in page


def test_passwords_switched_off_give_a_clear_message_and_no_log_in(client, world, eksempel_idp):
    eksempel_idp.passwords_disabled = True
    eksempel_idp.enabled = False  # even while the provider itself is switched off
    eksempel_idp.save()
    page = client.get(reverse("login"), {"email": "leder@eksempel.test"}).content.decode()
    assert "Adgangskoder er slået fra" in page
    assert 'name="password"' not in page
    response = client.post(reverse("login"), {"username": "leder@eksempel.test", "password": "pw"})
    assert response.status_code == 200
    assert "Adgangskoder er slået fra" in response.content.decode()
    assert response.context["user"].is_anonymous


def test_passwords_switched_off_for_an_organisation_cover_its_members_of_other_domains(
    client, world, eksempel_idp
):
    from tests import factories

    eksempel_idp.passwords_disabled = True
    eksempel_idp.save()
    factories.make_member(world.team, "staff", "vikar@gmail.test")
    response = client.post(reverse("login"), {"username": "vikar@gmail.test", "password": "pw"})
    assert response.context["user"].is_anonymous
    assert "Adgangskoder er slået fra" in response.content.decode()
    # Nabo Kommune's people are not touched.
    response = client.post(reverse("login"), {"username": "leder@nabo.test", "password": "pw"})
    assert response.status_code == 302


def test_log_out_without_single_sign_on_just_logs_out(world):
    from tests.conftest import client_for

    client = client_for(world.leader)
    response = client.post(reverse("sso:logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get(reverse("organisations:profile")).status_code == 302
