"""Every API error is JSON with a `detail` in Danish (English for Accept-Language: en), and
invalid input answers 422 with Danish messages per field under the contract's field names."""

import json

import pytest
from django.test import Client

from kompetencedialog.processes.models import Process
from tests.conftest import client_for
from tests.factories import make_process

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution)


def post(client, url, data, **kwargs):
    return client.post(url, json.dumps(data), content_type="application/json", **kwargs)


def test_missing_and_wrongly_typed_fields_are_explained_in_danish(world, toolkit):
    client = client_for(world.leader)
    response = post(client, "/api/v1/processes/", {"organisation": "abc", "goals": ["x"]})
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Input er ikke gyldigt."
    assert body["errors"] == {
        "organisation": ["Skriv et helt tal."],
        "title": ["Udfyld feltet."],
        "goals.0": ["Skriv et helt tal."],
    }
    response = client.get("/api/v1/processes/?organisation=abc")
    assert response.status_code == 422
    assert response.json()["errors"] == {"organisation": ["Skriv et helt tal."]}
    assert not Process.objects.exists()


def test_a_choice_and_a_range_are_explained_in_danish(process, world):
    url = f"/api/v1/processes/{process.pk}/meetings/"
    client = client_for(world.leader)
    response = post(client, url, {"phase": "x", "groups": 99, "hidden": "maybe"})
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "phase": ["Vælg en af 'investigate', 'intervene' eller 'plan'."],
        "groups": ["Skriv et tal på højst 20."],
        "hidden": ["Skriv true eller false."],
    }
    english = post(client, url, {"phase": "x"}, headers=ENGLISH).json()
    assert english["detail"] == "The input is not valid."
    assert english["errors"] == {"phase": ["Choose one of 'investigate', 'intervene' or 'plan'."]}


@pytest.mark.parametrize("url", ["/api/v1/processes/", "/api/v1/processes/{pk}/outcomes/"])
def test_a_body_that_is_not_json_gets_a_danish_detail(process, world, url):
    response = client_for(world.leader).post(
        url.format(pk=process.pk), "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"] in ("Send gyldig JSON.", "Send et JSON-objekt.")


def test_a_failed_csrf_check_is_a_danish_403(process, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.leader)
    response = post(client, f"/api/v1/processes/{process.pk}/outcomes/", {"kind": "challenge"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert response.json()["detail"].startswith("Sikkerhedstjekket (CSRF) fejlede")
    english = post(client, "/api/v1/processes/", {}, headers=ENGLISH)
    assert english.json()["detail"].startswith("The security check (CSRF) failed")


def test_a_method_a_path_does_not_take_is_a_json_405(process, world):
    client = client_for(world.leader)
    response = client.delete(f"/api/v1/processes/{process.pk}/")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "Adressen tager ikke imod DELETE. Brug GET."}
    english = client.delete(f"/api/v1/processes/{process.pk}/", headers=ENGLISH).json()
    assert english == {"detail": "This address does not take DELETE. Use GET."}
    assert Process.objects.filter(pk=process.pk).exists()


def test_other_errors_are_json_with_a_danish_detail(process, world):
    client = client_for(world.leader)
    outcomes = f"/api/v1/processes/{process.pk}/outcomes/"
    for response, status, detail in [
        (
            client.get("/api/v1/findes-ikke/"),
            404,
            "Siden findes ikke, eller du har ikke adgang til den.",
        ),
        (client.get("/api/v1/processes/999999/"), 404, "Findes ikke."),
        (
            Client().get("/api/v1/processes/"),
            401,
            "Log ind, eller send en personlig adgangsnøgle (token).",
        ),
        (client_for(world.staff).post(outcomes), 403, "Du må ikke gøre dette ved dette objekt."),
    ]:
        assert (response.status_code, response.json()) == (status, {"detail": detail})
