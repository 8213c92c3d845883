import json

import pytest

from kompetencedialog.processes.models import Outcome, Process
from tests.conftest import client_for
from tests.factories import make_goal, make_process
from tests.processes.helpers import fill


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution, challenge="Uro i overgangene")


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_list_has_items_count_and_next(process, world):
    make_process(world.other_institution, title="Naboens")
    response = client_for(world.leader).get("/api/v1/processes/?limit=1")
    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 1 and body["next"] is None
    assert body["items"][0]["title"] == "Sprog i hverdagen"
    assert body["items"][0]["phase"] == "investigate"


def test_the_list_filters_by_organisation_including_its_subtree(process, world):
    make_process(world.team, title="Bikubens forløb")
    client = client_for(world.leader)
    body = client.get(f"/api/v1/processes/?organisation={world.institution.pk}").json()
    assert body["count"] == 2
    body = client.get(f"/api/v1/processes/?organisation={world.team.pk}").json()
    assert [item["title"] for item in body["items"]] == ["Bikubens forløb"]
    assert (
        client.get(f"/api/v1/processes/?organisation={world.other_institution.pk}").status_code
        == 404
    )
    assert client.get("/api/v1/processes/?organisation=abc").status_code == 422


@pytest.mark.parametrize("count", [5, 120])
def test_the_list_uses_a_constant_number_of_queries(
    world, toolkit, count, django_assert_num_queries
):
    for n in range(count):
        make_process(world.institution, title=f"Forløb {n}")
    client = client_for(world.leader)
    client.get("/api/v1/processes/")
    # session, person, memberships, count, page, goals
    with django_assert_num_queries(6):
        assert client.get("/api/v1/processes/").status_code == 200


def test_create_a_process(world, toolkit):
    goal = make_goal(world.municipality)
    response = post(
        client_for(world.leader),
        "/api/v1/processes/",
        {
            "organisation": world.institution.pk,
            "title": "Sprog",
            "challenge": "Uro",
            "goals": [goal.pk],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["goals"] == [goal.pk] and body["challenge"] == "Uro"
    assert Process.objects.get().notebook is not None


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        ({"title": ""}, 422, "title"),
        ({"title": "x" * 201}, 422, "title"),
        ({"goals": "other"}, 422, "goals"),
        ({"organisation": "other"}, 404, None),
        ({"organisation": "abc"}, 422, "organisation"),
        ({"goals": ["x"]}, 422, "goals.0"),
    ],
)
def test_create_refuses_bad_input(world, toolkit, data, status, field):
    payload = {"organisation": world.institution.pk, "title": "Sprog"}
    payload.update(data)
    if payload["organisation"] == "other":
        payload["organisation"] = world.other_institution.pk
    if payload.get("goals") == "other":
        payload["goals"] = [make_goal(world.other_municipality).pk]
    response = post(client_for(world.leader), "/api/v1/processes/", payload)
    assert response.status_code == status
    assert response.json()["detail"]
    if field:
        assert field in response.json()["errors"]
    assert not Process.objects.exists()


def test_staff_get_403_when_creating(world, toolkit):
    response = post(
        client_for(world.staff),
        "/api/v1/processes/",
        {"organisation": world.institution.pk, "title": "Sprog"},
    )
    assert response.status_code == 403


def test_a_leader_gets_403_not_404_for_the_municipality_above_them(world, toolkit):
    client = client_for(world.leader)
    listed = [item["id"] for item in client.get("/api/v1/organisations/").json()["items"]]
    assert world.municipality.pk in listed
    response = post(
        client, "/api/v1/processes/", {"organisation": world.municipality.pk, "title": "Sprog"}
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    response = post(
        client, "/api/v1/processes/", {"organisation": world.other_institution.pk, "title": "S"}
    )
    assert response.status_code == 404
    assert not Process.objects.exists()


def test_the_detail_has_outcomes_with_their_fields(process, world):
    fill(process, owner=world.leader)
    body = client_for(world.staff).get(f"/api/v1/processes/{process.pk}/").json()
    outcomes = {o["kind"] + o.get("status", ""): o for o in body["outcomes"]}
    assert outcomes["competenceneeded"]["text"] == "Konflikthåndtering 0"
    assert outcomes["resource"]["amount"] == 12500 and outcomes["resource"]["unit"] == "DKK"
    assert outcomes["actionopen"]["due"] == "2027-04-01"
    assert outcomes["actionopen"]["owner"] == "Lene Leder"
    assert outcomes["intervention"]["format"] == "peer_sparring"


def test_an_outsider_gets_404_everywhere(process, world):
    client = client_for(world.outsider)
    for url in ("", "plan.pdf", "plan.docx"):
        assert client.get(f"/api/v1/processes/{process.pk}/{url}").status_code == 404
    response = post(
        client, f"/api/v1/processes/{process.pk}/outcomes/", {"kind": "challenge", "text": "x"}
    )
    assert response.status_code == 404
    assert client.get("/api/v1/processes/999999/").status_code == 404


def test_add_outcomes_of_every_kind(process, world):
    client = client_for(world.leader)
    url = f"/api/v1/processes/{process.pk}/outcomes/"
    payloads = [
        {"kind": "challenge", "text": "Uro", "amount": "ignored", "format": 7},
        {"kind": "desired_practice", "text": "Ro", "for_children": "Tryghed"},
        {"kind": "competence", "text": "Sprog", "status": "needed", "area": "language"},
        {"kind": "intervention", "text": "Sparring", "format": "peer_sparring"},
        {"kind": "engagement_action", "text": "Fortæl"},
        {"kind": "anchoring_action", "text": "Stuemøder", "replaces": "Gamle møder"},
        {
            "kind": "marker",
            "text": "Færre konflikter",
            "due": "2027-03-12",
            "owner": world.staff.pk,
        },
        {"kind": "action", "text": "Book PPR", "owner": "Pædagogisk leder", "due": "2027-04-01"},
        {"kind": "decision", "text": "Budget"},
        {"kind": "resource", "text": "Vikarer", "amount": 12500, "unit": "DKK"},
    ]
    for payload in payloads:
        response = post(client, url, payload)
        assert response.status_code == 201, (payload, response.content)
        assert response.json()["text"] == payload["text"]
    challenge = Outcome.objects.get(kind="challenge")
    assert challenge.amount is None and challenge.format == ""
    action = Outcome.objects.get(kind="action")
    assert action.owner_name == "Pædagogisk leder" and action.status == "open"
    assert Outcome.objects.get(kind="marker").owner == world.staff
    assert Outcome.objects.get(kind="competence").area.slug == "language"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"kind": "challenge"}, "text"),
        ({"kind": "challenge", "text": ""}, "text"),
        ({"kind": "challenge", "text": "x" * 1001}, "text"),
        ({"kind": "unknown", "text": "x"}, "kind"),
        ({"kind": "competence", "text": "Sprog"}, "status"),
        ({"kind": "competence", "text": "Sprog", "status": "maybe"}, "status"),
        ({"kind": "action", "text": "Book", "owner": "x" * 201}, "owner"),
        ({"kind": "action", "text": "Book", "due": "12/13/2027"}, "due"),
        ({"kind": "action", "text": "Book", "owner": 999999}, "owner"),
        ({"kind": "intervention", "text": "Kursus", "format": "lecture"}, "format"),
        ({"kind": "resource", "text": "Penge", "amount": "mange"}, "amount"),
        ({"kind": "resource", "text": "Penge", "amount": 5, "unit": "EUR"}, "unit"),
    ],
)
def test_bad_outcomes_get_422_with_per_field_messages(process, world, payload, field):
    response = post(client_for(world.leader), f"/api/v1/processes/{process.pk}/outcomes/", payload)
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert field in errors
    # Only the contract's field names: never the model's (competence_status, owner_name).
    assert not {"competence_status", "owner_name"} & set(errors)
    assert not Outcome.objects.exists()


def test_malformed_json_is_not_a_500(process, world):
    response = client_for(world.leader).post(
        f"/api/v1/processes/{process.pk}/outcomes/", "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)


def test_staff_get_403_when_adding_outcomes(process, world):
    response = post(
        client_for(world.staff),
        f"/api/v1/processes/{process.pk}/outcomes/",
        {"kind": "challenge", "text": "Uro"},
    )
    assert response.status_code == 403


def test_the_plan_files(process, world):
    fill(process)
    client = client_for(world.staff)
    pdf = client.get(f"/api/v1/processes/{process.pk}/plan.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(f"/api/v1/processes/{process.pk}/plan.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
