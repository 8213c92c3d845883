import logging
import shutil
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

SECRET_DETAIL = 'connection to server at "db.internal" (10.0.0.7), port 5432 failed'


@contextmanager
def database_failing(statement_prefix: str, message: str):
    """The database driver raises for every statement that starts with ``statement_prefix``."""

    def fail(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(statement_prefix):
            raise OperationalError(message)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield


def test_it_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_a_broken_database_says_only_fejl_to_the_public_and_the_details_to_the_log(client, caplog):
    with caplog.at_level(logging.ERROR), database_failing("", SECRET_DETAIL):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"fejl"
    assert SECRET_DETAIL in caplog.text


def test_a_database_that_reads_but_cannot_write_is_not_healthy(client, caplog):
    with caplog.at_level(logging.ERROR), database_failing("UPDATE", "database or disk is full"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"fejl"
    assert "database or disk is full" in caplog.text


def test_a_full_data_disk_is_not_healthy(client, caplog, settings):
    # A write that is rolled back never reaches the disk, so the free space itself is checked.
    full = shutil._ntuple_diskusage(total=10**9, used=10**9 - 4096, free=4096)
    with caplog.at_level(logging.ERROR), mock.patch("shutil.disk_usage", return_value=full):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"fejl"
    assert f"Only 4096 bytes free in {settings.DATA_DIR}" in caplog.text


def test_unknown_page_is_a_danish_404(client):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in response.content.decode()


def test_api_errors_are_json(client):
    response = client.get("/api/v1/findes-ikke/")
    assert response.status_code == 404
    assert "detail" in response.json()
