"""Property-based: schemathesis sends requests generated from our OpenAPI document to the API
(in-process, through the WSGI app, with a personal access token) and checks that nothing answers
5xx and every answer has a status, content type and body the document declares.

Bounded and repeatable: a fixed number of examples per operation, derandomised (the same
requests every run), no example database. Ids in paths and bodies point at real objects of the
caller, so the generated data reaches the forms and services, not only the 404s; what a bad id
does is tested in ``test_ids_and_dates``.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kompetencedialog.organisations.models import AccessToken
from tests.factories import make_goal, make_outcome, make_process

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_connection():
    """The WSGI app closes the database connection after each request; the test's transaction
    lives on it (on PostgreSQL it would be gone). Django's test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def caller(world, toolkit, keep_connection) -> dict:
    """A leader's token and the ids of things they can see and change."""
    process = make_process(world.institution)
    make_outcome(process, "competence", "Sprog", competence_status="needed")
    make_outcome(process, "action", "Book PPR", status="open")
    make_goal(world.municipality)
    _token, key = AccessToken.issue(world.leader, "schemathesis")
    return {
        "headers": {"Authorization": f"Bearer {key}"},
        "ids": {
            "process_id": process.pk,
            "organisation_id": world.institution.pk,
            "slug": toolkit.slug,
        },
    }


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_never_fails_and_keeps_its_contract(case, caller):
    ids = caller["ids"]
    for name in list(case.path_parameters or {}):
        case.path_parameters[name] = ids.get(name, case.path_parameters[name])
    if case.query and "organisation" in case.query:
        case.query["organisation"] = ids["organisation_id"]
    if isinstance(case.body, dict) and "organisation" in case.body:
        case.body["organisation"] = ids["organisation_id"]
    case.call_and_validate(headers=caller["headers"], checks=CHECKS)
