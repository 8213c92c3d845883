import pytest

from tests.conftest import client_for
from tests.factories import make_organisation, make_process

pytestmark = pytest.mark.django_db


def test_a_visitor_gets_the_introduction_and_the_way_in(client):
    page = client.get("/").content.decode()
    assert "Se dialogredskabet" in page
    assert 'href="/konto/login/"' in page


def test_a_leader_sees_their_processes_and_can_start_one(world, toolkit):
    make_process(world.institution, title="Sprog i hverdagen")
    make_process(world.other_institution, title="Naboens forløb")
    page = client_for(world.leader).get("/").content.decode()
    assert "Velkommen, Lene" in page
    assert "Sprog i hverdagen" in page
    assert "Naboens forløb" not in page
    assert "Start et nyt forløb" in page
    assert "Se overblikket" not in page


def test_staff_take_part_but_do_not_start_processes(world, toolkit):
    page = client_for(world.staff).get("/").content.decode()
    assert "Start et nyt forløb" not in page
    assert "Jeres leder starter forløb" in page
    assert 'href="/overblik/"' not in page


def test_the_administration_is_offered_the_overview(world, toolkit):
    page = client_for(world.administration).get("/").content.decode()
    assert "Se overblikket" in page
    assert 'href="/overblik/"' in page


@pytest.mark.parametrize("count", [2, 20])
def test_the_front_page_uses_a_constant_number_of_queries(
    world, toolkit, count, django_assert_num_queries
):
    for number in range(count):
        team = make_organisation(f"Team {number}", kind="team", parent=world.institution)
        make_process(team, title=f"Forløb {number}")
    client = client_for(world.leader)
    client.get("/")
    # session, person, memberships, processes with their progress, may the person start one,
    # and the follow-up's "my actions" (one query)
    with django_assert_num_queries(6):
        assert client.get("/").status_code == 200
