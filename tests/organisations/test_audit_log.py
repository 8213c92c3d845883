"""The audit log page: the entries of the organisation's subtree, for its admin."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetencedialog.core.audit import log_action
from kompetencedialog.organisations.models import Membership
from kompetencedialog.organisations.services import change_role
from tests.conftest import client_for
from tests.factories import make_member


@pytest.fixture
def admin(world):
    return make_member(world.area, Membership.Role.ADMIN, "admin@eksempel.test", name="Anne Admin")


def test_it_shows_who_what_when_before_and_after(world, admin):
    change_role(membership=Membership.objects.get(user=world.staff), role="union_rep", by=admin)
    log_action(admin, "organisation.changed", world.other_institution, {"after": {"name": "X"}})
    content = client_for(admin).get(f"/organisationer/{world.area.pk}/log/").content.decode()
    assert "membership.role.changed" in content
    assert "Anne Admin" in content
    assert "role: staff" in content and "role: union_rep" in content
    assert "Nabo" not in content  # another subtree's entries are not shown


def test_the_audit_log_costs_the_same_queries_however_long(world, admin):
    client = client_for(admin)
    counts = []
    for size in (2, 80):
        for i in range(size):
            log_action(admin, "organisation.changed", world.team, {"before": {"n": i}})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/organisationer/{world.area.pk}/log/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_staff_cannot_read_the_audit_log(world):
    assert (
        client_for(world.staff).get(f"/organisationer/{world.institution.pk}/log/").status_code
        == 403
    )
