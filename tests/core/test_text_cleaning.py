"""Text is cleaned once where it enters: every form, the API (through the same forms), import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kompetencedialog.organisations.importer import read_table
from kompetencedialog.processes.models import Goal, Process
from kompetencedialog.sso.models import IdentityProvider
from kompetencedialog.sso.services import log_in_externally
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_submitted_form_stores_the_text_cleaned(world):
    response = client_for(world.administration).post(
        reverse("processes:goals"),
        {
            "organisation": world.municipality.pk,
            "title": "Alle\x0bbørn\x00 skal trives\x01",
            "description": "Trivsel\x0bog læring\x0c",
            "period_start": "2025-01-01",
            "period_end": "2028-12-31",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.title == "Alle børn skal trives"
    assert goal.description == "Trivsel\nog læring"


def test_the_api_stores_the_text_cleaned(world, toolkit, client, capsys):
    call_command("token", "create", world.leader.email)
    token = capsys.readouterr().out.strip().splitlines()[-1]
    response = client.post(
        "/api/v1/processes/",
        {
            "organisation": world.institution.pk,
            "title": "Pa\u030arup\x0b\x1f",
            "challenge": "a\x0bb",
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    assert response.json()["title"] == "Pårup"
    assert Process.objects.get().challenge == "a b"


def test_a_password_is_used_exactly_as_typed(world):
    world.staff.set_password("hemmelig\x0bkode")
    world.staff.save()
    response = Client().post(
        "/konto/login/", {"username": world.staff.email, "password": "hemmelig\x0bkode"}
    )
    assert response.status_code == 302


def test_an_imported_cell_is_cleaned(world):
    upload = SimpleUploadedFile(
        "ansatte.csv",
        b"navn;under;e-mail;rolle\nAnna\x0bAndersen;Bikuben;a@example.dk;medarbejder\n",
    )
    assert read_table(upload)[0]["name"] == "Anna Andersen"


def test_a_name_from_an_identity_provider_is_cleaned(world):
    provider = IdentityProvider.objects.create(
        organisation=world.municipality,
        name="Entra ID",
        protocol=IdentityProvider.Protocol.OIDC,
        email_domains="eksempel.test",
        oidc_issuer="https://login.eksempel.test/",
        oidc_client_id="kd",
        oidc_client_secret="x",
    )
    user = log_in_externally(
        identity_provider=provider,
        subject="sub-lene",
        email="leder@eksempel.test",
        name="Lene\x0bLeder-Lund\x00",
        values=set(),
    )
    user.refresh_from_db()
    assert user.name == "Lene Leder-Lund"
