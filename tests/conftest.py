"""Shared fixtures: the same few people in every test, and a real browser with axe.

The world: Eksempel Kommune → Område Nord → Børnehuset Solsikken → Team Bikuben, and Nabo
Kommune → Nabo Børnehus. ``leader`` leads Solsikken, ``staff`` works there, ``administration``
works in Eksempel Kommune's administration, ``outsider`` leads Nabo Børnehus.
"""

import copy
import os
import uuid
from dataclasses import dataclass

import pytest
from django.test import Client

from kompetencedialog.organisations.models import Membership, Organisation, User
from tests import factories

# Identity providers for the single sign-on tests (real OIDC and SAML servers on 127.0.0.1).
pytest_plugins = ["tests.sso.fixtures"]

# Playwright's sync API runs an event loop in the test thread; the ORM is still used from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Counters kept in the cache (rate limits, throttles) start at zero in every test, without
    flushing a Redis that other test processes share: each test gets a key prefix of its own."""
    caches = copy.deepcopy(settings.CACHES)
    caches["default"]["KEY_PREFIX"] = (
        f"{caches['default'].get('KEY_PREFIX', '')}-{uuid.uuid4().hex}"
    )
    settings.CACHES = caches


@dataclass
class World:
    municipality: Organisation
    area: Organisation
    institution: Organisation
    team: Organisation
    other_municipality: Organisation
    other_institution: Organisation
    leader: User
    staff: User
    administration: User
    outsider: User


@pytest.fixture
def world(db) -> World:
    municipality = factories.make_organisation("Eksempel Kommune", kind="municipality")
    area = factories.make_organisation("Område Nord", kind="area", parent=municipality)
    institution = factories.make_organisation(
        "Børnehuset Solsikken", parent=area, institution_type="daycare"
    )
    team = factories.make_organisation("Bikuben", kind="team", parent=institution)
    other_municipality = factories.make_organisation("Nabo Kommune", kind="municipality")
    other_institution = factories.make_organisation("Nabo Børnehus", parent=other_municipality)
    Role = Membership.Role
    return World(
        municipality=municipality,
        area=area,
        institution=institution,
        team=team,
        other_municipality=other_municipality,
        other_institution=other_institution,
        leader=factories.make_member(
            institution, Role.LEADER, "leder@eksempel.test", name="Lene Leder"
        ),
        staff=factories.make_member(
            institution, Role.STAFF, "paedagog@eksempel.test", name="Per Pædagog"
        ),
        administration=factories.make_member(
            municipality, Role.ADMINISTRATION, "forvaltning@eksempel.test", name="Frida Forvaltning"
        ),
        outsider=factories.make_member(
            other_institution, Role.LEADER, "leder@nabo.test", name="Niels Nabo"
        ),
    )


@pytest.fixture
def toolkit(db):
    return factories.make_toolkit()


@pytest.fixture
def dagtilbud(db):
    """The real dialogue tool, daycare variant, loaded from toolkit/data/ (``skole`` beside it)."""
    from django.core.management import call_command

    from kompetencedialog.toolkit.models import Toolkit

    call_command("load_toolkits", verbosity=0)
    return Toolkit.objects.get(slug="dagtilbud-2023")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- the browser ----------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded one."""
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "timezone_id": "Europe/Copenhagen"}


@pytest.fixture
def login(live_server, context):
    """Log the browser context in as a person, through a real session cookie."""

    def log_in(user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])

    return log_in


@pytest.fixture
def axe():
    """``axe(page)`` fails the test on any WCAG 2.1 A or AA violation on the page."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page, context=None) -> None:
        results = checker.run(
            page,
            context=context,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
                },
                "resultTypes": ["violations"],
            },
        )
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check
