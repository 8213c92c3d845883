"""MUS development points: the leader and the person see a point; colleagues get 404."""

import pytest

from kompetencedialog.followup import services
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def points(world, process):
    competence = factories.make_outcome(
        process, "competence", "Sprogstimulering", competence_status="needed"
    )
    colleague = factories.make_member(world.institution, "staff", name="Kim Kollega")
    mine = services.add_development_point(
        process=process,
        by=world.leader,
        person=world.staff,
        text="Kursus i dialogisk læsning",
        competence=competence,
    )
    theirs = services.add_development_point(
        process=process,
        by=world.leader,
        person=colleague,
        text="Mere sparring med Kim",
    )
    return mine, theirs, colleague


def test_the_person_sees_their_own_point_and_404_for_a_colleagues(world, process, points):
    mine, theirs, _colleague = points
    client = client_for(world.staff)
    assert client.get(f"/opfoelgning/mus/{mine.pk}/").status_code == 200
    assert client.get(f"/opfoelgning/mus/{theirs.pk}/").status_code == 404
    listing = client.get(f"/opfoelgning/forloeb/{process.pk}/mus/").content.decode()
    assert "dialogisk læsning" in listing and "Mere sparring" not in listing


def test_the_leader_sees_all_points_and_outsiders_none(world, process, points):
    mine, _theirs, _colleague = points
    listing = client_for(world.leader).get(f"/opfoelgning/forloeb/{process.pk}/mus/")
    assert "Mere sparring" in listing.content.decode()
    assert client_for(world.outsider).get(f"/opfoelgning/mus/{mine.pk}/").status_code == 404


def test_the_leader_adds_a_point_and_the_person_may_not_change_it(world, process, points):
    mine, _theirs, colleague = points
    response = client_for(world.leader).post(
        f"/opfoelgning/forloeb/{process.pk}/mus/",
        {"person": colleague.pk, "text": "Ny opgave", "competence": ""},
    )
    assert response.status_code == 302
    assert (
        client_for(world.staff).post(f"/opfoelgning/mus/{mine.pk}/", {"status": "done"}).status_code
        == 403
    )
    assert (
        client_for(world.staff)
        .post(f"/opfoelgning/forloeb/{process.pk}/mus/", {"person": world.staff.pk, "text": "x"})
        .status_code
        == 403
    )


def test_the_audit_trail_keeps_no_personal_text(world, points):
    from kompetencedialog.core.models import AuditEntry

    entries = AuditEntry.objects.filter(action="followup.mus_point.added")
    assert entries.count() == 2
    for entry in entries:
        assert "dialogisk" not in str(entry.data) and "dialogisk" not in entry.object_repr
