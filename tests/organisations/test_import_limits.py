"""Hostile import files are refused quickly and cheaply: each is built here, tiny on disk."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kompetencedialog.organisations import importer
from kompetencedialog.organisations.importer import check_rows, read_table
from kompetencedialog.organisations.models import Organisation, User
from tests.conftest import client_for

HEADINGS = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'


def _cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _xlsx(rows: str, *, dimension: str = "A1:B2", shared: list[str] | None = None) -> bytes:
    """A minimal workbook, made by hand: its one sheet is ``rows`` (sheet XML), with the shared
    strings given (by default the headings «navn» and «e-mail»), claiming ``dimension``."""
    shared = shared if shared is not None else ["navn", "e-mail"]
    strings = "".join(f"<si><t>{text}</t></si>" for text in shared)
    members = {
        "[Content_Types].xml": (
            f'<Types xmlns="{PACKAGE}/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CONTENT_TYPE}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{CONTENT_TYPE}.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{CONTENT_TYPE}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONS}"><sheets>'
            '<sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE}/relationships">'
            f'<Relationship Id="rId1" Type="{RELATIONS}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{RELATIONS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/>'
            f"<sheetData>{rows}</sheetData></worksheet>"
        ),
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" uniqueCount="{len(shared)}">{strings}</sst>',
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in members.items():
            package.writestr(name, text)
    return out.getvalue()


def _upload(content: bytes, name: str = "ansatte.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _refused_quickly_and_cheaply(content: bytes, name: str = "ansatte.xlsx") -> str:
    """The refusal's message (in Danish, as the page shows it), checked to come within 2 s
    and 200 MB."""
    started = time.perf_counter()
    with pytest.raises(ValidationError):
        read_table(_upload(content, name))
    assert time.perf_counter() - started < 2
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            read_table(_upload(content, name))
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
    return " ".join(refused.value.messages)


def test_a_cell_in_row_a_billion_is_refused_without_reading_the_rows_between():
    content = _xlsx(
        HEADINGS + f'<row r="1000000000">{_cell("A1000000000", "x")}</row>',
        dimension="A1:XFD1000000000",
    )
    assert len(content) < 10_000
    message = _refused_quickly_and_cheaply(content)
    assert "Arket har indhold i række 1000000000" in message
    assert "slet de tomme rækker imellem" in message


def test_the_page_refuses_it_in_danish_and_saves_nothing(world, admin):
    content = _xlsx(HEADINGS + f'<row r="1000000000">{_cell("A1000000000", "x")}</row>')
    client = client_for(admin)
    response = client.post(
        f"/organisationer/{world.municipality.pk}/import/", {"file": _upload(content)}
    )
    assert response.status_code == 422
    assert "Arket har indhold i række 1000000000" in response.content.decode()
    assert not [key for key, _value in client.session.items() if key.startswith("import:")]


def test_blank_rows_and_a_huge_claimed_dimension_cost_nothing():
    rows = (
        HEADINGS
        + f'<row r="2">{_cell("A2", "Anna")}{_cell("B2", "anna@example.dk")}</row>'
        + "".join(f'<row r="{n}"/>' for n in range(3, 2000))
        + f'<row r="90000">{_cell("A90000", "Bo")}{_cell("XFD90000", "langt ude")}</row>'
    )
    started = time.perf_counter()
    table = read_table(_upload(_xlsx(rows, dimension="A1:XFD1048576")))
    assert time.perf_counter() - started < 2
    assert [row.get("name") for row in table] == ["Anna", "Bo"]


def test_a_shared_string_bomb_is_refused_before_it_is_unpacked():
    content = _xlsx(
        HEADINGS + '<row r="2"><c r="A2" t="s"><v>2</v></c></row>',
        shared=["navn", "e-mail", "A" * 30_000_000],
    )
    assert len(content) < 200_000
    message = _refused_quickly_and_cheaply(content)
    assert "pakker ud til mere, end vi kan læse (højst 50 MB)" in message


def test_a_cell_longer_than_any_field_is_refused(world):
    long_name = "A" * 10_000
    content = _xlsx(
        "".join(
            f'<row r="{n}"><c r="A{n}" t="s"><v>2</v></c></row>' for n in range(2, 20_000)
        ).replace('<row r="2">', HEADINGS + '<row r="2">', 1),
        shared=["navn", "e-mail", long_name],
    )
    message = _refused_quickly_and_cheaply(content)
    assert "Række 2, kolonne 1 indeholder mere end 500 tegn" in message
    csv_message = _refused_quickly_and_cheaply(
        f"navn;e-mail\n{long_name};a@example.dk\n".encode(), "ansatte.csv"
    )
    assert "Række 2, kolonne 1 indeholder mere end 500 tegn" in csv_message


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_file_of_many_tiny_rows_stops_at_the_limit(kind):
    count = 200_000
    if kind == "xlsx":
        content = _xlsx(
            HEADINGS
            # Shared strings, as Excel writes them.
            + "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(2, count))
        )
    else:
        content = ("navn\n" + "a\n" * count).encode()
    message = _refused_quickly_and_cheaply(content, f"ansatte.{kind}")
    assert f"Filen har mere end {importer.MAX_ROWS} rækker" in message


def test_the_preview_echoes_only_the_start_of_a_cell(world, admin):
    role = "x" * 400
    rows = "".join(f"P{n};Bikuben;p{n}@example.dk;{role}\n" for n in range(300))
    upload = SimpleUploadedFile("a.csv", f"navn;under;e-mail;rolle\n{rows}".encode())
    response = client_for(admin).post(
        f"/organisationer/{world.municipality.pk}/import/", {"file": upload}
    )
    page = response.content.decode()
    assert f"Ukendt rolle «{'x' * importer.SHOWN_CHARS}…»" in page
    assert "x" * (importer.SHOWN_CHARS + 1) not in page
    assert page.count("Ukendt rolle") == importer.SHOWN_PROBLEM_ROWS
    assert "Her vises de første 200 af 300 rækker med problemer" in page
    assert not User.objects.filter(email="p1@example.dk").exists()


def test_an_ordinary_workbook_still_imports(world):
    rows = HEADINGS + f'<row r="2">{_cell("A2", "Anna")}{_cell("B2", "anna@example.dk")}</row>'
    table = read_table(_upload(_xlsx(rows)))
    assert table == [{"number": 2, "name": "Anna", "email": "anna@example.dk"}]
    assert check_rows(organisation=world.municipality, rows=table).rows[0].name == "Anna"
    assert not Organisation.objects.filter(name="Anna").exists()
