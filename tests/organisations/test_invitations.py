"""Invitations by e-mail: single use, 14 days, a clear page when used or expired."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import Invitation, Membership, User
from tests.conftest import client_for
from tests.factories import make_member, make_user


@pytest.fixture
def admin(world):
    return make_member(world.institution, Membership.Role.ADMIN, "admin@eksempel.test")


def _invite(client, world, capture, email="ny@eksempel.test", role="staff") -> str:
    """Send an invitation through the page; the link from the e-mail."""
    with capture(execute=True):
        client.post(
            f"/organisationer/{world.institution.pk}/invitationer/",
            {"email": email, "role": role, "organisation": world.team.pk},
        )
    return re.search(r"http\S+/konto/invitation/\S+/", mail.outbox[-1].body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_an_invitation_email_is_sent_and_audited(world, admin, django_capture_on_commit_callbacks):
    link = _invite(client_for(admin), world, django_capture_on_commit_callbacks)
    assert mail.outbox[0].to == ["ny@eksempel.test"]
    assert "Bikuben" in mail.outbox[0].subject
    assert link
    entry = AuditEntry.objects.get(action="invitation.sent")
    assert entry.data["after"] == {"email": "ny@eksempel.test", "role": "staff"}


def test_accepting_creates_the_account_with_the_role(
    world, admin, client, django_capture_on_commit_callbacks
):
    link = _invite(client_for(admin), world, django_capture_on_commit_callbacks)
    response = client.post(
        _path(link),
        {"name": "Nina Ny", "password1": "lang-og-sikker-42", "password2": "lang-og-sikker-42"},
    )
    assert response.status_code == 302
    person = User.objects.get(email="ny@eksempel.test")
    assert person.name == "Nina Ny" and person.check_password("lang-og-sikker-42")
    assert Membership.objects.filter(user=person, organisation=world.team, role="staff").exists()
    assert client.get("/profil/").status_code == 200  # logged in


def test_accepting_adds_the_role_to_an_existing_account(
    world, admin, django_capture_on_commit_callbacks
):
    person = make_user("ny@eksempel.test", name="Nina Ny")
    link = _invite(client_for(admin), world, django_capture_on_commit_callbacks, role="union_rep")
    anonymous = client_for(person).__class__()
    assert "Log ind" in anonymous.get(_path(link)).content.decode()
    client_for(person).post(_path(link))
    assert Membership.objects.filter(
        user=person, organisation=world.team, role="union_rep"
    ).exists()


def test_a_used_invitation_says_so_in_danish(world, admin, django_capture_on_commit_callbacks):
    link = _invite(client_for(admin), world, django_capture_on_commit_callbacks)
    person = make_user("nogen@eksempel.test")
    client_for(person).post(_path(link))
    response = client_for(person).get(_path(link))
    assert response.status_code == 410
    assert "Invitationen er allerede brugt" in response.content.decode()


def test_an_invitation_expires_after_14_days(world, admin, django_capture_on_commit_callbacks):
    link = _invite(client_for(admin), world, django_capture_on_commit_callbacks)
    person = make_user("nogen@eksempel.test")
    with time_machine.travel(timezone.now() + timedelta(days=13, hours=23)):
        assert client_for(person).get(_path(link)).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        response = client_for(person).get(_path(link))
        assert response.status_code == 410
        assert "Invitationen er udløbet" in response.content.decode()
        client_for(person).post(_path(link))
    assert not Membership.objects.filter(user=person).exists()


def test_an_unknown_link_is_not_found(client, world):
    response = client.get("/konto/invitation/findes-ikke/")
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_a_withdrawn_invitation_cannot_be_used(world, admin, django_capture_on_commit_callbacks):
    link = _invite(client_for(admin), world, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    client_for(admin).post(f"/invitationer/{invitation.pk}/annuller/")
    assert client_for(make_user()).get(_path(link)).status_code == 410
