"""'My actions': the person's own open actions and markers, overdue ones first and marked."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime(2027, 2, 10, 12, tzinfo=ZoneInfo("Europe/Copenhagen")), tick=False)
def test_my_actions_lists_only_my_open_items_with_overdue_first(world, process, action, marker):
    factories.make_outcome(process, "action", "Leders opgave", owner=world.leader, status="open")
    factories.make_outcome(process, "action", "Færdig opgave", owner=world.staff, status="done")
    page = client_for(world.staff).get("/").content.decode()
    assert "Mine handlinger" in page
    assert page.index("Aftal sprogpauser") < page.index("Børnene fortæller mere")
    assert "Overskredet siden 1. februar 2027" in page
    assert "Senest 1. marts 2027" in page
    assert "Leders opgave" not in page and "Færdig opgave" not in page


def test_the_front_page_shows_no_actions_to_visitors(db):
    page = client_for_anonymous().get("/").content.decode()
    assert "my-actions-heading" not in page


def client_for_anonymous():
    from django.test import Client

    return Client()


def test_my_actions_uses_the_same_number_of_queries_for_2_and_20_items(world, process):
    client = client_for(world.staff)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/opfoelgning/").status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for i in range(n):
            other = factories.make_process(world.institution, title=f"Forløb {i}")
            factories.make_outcome(
                other, "action", f"Opgave {i}", owner=world.staff, due=date(2027, 1, 1 + i)
            )
            factories.make_outcome(process, "marker", f"Tegn {i}", owner=world.staff)

    add(1)
    few = count()
    add(9)
    assert count() == few


def test_the_owner_updates_an_action_from_my_actions_with_htmx(world, action):
    client = client_for(world.staff)
    response = client.post(
        f"/opfoelgning/punkter/{action.pk}/status/",
        {"status": "done", "show_process": "1"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<li class="kd-item')
    assert 'hx-swap-oob="innerHTML"' in html and "er nu Færdig" in html
    action.refresh_from_db()
    assert action.status == "done"


def test_a_status_that_does_not_fit_the_kind_is_refused(world, action):
    response = client_for(world.leader).post(
        f"/opfoelgning/punkter/{action.pk}/status/", {"status": "reached"}
    )
    assert response.status_code == 422
    action.refresh_from_db()
    assert action.status == "open"


def test_a_colleague_may_not_change_someone_elses_action(world, action):
    colleague = factories.make_member(world.institution, "staff")
    response = client_for(colleague).post(
        f"/opfoelgning/punkter/{action.pk}/status/", {"status": "done"}
    )
    assert response.status_code == 403
    assert (
        client_for(world.outsider)
        .post(f"/opfoelgning/punkter/{action.pk}/status/", {"status": "done"})
        .status_code
        == 404
    )
