"""A person's own pages: profile, tokens, their data, and leaving (anonymisation)."""

import json

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import AccessToken, Membership, User
from kompetencedialog.organisations.services import anonymise_person
from kompetencedialog.processes.models import Outcome
from kompetencedialog.toolkit.models import Note
from tests.conftest import client_for
from tests.factories import make_outcome, make_process


def test_the_profile_shows_my_organisations_and_roles(world):
    content = client_for(world.leader).get("/profil/").content.decode()
    assert "Børnehuset Solsikken" in content and "Leder" in content


def test_i_change_my_name_and_language(world):
    response = client_for(world.staff).post("/profil/", {"name": "Per P.", "language": "en"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    world.staff.refresh_from_db()
    assert (world.staff.name, world.staff.language) == ("Per P.", "en")


def test_a_new_token_is_shown_once_and_works_for_the_api(world):
    client = client_for(world.staff)
    response = client.post("/profil/tokens/", {"token-name": "Excel"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    assert key not in client.get("/profil/").content.decode()
    token = AccessToken.objects.get(user=world.staff)
    assert token.key_hash != key and token.name == "Excel"
    assert AuditEntry.objects.filter(action="token.created").exists()


def test_a_revoked_token_stops_working(world, client):
    token, key = AccessToken.issue(world.staff, "Gammel")
    client_for(world.staff).post(f"/profil/tokens/{token.pk}/tilbagekald/")
    assert not AccessToken.objects.filter(pk=token.pk).exists()
    assert AuditEntry.objects.get(action="token.revoked").data["before"]["name"] == "Gammel"
    assert client.get("/api/v1/me/", headers={"Authorization": f"Bearer {key}"}).status_code == 401


def test_someone_elses_token_does_not_exist_for_me(world):
    token, _key = AccessToken.issue(world.leader, "Lenes")
    assert (
        client_for(world.staff).post(f"/profil/tokens/{token.pk}/tilbagekald/").status_code == 404
    )
    assert AccessToken.objects.filter(pk=token.pk).exists()


def test_my_data_download_has_my_roles_and_what_i_wrote(world, toolkit):
    process = make_process(world.institution)
    make_outcome(process, kind="action", text="Book PPR", owner=world.staff)
    Note.objects.create(
        notebook=process.notebook,
        question=toolkit.phases.first().cards.first().questions.first(),
        text="Vi taler om sprog",
        updated_by=world.staff,
    )
    response = client_for(world.staff).get("/profil/mine-data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["email"] == "paedagog@eksempel.test"
    assert data["memberships"][0]["role"] == "staff"
    assert data["outcomes"][0]["text"] == "Book PPR"
    assert data["notes"][0]["text"] == "Vi taler om sprog"


def test_leaving_anonymises_me_and_keeps_what_i_wrote(world, toolkit):
    process = make_process(world.institution)
    outcome = make_outcome(process, kind="action", text="Book PPR", owner=world.staff)
    note = Note.objects.create(
        notebook=process.notebook,
        question=toolkit.phases.first().cards.first().questions.first(),
        text="Noter",
        updated_by=world.staff,
    )
    client = client_for(world.staff)
    assert client.get("/profil/forlad/").status_code == 200
    response = client.post("/profil/forlad/")
    assert response.status_code == 302
    person = User.objects.get(pk=world.staff.pk)
    assert person.name == "Tidligere bruger" and not person.is_active
    assert "paedagog" not in person.email
    assert not Membership.objects.filter(user=person).exists()
    outcome.refresh_from_db()
    note.refresh_from_db()
    assert outcome.owner is None and outcome.owner_name == "Tidligere bruger"
    assert outcome.text == "Book PPR"
    assert note.updated_by is None and note.text == "Noter"
    assert client.get("/profil/").status_code == 302  # logged out


def test_two_anonymised_people_get_different_addresses(world):
    anonymise_person(person=world.staff, by=None)
    anonymise_person(person=world.leader, by=None)
    emails = set(User.objects.filter(name="Tidligere bruger").values_list("email", flat=True))
    assert len(emails) == 2


def test_the_plan_is_untouched_by_anonymisation(world, toolkit):
    process = make_process(world.institution, created_by=world.leader)
    make_outcome(process, kind="challenge", text="Uro", created_by=world.leader)
    anonymise_person(person=world.leader, by=None)
    assert Outcome.objects.filter(process=process, text="Uro").exists()
    process.refresh_from_db()
    assert process.created_by is None
