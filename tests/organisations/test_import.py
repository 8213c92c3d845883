"""Import of institutions, teams and people: a dry run lists every problem; all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.importer import apply_rows, check_rows, read_table
from kompetencedialog.organisations.models import Membership, Organisation, User
from tests.conftest import client_for

GOOD = """type;navn;under;e-mail;rolle;institutionstype
institution;Børnehuset Mælkebøtten;Område Nord;;;dagtilbud
team;Stue 1;Børnehuset Mælkebøtten;;;
person;Anna Andersen;Børnehuset Mælkebøtten / Stue 1;anna@example.dk;medarbejder;
person;Per Pædagog;Bikuben;paedagog@eksempel.test;tr;
person;Lene Leder;Børnehuset Solsikken;leder@eksempel.test;leader;
"""

BAD = """navn;under;e-mail;rolle
Anna Andersen;Børnehuset Mælkebøtten;anna@example.dk;medarbejder
Bo Berg;Bikuben;bo(at)example.dk;medarbejder
Cille Cox;Bikuben;cille@example.dk;pedel
Dorte Dam;Bikuben;dorte@example.dk;medarbejder
Dorte Dam;Bikuben;dorte@example.dk;medarbejder
"""


def _csv(text: str, name: str = "ansatte.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture(autouse=True)
def english():
    """The problems are asserted in the msgids' own words."""
    with translation.override("en"):
        yield


def test_the_dry_run_says_what_each_row_will_do_and_writes_nothing(world):
    check = check_rows(organisation=world.municipality, rows=read_table(_csv(GOOD)))
    assert check.ok
    assert [row.action for row in check.rows] == [
        "create",
        "create",
        "new_person",
        "add_role",
        "exists",
    ]
    assert not Organisation.objects.filter(name="Stue 1").exists()
    assert not User.objects.filter(email="anna@example.dk").exists()


def test_every_rows_problem_is_listed(world):
    check = check_rows(organisation=world.municipality, rows=read_table(_csv(BAD)))
    problems = {row.number: row.problems for row in check.problems}
    assert "Unknown institution or organisation «Børnehuset Mælkebøtten»." in problems[2]
    assert "«bo(at)example.dk» is not a valid e-mail address." in problems[3]
    assert "Unknown role «pedel»." in problems[4]
    assert "Duplicate of row 5." in problems[6]
    assert 5 not in problems


def test_a_file_with_errors_changes_nothing(world, admin):
    before = (User.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    check = apply_rows(organisation=world.municipality, rows=read_table(_csv(BAD)), by=admin)
    assert not check.ok
    assert before == (User.objects.count(), Membership.objects.count(), AuditEntry.objects.count())


def test_applying_creates_institutions_teams_people_and_roles(world, admin):
    check = apply_rows(organisation=world.municipality, rows=read_table(_csv(GOOD)), by=admin)
    assert check.ok
    team = Organisation.objects.get(name="Stue 1")
    assert team.parent.name == "Børnehuset Mælkebøtten"
    assert team.parent.parent == world.area and team.parent.institution_type == "daycare"
    anna = User.objects.get(email="anna@example.dk")
    assert anna.name == "Anna Andersen" and not anna.has_usable_password()
    assert Membership.objects.filter(user=anna, organisation=team, role="staff").exists()
    assert Membership.objects.filter(
        user=world.staff, organisation=world.team, role="union_rep"
    ).exists()
    assert AuditEntry.objects.filter(action="membership.role.added").count() == 2


def test_an_excel_file_is_read_like_a_csv_file(world):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Navn", "Under", "E-mail", "Rolle"])
    sheet.append(["Anna Andersen", "Bikuben", "anna@example.dk", "Medarbejder"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("ansatte.xlsx", buffer.getvalue())
    check = check_rows(organisation=world.municipality, rows=read_table(upload))
    assert check.ok and check.rows[0].role == "staff"


def test_an_ambiguous_team_name_asks_for_the_institution(world):
    other = Organisation.objects.create(name="Andet Hus", kind="institution", parent=world.area)
    Organisation.objects.create(name="Bikuben", kind="team", parent=other)
    text = (
        "navn;under;e-mail;rolle\n"
        "A;Bikuben;a@example.dk;staff\n"
        "B;Andet Hus / Bikuben;b@example.dk;staff\n"
    )
    check = check_rows(organisation=world.municipality, rows=read_table(_csv(text)))
    assert "write it as «Institution / Team»" in check.rows[0].problems[0]
    assert not check.rows[1].problems


def test_the_import_page_previews_then_applies(world, admin):
    client = client_for(admin)
    preview = client.post(f"/organisationer/{world.municipality.pk}/import/", {"file": _csv(GOOD)})
    assert preview.status_code == 200
    assert not User.objects.filter(email="anna@example.dk").exists()
    key = preview.context["import_key"]
    done = client.post(f"/organisationer/{world.municipality.pk}/import/", {"apply": key})
    assert done.status_code == 302
    assert User.objects.filter(email="anna@example.dk").exists()


def test_the_import_page_lists_the_problems(world, admin):
    response = client_for(admin).post(
        f"/organisationer/{world.municipality.pk}/import/", {"file": _csv(BAD)}
    )
    assert "import_key" not in response.context
    assert len(response.context["check"].problems) == 4


def test_an_unreadable_file_is_refused_next_to_the_field(world, admin):
    response = client_for(admin).post(
        f"/organisationer/{world.municipality.pk}/import/",
        {"file": SimpleUploadedFile("x.csv", b"")},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["file"]


@pytest.mark.parametrize(
    "content",
    [bytes(range(256)) * 4, b"\x81\x8d\x8f\x90\x9d binary", b"navn\x00;e-mail\nx;y"],
    ids=["random bytes", "neither utf-8 nor cp1252", "nul bytes"],
)
def test_a_binary_file_named_csv_is_refused_with_what_to_do(world, admin, content):
    client = client_for(admin)
    people = User.objects.count()
    response = client.post(
        f"/organisationer/{world.municipality.pk}/import/",
        {"file": SimpleUploadedFile("x.csv", content, content_type="text/csv")},
    )
    assert response.status_code == 422
    assert "Filen er hverken CSV eller XLSX" in response.content.decode()
    assert "import_key" not in response.context
    assert not [key for key, _value in client.session.items() if key.startswith("import:")]
    assert User.objects.count() == people
