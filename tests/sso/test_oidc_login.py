"""Logging in through a real OpenID Connect provider (pyop), checked by Authlib on our side."""

import pytest
import requests
from django.urls import reverse

from kompetencedialog.organisations.models import Membership, User
from tests.sso.fixtures import log_in_oidc

Role = Membership.Role


def roles_of(email):
    return set(
        Membership.objects.filter(user__email=email).values_list("organisation__name", "role")
    )


@pytest.mark.django_db
def test_first_login_creates_the_person_with_the_mapped_roles(client, oidc_eksempel):
    idp, provider = oidc_eksempel
    provider.users["anna"] = {
        "email": "anna@eksempel.test",
        "name": "Anna Andersen",
        "groups": ["grp-leaders", "grp-unknown"],
    }
    provider.current = "anna"
    response = log_in_oidc(client, idp, next_url="/forloeb/")
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/forloeb/"
    user = User.objects.get(email="anna@eksempel.test")
    assert user.name == "Anna Andersen"
    assert roles_of(user.email) == {("Børnehuset Solsikken", Role.LEADER)}
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_a_changed_group_changes_the_role_at_next_login(client, oidc_eksempel):
    idp, provider = oidc_eksempel
    provider.users["bo"] = {"email": "bo@eksempel.test", "name": "Bo", "groups": ["grp-leaders"]}
    provider.current = "bo"
    assert log_in_oidc(client, idp).status_code == 302
    client.post(reverse("sso:logout"))
    provider.users["bo"] = {
        "email": "bo.berg@eksempel.test",
        "name": "Bo Berg",
        "groups": ["grp-staff"],
    }
    assert log_in_oidc(client, idp).status_code == 302
    user = User.objects.get(email="bo.berg@eksempel.test")  # the same person, with a new address
    assert user.name == "Bo Berg"
    assert roles_of(user.email) == {("Børnehuset Solsikken", Role.STAFF)}
    assert User.objects.filter(email__startswith="bo").count() == 1


@pytest.mark.django_db
def test_an_expired_id_token_is_refused_with_a_clear_message(client, oidc_eksempel):
    idp, provider = oidc_eksempel
    provider.users["gammel"] = {"email": "gammel@eksempel.test", "name": "G", "groups": []}
    provider.current = "gammel"
    provider.set_id_token_lifetime(-3600)
    response = log_in_oidc(client, idp)
    assert response.status_code == 403
    assert "Svaret fra identitetsudbyderen er udløbet" in response.content.decode()
    assert not User.objects.filter(email="gammel@eksempel.test").exists()


@pytest.mark.django_db
def test_a_code_can_be_used_once_only(client, oidc_eksempel):
    idp, provider = oidc_eksempel
    provider.users["c"] = {"email": "c@eksempel.test", "name": "C", "groups": []}
    provider.current = "c"
    start = client.get(reverse("sso:login", args=[idp.pk]))
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    callback = answer.headers["Location"].removeprefix("http://testserver")
    assert client.get(callback).status_code == 302
    client.post(reverse("sso:logout"))
    replay = client.get(callback)
    assert replay.status_code == 403
    assert "allerede brugt" in replay.content.decode()


@pytest.mark.django_db
def test_a_person_of_another_domain_is_refused(client, oidc_eksempel):
    idp, provider = oidc_eksempel
    provider.users["x"] = {"email": "leder@nabo.test", "name": "X", "groups": ["grp-leaders"]}
    provider.current = "x"
    response = log_in_oidc(client, idp)
    assert response.status_code == 403
    assert (
        "må ikke logge personer ind med e-mailadressen leder@nabo.test" in response.content.decode()
    )
    assert client.get(reverse("organisations:profile")).status_code == 302


@pytest.mark.django_db
def test_log_out_ends_the_session_at_the_provider_too(client, oidc_eksempel):
    idp, provider = oidc_eksempel
    provider.users["d"] = {"email": "d@eksempel.test", "name": "D", "groups": []}
    provider.current = "d"
    assert log_in_oidc(client, idp).status_code == 302
    response = client.post(reverse("sso:logout"))
    assert response.status_code == 200  # a page that moves on at once, allowed by our CSP
    target = response.context["url"]
    assert target.startswith(provider.base + "/logout?")
    assert f'content="0;url={target.replace("&", "&amp;")}"' in response.content.decode()
    back = requests.get(target, allow_redirects=False, timeout=10)
    assert back.headers["Location"].startswith("http://testserver/sso/logget-ud/")
    assert "id_token_hint" in provider.logouts[0]
    assert client.get(reverse("organisations:profile")).status_code == 302
