"""People and roles on an organisation: add, change, remove, each audited with before and after."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import Membership, User
from tests.conftest import client_for
from tests.factories import make_member, make_user

Role = Membership.Role


@pytest.fixture
def admin(world):
    return make_member(world.institution, Role.ADMIN, "admin@eksempel.test", name="Anne Admin")


def test_the_people_page_lists_the_roles_of_the_subtree(world, admin):
    make_member(world.team, Role.STAFF, "bi@eksempel.test", name="Bo Bi")
    content = client_for(admin).get(f"/organisationer/{world.institution.pk}/personer/")
    text = content.content.decode()
    assert "Per Pædagog" in text and "Bo Bi" in text
    assert "Frida Forvaltning" not in text  # her role is on the municipality, above


def test_the_people_page_costs_the_same_queries_however_many_people(world, admin):
    client = client_for(admin)
    counts = []
    for size in (3, 60):
        for _ in range(size):
            make_member(world.team, Role.STAFF)
        with CaptureQueriesContext(connection) as queries:
            assert (
                client.get(f"/organisationer/{world.institution.pk}/personer/").status_code == 200
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_admin_gives_an_existing_person_a_role(world, admin):
    person = make_user("ny@eksempel.test", name="Nina Ny")
    response = client_for(admin).post(
        f"/organisationer/{world.institution.pk}/personer/",
        {"email": "NY@eksempel.test", "role": "union_rep", "organisation": world.team.pk},
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=person, organisation=world.team, role="union_rep"
    ).exists()
    entry = AuditEntry.objects.get(action="membership.role.added")
    assert entry.data == {
        "person": "ny@eksempel.test",
        "before": None,
        "after": {"role": "union_rep"},
    }
    assert entry.organisation_path == world.team.path


def test_an_unknown_email_is_told_to_send_an_invitation(world, admin):
    response = client_for(admin).post(
        f"/organisationer/{world.institution.pk}/personer/",
        {"email": "ukendt@eksempel.test", "role": "staff"},
    )
    assert response.status_code == 200
    assert "invitation" in response.content.decode()
    assert 'value="ukendt@eksempel.test"' in response.content.decode()


def test_changing_a_role_is_audited_with_before_and_after(world, admin):
    membership = Membership.objects.get(user=world.staff)
    client_for(admin).post(f"/roller/{membership.pk}/skift/", {"role": "union_rep"})
    membership.refresh_from_db()
    assert membership.role == "union_rep"
    entry = AuditEntry.objects.get(action="membership.role.changed")
    assert entry.data["before"] == {"role": "staff"} and entry.data["after"] == {
        "role": "union_rep"
    }
    assert entry.actor == admin


def test_removing_a_role_is_audited(world, admin):
    membership = Membership.objects.get(user=world.staff)
    client_for(admin).post(f"/roller/{membership.pk}/fjern/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    entry = AuditEntry.objects.get(action="membership.role.removed")
    assert entry.data["before"] == {"role": "staff"} and entry.data["after"] is None


def test_a_leader_is_not_an_admin(world):
    membership = Membership.objects.get(user=world.staff)
    assert (
        client_for(world.leader)
        .get(f"/organisationer/{world.institution.pk}/personer/")
        .status_code
        == 403
    )
    assert client_for(world.leader).post(f"/roller/{membership.pk}/fjern/").status_code == 403


def test_removing_a_person_with_no_other_role_anonymises_them(world, admin):
    response = client_for(admin).post(
        f"/organisationer/{world.institution.pk}/personer/{world.staff.pk}/fjern/"
    )
    assert response.status_code == 302
    person = User.objects.get(pk=world.staff.pk)
    assert person.name == "Tidligere bruger"
    assert person.email.endswith("@invalid") and not person.is_active
    assert not person.has_usable_password()


def test_removing_a_person_with_roles_elsewhere_only_removes_the_roles_here(world, admin):
    make_member(world.other_institution, Role.STAFF, "to-steder@eksempel.test")
    person = User.objects.get(email="to-steder@eksempel.test")
    Membership.objects.create(user=person, organisation=world.team, role=Role.STAFF)
    client_for(admin).post(f"/organisationer/{world.institution.pk}/personer/{person.pk}/fjern/")
    person.refresh_from_db()
    assert person.is_active and person.email == "to-steder@eksempel.test"
    assert list(person.memberships.values_list("organisation", flat=True)) == [
        world.other_institution.pk
    ]
