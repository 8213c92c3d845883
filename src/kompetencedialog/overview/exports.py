"""Every table of the overview as an Excel workbook (one sheet a table) or as CSV.

Cells are written through ``lib.spreadsheet``: numbers as numbers, text as text that no
spreadsheet program evaluates as a formula.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from kompetencedialog.lib.spreadsheet import append_row, cell_value, sheet_title
from kompetencedialog.overview.tables import Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet_title(title: str, used: set[str]) -> str:
    name = sheet_title(title)[:31] or "Ark"
    base, n = name, 2
    while name in used:
        suffix = f" {n}"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name


def workbook(tables: list[Table]) -> bytes:
    """An .xlsx with one sheet per table: a bold header row, numbers as numbers."""
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        append_row(sheet, table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.all_rows:
            append_row(sheet, [cell.value for cell in row])
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(table: Table) -> str:
    """CSV for Danish Excel: UTF-8 with a byte order mark, semicolons, decimal commas."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_value(header) for header in table.headers])
    for row in table.all_rows:
        writer.writerow([_csv_value(cell.value) for cell in row])
    return out.getvalue()


def _csv_value(value):
    value = cell_value(value)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return "" if value is None else value
