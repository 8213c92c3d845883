"""``/api/v1/me/`` and ``/api/v1/organisations/``, by session and by bearer token."""

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.factories import make_organisation


def _token_for(email: str, capsys) -> str:
    call_command("token", "create", email)
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_me_with_the_token_from_the_command(world, client, capsys):
    token = _token_for("leder@eksempel.test", capsys)
    response = client.get("/api/v1/me/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json() == {
        "email": "leder@eksempel.test",
        "name": "Lene Leder",
        "memberships": [
            {
                "organisation": {
                    "id": world.institution.pk,
                    "name": "Børnehuset Solsikken",
                    "kind": "institution",
                },
                "role": "leader",
            }
        ],
    }


def test_without_credentials_it_is_401_with_a_detail(client, db):
    for url in ("/api/v1/me/", "/api/v1/organisations/"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["detail"]


def test_a_wrong_token_is_401(client, db):
    response = client.get("/api/v1/me/", headers={"Authorization": "Bearer kd_forkert"})
    assert response.status_code == 401


def test_organisations_lists_what_the_caller_can_see(world, client, capsys):
    token = _token_for("paedagog@eksempel.test", capsys)
    body = client.get("/api/v1/organisations/", headers={"Authorization": f"Bearer {token}"}).json()
    assert body["count"] == 4 and body["next"] is None
    by_name = {item["name"]: item for item in body["items"]}
    assert set(by_name) == {"Eksempel Kommune", "Område Nord", "Børnehuset Solsikken", "Bikuben"}
    assert by_name["Bikuben"] == {
        "id": world.team.pk,
        "name": "Bikuben",
        "kind": "team",
        "parent": world.institution.pk,
    }


def test_organisations_pages_with_next(world):
    for i in range(5):
        make_organisation(f"Team {i}", kind="team", parent=world.institution)
    body = client_for(world.leader).get("/api/v1/organisations/?limit=3").json()
    assert body["count"] == 9 and len(body["items"]) == 3
    assert "offset=3" in body["next"]


def test_the_list_costs_the_same_queries_however_many(world):
    client = client_for(world.administration)
    counts = []
    for size in (2, 30):
        for i in range(size):
            make_organisation(f"Institution {size}-{i}", parent=world.area)
        with CaptureQueriesContext(connection) as queries:
            client.get("/api/v1/organisations/")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_one_organisation_outside_is_404(world):
    client = client_for(world.outsider)
    assert client.get(f"/api/v1/organisations/{world.institution.pk}/").status_code == 404
    assert client.get(f"/api/v1/organisations/{world.other_institution.pk}/").status_code == 200


def test_an_organisation_above_the_callers_own_is_403_not_404(world):
    client = client_for(world.leader)
    assert client.get(f"/api/v1/organisations/{world.institution.pk}/").status_code == 200
    assert client.get(f"/api/v1/organisations/{world.municipality.pk}/").status_code == 403
    assert client.get(f"/api/v1/organisations/{world.other_institution.pk}/").status_code == 404
