"""Ids the database cannot hold and dates no calendar can show are refused with a 422 in words,
never a server error (on SQLite the number does not fit an INTEGER, on PostgreSQL a bigint)."""

import json

import pytest

from kompetencedialog.processes.models import Outcome, Process
from tests.conftest import client_for
from tests.factories import make_goal, make_process

HUGE = int("1" * 40)
CHOOSE = ["Vælg en af mulighederne."]


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution)


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_a_40_digit_goal_or_organisation_is_refused(world, toolkit):
    goal = make_goal(world.municipality)
    client = client_for(world.leader)
    body = {"organisation": world.institution.pk, "title": "Sprog", "goals": [goal.pk, HUGE]}
    response = post(client, "/api/v1/processes/", body)
    assert response.status_code == 422
    assert response.json()["errors"] == {"goals.1": CHOOSE}
    response = post(client, "/api/v1/processes/", {**body, "goals": [], "organisation": HUGE})
    assert response.status_code == 422
    assert response.json()["errors"] == {"organisation": CHOOSE}
    assert not Process.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "intervention", "addresses": [HUGE]}, "addresses.0"),
        ({"kind": "intervention", "addresses": HUGE}, "addresses.0"),
        ({"kind": "intervention", "addresses": [0]}, "addresses.0"),
        ({"kind": "action", "owner": HUGE}, "owner"),
    ],
)
def test_a_40_digit_address_or_owner_is_refused(process, world, fields, field):
    response = post(
        client_for(world.leader),
        f"/api/v1/processes/{process.pk}/outcomes/",
        {"text": "Sparring", **fields},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {field: CHOOSE}
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/processes/{huge}/",
        "/api/v1/processes/{huge}/calendar.ics",
        "/api/v1/processes/{huge}/plan.pdf",
        "/api/v1/organisations/{huge}/",
        "/api/v1/overview/?organisation={huge}",
        "/api/v1/processes/?organisation={huge}",
    ],
)
def test_a_40_digit_id_in_a_path_or_query_is_refused(world, url):
    response = client_for(world.leader).get(url.format(huge=HUGE))
    assert response.status_code == 422
    assert CHOOSE in response.json()["errors"].values()


def test_a_due_date_in_year_9999_is_refused_in_danish(process, world):
    response = post(
        client_for(world.leader),
        f"/api/v1/processes/{process.pk}/outcomes/",
        {"kind": "action", "text": "Book PPR", "due": "9999-12-31"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"due": ["Skriv en dato mellem 01.01.1900 og 31.12.2200."]}
    assert not Outcome.objects.exists()
    response = post(
        client_for(world.leader),
        f"/api/v1/processes/{process.pk}/outcomes/",
        {"kind": "action", "text": "Book PPR", "due": "2200-12-31"},
    )
    assert response.status_code == 201
    assert response.json()["due"] == "2200-12-31"
