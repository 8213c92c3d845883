import pytest

pytestmark = pytest.mark.django_db


def test_it_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unknown_page_is_a_danish_404(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


def test_api_errors_are_json(client):
    response = client.get("/api/v1/findes-ikke/")
    assert response.status_code == 404
    assert "detail" in response.json()
