"""The audit trail follows its organisation: after a move, the new parent reads its history."""

import importlib

import pytest
from django.apps import apps

from kompetencedialog.core.audit import log_action
from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import Membership
from kompetencedialog.organisations.services import add_role, move_organisation
from tests.conftest import client_for
from tests.factories import make_member, make_organisation, make_user


@pytest.fixture
def south(world):
    return make_organisation("Område Syd", kind="area", parent=world.municipality)


@pytest.fixture
def north_admin(world):
    return make_member(world.area, Membership.Role.ADMIN, "nord@eksempel.test", name="Nora Nord")


@pytest.fixture
def south_admin(south):
    return make_member(south, Membership.Role.ADMIN, "syd@eksempel.test", name="Søren Syd")


def audit_page(user, organisation) -> str:
    response = client_for(user).get(f"/organisationer/{organisation.pk}/log/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_moved_organisations_history_moves_to_the_new_parent(
    world, south, north_admin, south_admin
):
    add_role(
        organisation=world.institution,
        user=make_user("ny.kollega@eksempel.test"),
        role=Membership.Role.STAFF,
        by=world.leader,
    )
    log_action(world.leader, "organisation.changed", world.team, {"after": {"name": "Bikuben"}})
    assert "ny.kollega@eksempel.test" in audit_page(north_admin, world.area)

    move_organisation(organisation=world.institution, parent=south, by=world.administration)

    north, south_page = audit_page(north_admin, world.area), audit_page(south_admin, south)
    assert "ny.kollega@eksempel.test" not in north
    assert "membership.role.added" not in north and "organisation.moved" not in north
    assert "ny.kollega@eksempel.test" in south_page
    assert "organisation.moved" in south_page
    # The team below the institution moved with it, and so did its history.
    assert "name: Bikuben" in south_page and "name: Bikuben" not in north


def test_the_migration_ties_old_entries_to_the_last_organisation_in_their_path(world):
    entry = AuditEntry.objects.create(
        action="membership.role.added",
        object_type="organisations.membership",
        object_id="1",
        object_repr="old",
        organisation_path=world.team.path,
    )
    gone = AuditEntry.objects.create(
        action="organisation.changed",
        object_type="organisations.organisation",
        object_id="999999",
        object_repr="gone",
        organisation_path=f"{world.municipality.path}999999/",
    )
    personal = AuditEntry.objects.create(
        action="token.created", object_type="organisations.accesstoken", object_id="1"
    )
    migration = importlib.import_module(
        "kompetencedialog.core.migrations.0003_auditentry_organisation"
    )
    migration.tie_entries_to_organisations(apps, None)
    for row in (entry, gone, personal):
        row.refresh_from_db()
    assert entry.organisation == world.team
    assert gone.organisation is None and personal.organisation is None
