"""A token's "last used" is written at most once a minute, and reads work when it cannot be."""

import logging
from datetime import timedelta

import time_machine
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kompetencedialog.organisations.models import AccessToken


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def token_writes(queries: CaptureQueriesContext) -> list[str]:
    table = AccessToken._meta.db_table
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and table in q["sql"]]


def test_two_requests_within_a_minute_write_last_used_once(world, client):
    token, key = AccessToken.issue(world.leader, "robot")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/me/", headers=bearer(key)).status_code == 200
            clock.shift(timedelta(seconds=59))
            assert client.get("/api/v1/me/", headers=bearer(key)).status_code == 200
        assert len(token_writes(queries)) == 1
        token.refresh_from_db()
        first_use = token.last_used
        assert first_use is not None

        clock.shift(timedelta(seconds=2))
        with CaptureQueriesContext(connection) as queries:
            client.get("/api/v1/me/", headers=bearer(key))
        assert len(token_writes(queries)) == 1
        token.refresh_from_db()
        assert token.last_used > first_use


def test_a_read_answers_when_last_used_cannot_be_written(world, client, caplog):
    _token, key = AccessToken.issue(world.leader, "robot")

    def full_disk(execute, sql, params, many, context):
        if sql.startswith("UPDATE"):
            raise OperationalError("database or disk is full")
        return execute(sql, params, many, context)

    with caplog.at_level(logging.WARNING), connection.execute_wrapper(full_disk):
        response = client.get("/api/v1/me/", headers=bearer(key))
    assert response.status_code == 200
    assert response.json()["email"] == "leder@eksempel.test"
    assert "Could not record the use of access token" in caplog.text
