"""Logging in with e-mail and password: throttling, password reset, session expiry."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations import services, throttle
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


NGINX = "10.0.0.1"


@pytest.fixture
def behind_proxy(settings):
    """Requests arrive from our nginx, which names the client in X-Forwarded-For."""
    settings.TRUSTED_PROXIES = [NGINX]


def _login_from(client, address, email, password):
    return client.post(
        "/konto/login/",
        {"username": email, "password": password},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=address,
    )


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved forward by hand."""
    moment = [throttle.now()]
    monkeypatch.setattr(throttle, "now", lambda: moment[0])
    return moment


# Lis's e-mail with a full-width first letter (U+FF4C), which NFKC turns into an l.
FULL_WIDTH_LIS = "\uff4cis@eksempel.test"


def _fail_until_held(client, address, email):
    for _ in range(throttle.FREE_FAILURES_PER_PAIR + 1):
        _login_from(client, address, email, "forkert")


def test_failures_make_the_next_attempt_wait_and_say_how_long(client, person, behind_proxy, clock):
    _fail_until_held(client, "203.0.113.5", "lis@eksempel.test")
    response = _login_from(client, "203.0.113.5", "lis@eksempel.test", "rigtig-adgangskode")
    assert response.status_code == 429
    assert "For mange forsøg. Vent 2 sekunder, og prøv igen." in response.content.decode()
    assert "_auth_user_id" not in client.session

    clock[0] += 3  # the wait is over; the next failure doubles it
    _login_from(client, "203.0.113.5", "lis@eksempel.test", "forkert")
    response = _login_from(client, "203.0.113.5", "lis@eksempel.test", "forkert")
    assert "Vent 4 sekunder" in response.content.decode()

    clock[0] += 5
    assert (
        _login_from(client, "203.0.113.5", "lis@eksempel.test", "rigtig-adgangskode").status_code
        == 302
    )


def test_long_waits_are_told_in_minutes_and_never_exceed_fifteen(
    client, person, behind_proxy, clock
):
    for _ in range(20):
        _login_from(client, "203.0.113.5", "lis@eksempel.test", "forkert")
        clock[0] += throttle.MAX_DELAY_SECONDS
    _login_from(client, "203.0.113.5", "lis@eksempel.test", "forkert")
    response = _login_from(client, "203.0.113.5", "lis@eksempel.test", "rigtig-adgangskode")
    assert "Vent 15 minutter, og prøv igen." in response.content.decode()


def test_failures_from_one_client_never_hold_back_another_behind_the_proxy(
    client, person, behind_proxy
):
    for number in range(100):
        _login_from(client, "203.0.113.5", f"nogen{number % 7}@eksempel.test", "forkert")
        _login_from(client, "203.0.113.5", "lis@eksempel.test", "forkert")
    assert _login_from(client, "203.0.113.5", "andre@eksempel.test", "x").status_code == 429

    response = _login_from(client, "198.51.100.7", "lis@eksempel.test", "rigtig-adgangskode")
    assert response.status_code == 302


def test_a_full_width_variant_of_a_held_email_is_held_too(client, person, behind_proxy):
    _fail_until_held(client, "203.0.113.5", "lis@eksempel.test")
    for variant in [FULL_WIDTH_LIS, " LIS@eksempel.test ", "lis@\uff45ksempel.test"]:
        response = _login_from(client, "203.0.113.5", variant, "rigtig-adgangskode")
        assert response.status_code == 429, variant
        assert "For mange forsøg" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_strangers_cannot_keep_the_administrator_out(client, db, behind_proxy):
    make_user("admin@eksempel.test", password="admins-adgangskode", is_superuser=True)
    assert (
        _login_from(client, "192.0.2.10", "admin@eksempel.test", "admins-adgangskode").status_code
        == 302
    )
    client.logout()

    # A hundred strangers, and one of them a hundred times, guess at the administrator's e-mail.
    for number in range(100):
        _login_from(client, f"203.0.113.{number}", "admin@eksempel.test", "gæt")
        _login_from(client, "198.51.100.99", "admin@eksempel.test", "gæt")

    # The guessing is slowed down for everyone without a recent log-in ...
    stranger = _login_from(client, "198.51.100.200", "admin@eksempel.test", "endnu et gæt")
    assert stranger.status_code == 429
    # ... but the administrator logs in from their own place at once.
    response = _login_from(client, "192.0.2.10", "admin@eksempel.test", "admins-adgangskode")
    assert response.status_code == 302


def test_the_owner_is_told_once_when_their_account_is_guessed_at(
    client, person, behind_proxy, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    for number in range(3 * throttle.NOTICE_AFTER_FAILURES):
        _login_from(client, f"203.0.113.{number}", "LIS@eksempel.test", "gæt")
        _login_from(client, f"203.0.113.{number}", "ingen-konto@eksempel.test", "gæt")
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == ["lis@eksempel.test"]
    assert "Someone is trying to log in to your account" in notice.subject  # Lis reads English
    assert f"{throttle.NOTICE_AFTER_FAILURES} attempts" in notice.body
    assert "/konto/glemt-adgangskode/" in notice.body


def test_the_notice_is_queued_for_the_worker_in_danish(person, behind_proxy, client):
    from django_tasks_db.models import DBTaskResult

    from kompetencedialog.organisations.tasks import send_login_notice

    person.language = "da"
    person.save()
    for number in range(throttle.NOTICE_AFTER_FAILURES):
        _login_from(client, f"203.0.113.{number}", "lis@eksempel.test", "gæt")
    assert not mail.outbox
    assert DBTaskResult.objects.filter(task_path__endswith="send_login_notice").count() == 1
    send_login_notice.call(person.pk, 12)
    assert mail.outbox[0].subject == "Nogen prøver at logge ind på din konto"
    assert "12 forsøg" in mail.outbox[0].body


def test_the_throttle_is_per_email(client, person):
    for _ in range(throttle.FREE_FAILURES_PER_PAIR + 1):
        _login(client, "en-anden@eksempel.test", "forkert")
    assert _login(client, "lis@eksempel.test", "rigtig-adgangskode").status_code == 302


def test_a_success_resets_the_count(client, person):
    for _ in range(throttle.FREE_FAILURES_PER_PAIR):
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


def _reset(client, email, address="203.0.113.5"):
    return client.post(
        "/konto/glemt-adgangskode/",
        {"email": email},
        REMOTE_ADDR=NGINX,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_reset_mails_are_limited_per_account_without_telling_who_has_one(
    client, person, behind_proxy
):
    answers = [_reset(client, "lis@eksempel.test", f"203.0.113.{n}") for n in range(20)]
    assert len(mail.outbox) == throttle.RESETS_PER_EMAIL
    refused = answers[throttle.RESETS_PER_EMAIL]
    assert refused.status_code == 429
    assert "For mange forsøg. Vent 60 minutter, og prøv igen." in refused.content.decode()

    for n in range(throttle.RESETS_PER_EMAIL):
        _reset(client, "ingen@eksempel.test", f"198.51.100.{n}")
    unknown = _reset(client, "ingen@eksempel.test", "198.51.100.99")
    assert unknown.status_code == 429
    assert "Vent 60 minutter" in unknown.content.decode()


def test_reset_mails_are_limited_per_client_address(client, db, behind_proxy):
    people = [make_user(f"p{n}@eksempel.test") for n in range(throttle.RESETS_PER_ADDRESS + 5)]
    for someone in people:
        _reset(client, someone.email)
    assert len(mail.outbox) == throttle.RESETS_PER_ADDRESS
    assert _reset(client, "p0@eksempel.test", "192.0.2.1").status_code == 302  # another client


def test_a_password_reset_revokes_the_persons_api_tokens(client, person):
    _token, key = services.create_token(user=person, name="Excel-rapport", by=person)
    services.create_token(user=person, name="Script", by=person)
    assert client.get("/api/v1/me/", headers={"Authorization": f"Bearer {key}"}).status_code == 200

    client.post("/konto/glemt-adgangskode/", {"email": "lis@eksempel.test"})
    link = re.search(r"https?://\S+(/konto/nulstil/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "ny-og-lang-adgangskode", "new_password2": "ny-og-lang-adgangskode"},
        follow=True,
    )
    assert "Dine 2 adgangsnøgler til API&#x27;et er tilbagekaldt" in done.content.decode()
    assert not person.access_tokens.exists()
    assert client.get("/api/v1/me/", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    revoked = AuditEntry.objects.filter(action="token.revoked").values_list("data", flat=True)
    assert sorted(entry["before"]["name"] for entry in revoked) == ["Excel-rapport", "Script"]
    assert all(entry["reason"] == "password.reset" for entry in revoked)
