"""The OpenAPI document tells the truth: every status a route answers is listed with its shape,
and fixed values are enums."""

import json

import pytest
from django.test import Client

from tests.conftest import client_for
from tests.factories import make_process

HUGE = "1" * 40


@pytest.fixture
def schema(db) -> dict:
    return Client().get("/api/v1/openapi.json").json()


def _operations(schema: dict):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def _requests(path: str, method: str, operation: dict, ids: dict) -> list[tuple[str, bytes | None]]:
    """(url, body) pairs that reach the route's answers: a good one, bad ids, bad bodies."""
    query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    suffix = f"?organisation={ids['organisation_id']}" if "organisation" in query else ""
    urls = [path.format(**ids) + suffix]
    for bad in ("abc", HUGE, "0"):
        if "{" in path:
            urls.append(path.format(**{**ids, "process_id": bad, "organisation_id": bad}))
        if "organisation" in query:
            urls.append(path.format(**ids) + f"?organisation={bad}")
    if method == "get":
        return [(url, None) for url in urls]
    good = {
        "/api/v1/processes/": {"organisation": ids["organisation_id"], "title": "Sprog"},
    }.get(path, {"kind": "challenge", "text": "Uro"})
    bodies = [json.dumps(good).encode(), b"{}", b"{not json", b"[]"]
    return [(url, body) for url in urls for body in bodies]


def test_every_status_a_route_answers_is_in_the_document(schema, world, toolkit):
    process = make_process(world.institution)
    ids = {"process_id": process.pk, "organisation_id": world.institution.pk, "slug": toolkit.slug}
    csrf_checked = Client(enforce_csrf_checks=True)
    csrf_checked.force_login(world.leader)
    callers = [
        Client(),
        csrf_checked,
        *(client_for(u) for u in (world.leader, world.staff, world.outsider, world.administration)),
    ]
    undocumented = set()
    seen = set()
    for path, method, operation in _operations(schema):
        for url, body in _requests(path, method, operation, ids):
            for client in callers:
                if body is None:
                    response = client.get(url)
                else:
                    response = client.post(url, body, content_type="application/json")
                assert response.status_code < 500, (method, url, body)
                seen.add(response.status_code)
                if str(response.status_code) not in operation["responses"]:
                    undocumented.add((method, path, response.status_code))
    assert undocumented == set()
    assert {200, 201, 400, 401, 403, 404, 422} <= seen


def test_every_error_status_has_the_error_shape(schema):
    for _path, _method, operation in _operations(schema):
        for status, answer in operation["responses"].items():
            if status.startswith("4"):
                ref = answer["content"]["application/json"]["schema"]["$ref"]
                assert ref.rsplit("/", 1)[-1] in ("Error", "InvalidInput")
    shapes = schema["components"]["schemas"]
    assert shapes["Error"]["required"] == ["detail"]
    assert "errors" in shapes["InvalidInput"]["properties"]


def _enum(schema: dict, shape: dict) -> list[str]:
    if "$ref" in shape:
        shape = schema["components"]["schemas"][shape["$ref"].rsplit("/", 1)[-1]]
    return shape["enum"]


def test_fixed_values_are_enums(schema):
    shapes = schema["components"]["schemas"]
    outcomes = schema["paths"]["/api/v1/processes/{process_id}/outcomes/"]["post"]
    body = outcomes["requestBody"]["content"]["application/json"]["schema"]
    assert "action" in body["properties"]["kind"]["enum"]
    assert "$defs" not in json.dumps(schema)  # every reference resolves inside the document
    assert "marker" in _enum(schema, shapes["OutcomeOut"]["properties"]["kind"])
    assert _enum(schema, shapes["ProcessOut"]["properties"]["phase"]) == [
        "investigate",
        "intervene",
        "plan",
    ]
    assert "completed" in _enum(schema, shapes["ProcessOut"]["properties"]["status"])
    assert "municipality" in _enum(schema, shapes["OrganisationOut"]["properties"]["kind"])
    assert "leader" in _enum(schema, shapes["MembershipOut"]["properties"]["role"])
    assert "plan" in _enum(schema, shapes["MeetingOut"]["properties"]["phase"])


def test_ids_are_documented_with_their_range(schema):
    (parameter,) = schema["paths"]["/api/v1/processes/{process_id}/"]["get"]["parameters"]
    assert parameter["schema"]["type"] == "integer"
    assert (parameter["schema"]["minimum"], parameter["schema"]["maximum"]) == (1, 2**63 - 1)
