"""Logging in with e-mail and password: throttling, password reset, session expiry."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from kompetencedialog.organisations import throttle
from kompetencedialog.organisations.models import Membership
from kompetencedialog.organisations.services import grant_memberships
from tests.factories import make_user


@pytest.fixture(autouse=True)
def clear_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def person(db):
    return make_user("lis@eksempel.test", name="Lis", password="rigtig-adgangskode", language="en")


def _login(client, email, password):
    return client.post("/konto/login/", {"username": email, "password": password})


def test_the_right_password_logs_in_with_an_expiring_session(client, person):
    response = _login(client, "LIS@eksempel.test", "rigtig-adgangskode")
    assert response.status_code == 302
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert client.session["sign_in_method"] == "password"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"  # the person's language


def test_a_wrong_password_is_refused_in_danish(client, person):
    response = _login(client, "lis@eksempel.test", "forkert")
    assert response.status_code == 200
    assert "E-mail eller adgangskode er forkert" in response.content.decode()
    assert 'value="lis@eksempel.test"' in response.content.decode()


def test_too_many_failures_block_even_the_right_password(client, person):
    for _ in range(throttle.MAX_FAILURES_PER_EMAIL):
        _login(client, "lis@eksempel.test", "forkert")
    response = _login(client, "lis@eksempel.test", "rigtig-adgangskode")
    assert response.status_code == 200
    assert "For mange forsøg" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_throttle_is_per_email(client, person):
    for _ in range(throttle.MAX_FAILURES_PER_EMAIL):
        _login(client, "en-anden@eksempel.test", "forkert")
    assert _login(client, "lis@eksempel.test", "rigtig-adgangskode").status_code == 302


def test_a_success_resets_the_count(client, person):
    for _ in range(throttle.MAX_FAILURES_PER_EMAIL - 1):
        _login(client, "lis@eksempel.test", "forkert")
    assert _login(client, "lis@eksempel.test", "rigtig-adgangskode").status_code == 302
    client.logout()
    _login(client, "lis@eksempel.test", "forkert")
    assert _login(client, "lis@eksempel.test", "rigtig-adgangskode").status_code == 302


def test_password_reset_by_email_in_danish(client, person):
    response = client.post("/konto/glemt-adgangskode/", {"email": "lis@eksempel.test"})
    assert response.status_code == 302
    message = mail.outbox[0]
    assert message.subject == "Ny adgangskode til Kompetencedialog"
    link = re.search(r"https?://\S+(/konto/nulstil/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Vælg en ny adgangskode" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "ny-og-lang-adgangskode", "new_password2": "ny-og-lang-adgangskode"},
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("ny-og-lang-adgangskode")


def test_reset_of_an_unknown_email_reveals_nothing(client, db):
    response = client.post("/konto/glemt-adgangskode/", {"email": "ingen@eksempel.test"})
    assert response.status_code == 302
    assert not mail.outbox


def test_grant_memberships_adds_only_missing_roles_and_audits_them(world):
    person = make_user("sso@eksempel.test")
    grants = [(world.institution, Membership.Role.STAFF), (world.team, Membership.Role.VIEWER)]
    assert len(grant_memberships(user=person, grants=grants)) == 2
    assert grant_memberships(user=person, grants=grants) == []
    assert person.memberships.count() == 2
