"""Links that leave the page (join link, QR code, e-mails) point at the server actually used:
SITE_URL when configured, else the address the request came to, and `serve`'s own address for
links made without a request."""

import io
import json
import os

import pytest
import segno
from django.core import mail
from django.core.management import call_command
from django.test import Client

from kompetencedialog.core.management.commands import serve
from kompetencedialog.meetings.services import open_meeting
from kompetencedialog.organisations.services import invite
from tests.conftest import client_for
from tests.factories import make_process

ON_8100 = {"host": "127.0.0.1:8100"}


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution)


def open_by_api(process, world, **headers):
    response = client_for(world.leader).post(
        f"/api/v1/processes/{process.pk}/meetings/",
        json.dumps({"phase": "investigate"}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_the_api_join_url_has_the_port_the_request_came_to(process, world, settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    body = open_by_api(process, world, **ON_8100)
    assert body["join_url"] == f"http://127.0.0.1:8100/m/{body['code']}/"


def test_a_configured_site_url_wins(process, world, settings):
    settings.SITE_URL_CONFIGURED, settings.SITE_URL = True, "https://kd.example.dk"
    body = open_by_api(process, world, **ON_8100)
    assert body["join_url"] == f"https://kd.example.dk/m/{body['code']}/"


def test_the_projector_and_its_qr_code_use_the_address_the_request_came_to(
    process, world, settings
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    meeting = open_meeting(process=process, by=world.leader)
    page = client_for(world.leader).get(f"/moeder/{meeting.pk}/projektor/", headers=ON_8100)
    assert "<strong>127.0.0.1:8100/m</strong>" in page.content.decode()
    assert f"http://127.0.0.1:8100/m/{meeting.code}/" in page.content.decode()
    expected = io.BytesIO()
    segno.make(f"http://127.0.0.1:8100/m/{meeting.code}/", error="m").save(
        expected, kind="svg", scale=10, border=2
    )
    qr = Client().get(f"/m/{meeting.code}/qr.svg", headers=ON_8100)
    assert qr.content == expected.getvalue()


@pytest.fixture
def uvicorn_run(monkeypatch):
    calls = []
    monkeypatch.setattr(serve.uvicorn, "run", lambda *args, **kwargs: calls.append(kwargs))
    # serve sets this for uvicorn's worker processes; the test's process gets it back after.
    monkeypatch.setenv("KOMPETENCEDIALOG_SERVE_URL", "")
    return calls


def test_serve_makes_its_own_address_the_default_for_links_without_a_request(
    uvicorn_run, settings, world, django_capture_on_commit_callbacks
):
    settings.SITE_URL_CONFIGURED, settings.SITE_URL = False, "http://127.0.0.1:8000"
    call_command("serve", "--port", "8100", stdout=io.StringIO())
    assert uvicorn_run[0]["port"] == 8100
    assert settings.SITE_URL == "http://127.0.0.1:8100"
    assert os.environ["KOMPETENCEDIALOG_SERVE_URL"] == "http://127.0.0.1:8100"
    # An e-mail's link, made without a request.
    with django_capture_on_commit_callbacks(execute=True):
        invite(organisation=world.institution, email="ny@eksempel.test", role="staff", by=None)
    assert "http://127.0.0.1:8100/" in mail.outbox[0].body


def test_serve_leaves_a_configured_site_url_alone(uvicorn_run, settings):
    settings.SITE_URL_CONFIGURED, settings.SITE_URL = True, "https://kd.example.dk"
    call_command("serve", "--host", "0.0.0.0", "--port", "8100", stdout=io.StringIO())
    assert settings.SITE_URL == "https://kd.example.dk"
    assert os.environ["KOMPETENCEDIALOG_SERVE_URL"] == ""


def test_the_settings_tell_a_configured_site_url_from_the_default(monkeypatch):
    from importlib import reload

    from kompetencedialog import settings as module

    try:
        monkeypatch.delenv("SITE_URL", raising=False)
        monkeypatch.setenv("KOMPETENCEDIALOG_SERVE_URL", "http://127.0.0.1:8100")
        reload(module)
        assert (module.SITE_URL_CONFIGURED, module.SITE_URL) == (False, "http://127.0.0.1:8100")
        monkeypatch.setenv("SITE_URL", "https://kd.example.dk/")
        reload(module)
        assert (module.SITE_URL_CONFIGURED, module.SITE_URL) == (True, "https://kd.example.dk")
    finally:
        monkeypatch.undo()
        reload(module)
