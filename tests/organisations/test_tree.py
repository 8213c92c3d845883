"""The organisation tree, and creating, editing and moving organisations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import Membership, Organisation
from kompetencedialog.organisations.services import move_organisation
from tests.conftest import client_for
from tests.factories import make_member, make_organisation, make_user


@pytest.fixture
def admin(world):
    return make_member(world.municipality, Membership.Role.ADMIN, "admin@eksempel.test")


def _grow(parent, institutions: int, teams: int) -> None:
    for i in range(institutions):
        institution = make_organisation(f"Institution {parent.pk}-{i}", parent=parent)
        for t in range(teams):
            make_organisation(f"Team {t}", kind="team", parent=institution)


def test_the_tree_shows_my_organisations_with_the_ones_above_them(world):
    response = client_for(world.staff).get("/organisationer/")
    content = response.content.decode()
    assert "Børnehuset Solsikken" in content and "Bikuben" in content
    assert "Eksempel Kommune" in content  # above, shown by name
    assert "Nabo" not in content


def test_the_tree_costs_the_same_queries_however_large(world, admin, django_assert_num_queries):
    client = client_for(admin)
    counts = []
    for size in (2, 20):
        _grow(world.area, institutions=size, teams=3)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/organisationer/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # session, user, memberships, organisations
    with django_assert_num_queries(4):
        client.get("/organisationer/")


def test_an_admin_creates_a_team_under_an_institution(world, admin):
    response = client_for(admin).post(
        f"/organisationer/{world.institution.pk}/ny/", {"name": "Myretuen", "kind": "team"}
    )
    team = Organisation.objects.get(name="Myretuen")
    assert response.status_code == 302
    assert team.parent == world.institution
    assert team.path == f"{world.institution.path}{team.pk}/"
    assert AuditEntry.objects.filter(action="organisation.created", object_id=str(team.pk)).exists()


def test_a_team_cannot_hold_an_institution(world, admin):
    response = client_for(admin).post(
        f"/organisationer/{world.team.pk}/ny/", {"name": "Forkert", "kind": "institution"}
    )
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Forkert").exists()


def test_editing_keeps_what_was_typed_and_audits_before_and_after(world, admin):
    client = client_for(admin)
    bad = client.post(
        f"/organisationer/{world.institution.pk}/rediger/",
        {"name": "", "kind": "institution", "address": "Solvej 1"},
    )
    assert bad.status_code == 200
    assert 'value="Solvej 1"' in bad.content.decode()
    client.post(
        f"/organisationer/{world.institution.pk}/rediger/",
        {"name": "Solsikken", "kind": "institution", "address": "Solvej 1", "size": "60"},
    )
    entry = AuditEntry.objects.get(action="organisation.changed")
    assert entry.data["before"]["name"] == "Børnehuset Solsikken"
    assert entry.data["after"]["name"] == "Solsikken"
    assert entry.actor == admin


def test_moving_updates_the_whole_subtree_in_one_update(world, admin):
    other_area = make_organisation("Område Syd", kind="area", parent=world.municipality)
    _grow(world.institution, institutions=0, teams=0)
    with CaptureQueriesContext(connection) as queries:
        move_organisation(organisation=world.institution, parent=other_area, by=admin)
    path_updates = [q for q in queries if q["sql"].startswith("UPDATE") and '"path"' in q["sql"]]
    assert len(path_updates) == 1
    world.team.refresh_from_db()
    world.institution.refresh_from_db()
    assert world.institution.parent == other_area
    assert world.team.path == f"{other_area.path}{world.institution.pk}/{world.team.pk}/"
    assert world.team.depth == 3
    assert AuditEntry.objects.get(action="organisation.moved").data["before"]["parent"] == (
        world.area.pk
    )


def test_an_organisation_cannot_move_into_its_own_subtree(world, admin):
    response = client_for(admin).post(
        f"/organisationer/{world.area.pk}/flyt/", {"parent": world.institution.pk}
    )
    assert response.status_code == 200  # the form again: the choice is not offered
    world.area.refresh_from_db()
    assert world.area.parent == world.municipality


def test_the_move_page_offers_only_places_the_admin_manages(world, admin):
    content = client_for(admin).get(f"/organisationer/{world.institution.pk}/flyt/").content
    assert "Område Nord" in content.decode()
    assert "Nabo Kommune" not in content.decode()


def test_the_platform_admin_sees_owners_and_areas_not_every_team(world):
    superuser = make_user("platform@example.test", is_superuser=True, is_staff=True)
    content = client_for(superuser).get("/organisationer/").content.decode()
    assert "Eksempel Kommune" in content and "Nabo Kommune" in content and "Område Nord" in content
    assert "Bikuben" not in content
