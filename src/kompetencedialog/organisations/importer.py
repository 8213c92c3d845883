"""Import of institutions, teams and people from a CSV or XLSX file, previewed before it applies.

``read_table`` turns a file into rows of plain strings; ``check_rows`` is the dry run, telling
for every row what it would do or what is wrong with it; ``apply_rows`` checks again and then
writes everything in one transaction, or nothing if any row has a problem.

Columns (Danish or English headings, any order): ``type`` (institution, team or person; may be
left out for people), ``navn``/``name``, ``under``/``parent`` (the organisation it belongs to: a
name, or "Institution / Team" when a name is used more than once), ``e-mail``, ``rolle``/``role``,
``institutionstype``, ``adresse``, ``størrelse``.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetencedialog.core.audit import log_action
from kompetencedialog.lib.text import clean_text
from kompetencedialog.organisations.models import Membership, Organisation, User

MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
# An XLSX file is a zip: what it unpacks to is checked before anything is unpacked.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PACKING_RATIO = 100  # ordinary sheets pack 5-20 times; a zip bomb thousands of times
MAX_CELL_CHARS = 500  # the longest field (an address) takes 300
MAX_COLUMNS = 50  # cells further right are ignored
MAX_SHEET_ROW = 100_000  # room for blank rows between the data, not for a row at 1,000,000,000
SHOWN_CHARS = 100  # how much of a cell the preview echoes
SHOWN_PROBLEM_ROWS = 200
NOT_A_TABLE = gettext_lazy(
    "The file is neither CSV nor XLSX. Save it as CSV (UTF-8) or as an Excel workbook (.xlsx) "
    "and upload it again."
)
TOO_MANY_ROWS = gettext_lazy(
    "The file has more than %(max)s rows. Split it into several files and import them one by one."
)


HEADINGS = {
    "type": "type",
    "rækketype": "type",
    "name": "name",
    "navn": "name",
    "parent": "parent",
    "under": "parent",
    "organisation": "parent",
    "institution": "parent",
    "e-mail": "email",
    "email": "email",
    "mail": "email",
    "role": "role",
    "rolle": "role",
    "institution_type": "institution_type",
    "institutionstype": "institution_type",
    "address": "address",
    "adresse": "address",
    "size": "size",
    "størrelse": "size",
}
ROW_TYPES = {
    "institution": "institution",
    "dagtilbud": "institution",
    "skole": "institution",
    "team": "team",
    "afdeling": "team",
    "stue": "team",
    "person": "person",
    "medarbejder": "person",
}
ROLE_NAMES = {
    **{role: role for role in Membership.Role.values},
    "administrator": "admin",
    "leder": "leader",
    "forvaltning": "administration",
    "medarbejder": "staff",
    "tillidsrepræsentant": "union_rep",
    "tr": "union_rep",
    "læser": "viewer",
}
INSTITUTION_TYPES = {
    **{value: value for value in Organisation.InstitutionType.values},
    "dagtilbud": "daycare",
    "skole": "school",
    "sfo": "after_school",
    "fritidstilbud": "after_school",
    "specialtilbud": "special",
    "andet": "other",
}

ACTION_LABELS = {
    "create": gettext_lazy("Will be created"),
    "exists": gettext_lazy("Already there; unchanged"),
    "add_role": gettext_lazy("Gets the role"),
    "new_person": gettext_lazy("New person, gets the role"),
}


@dataclass
class Row:
    number: int
    type: str = ""
    name: str = ""
    parent: str = ""
    email: str = ""
    role: str = ""
    institution_type: str = ""
    address: str = ""
    size: str = ""
    problems: list[str] = field(default_factory=list)
    action: str = ""
    parent_key: object = None

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, ""))


@dataclass
class Check:
    rows: list[Row]

    @property
    def problems(self) -> list[Row]:
        return [row for row in self.rows if row.problems]

    @property
    def problems_shown(self) -> list[Row]:
        """The first problems, enough to correct the file by; the page stays small."""
        return self.problems[:SHOWN_PROBLEM_ROWS]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    def count(self, type_: str, action: str) -> int:
        return sum(1 for row in self.rows if row.type == type_ and row.action == action)

    @property
    def summary(self) -> dict[str, int]:
        return {
            "institutions": self.count("institution", "create"),
            "teams": self.count("team", "create"),
            "new_people": self.count("person", "new_person"),
            "roles": self.count("person", "new_person") + self.count("person", "add_role"),
            "unchanged": sum(1 for row in self.rows if row.action == "exists"),
        }


# --- reading ----------------------------------------------------------------------------------


def read_table(upload) -> list[dict]:
    """The file's rows as dicts of the known columns; ``ValidationError`` if it cannot be read.

    Both readers stream: a file is refused as soon as it passes a limit, before it is read whole,
    so a small hostile file cannot make us spend minutes or gigabytes.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large (at most 10 MB)."))
    content = upload.read()
    lines = _read_xlsx(content) if content[:2] == b"PK" else _read_csv(content)
    table = _collect(lines)
    if not table:
        raise ValidationError(_("The file is empty."))
    columns = [HEADINGS.get(heading.lower().strip()) for heading in table[0]]
    if "name" not in columns and "email" not in columns:
        raise ValidationError(
            _("The first line must name the columns, e.g. navn, under, e-mail, rolle.")
        )
    rows = []
    for number, line in enumerate(table[1:], start=2):
        values = {"number": number}
        for column, cell in zip(columns, line, strict=False):
            if column:
                values[column] = cell
        rows.append(values)
    return rows


def _collect(lines: Iterable[tuple[int, list]]) -> list[list[str]]:
    """The non-empty lines as stripped strings, stopping at the first one past a limit."""
    table = []
    for number, line in lines:
        cells = [
            clean_text("" if cell is None else str(cell), multiline=False).strip()
            for cell in line[:MAX_COLUMNS]
        ]
        if not any(cells):
            continue
        for column, cell in enumerate(cells, start=1):
            if len(cell) > MAX_CELL_CHARS:
                raise ValidationError(
                    _(
                        "Row %(row)s, column %(column)s holds more than %(max)s characters. "
                        "Shorten it and upload the file again."
                    )
                    % {"row": number, "column": column, "max": MAX_CELL_CHARS}
                )
        table.append(cells)
        if len(table) > MAX_ROWS + 1:  # the headings and MAX_ROWS rows
            raise ValidationError(TOO_MANY_ROWS % {"max": MAX_ROWS})
    return table


SHEET_XML = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS_XML = "{http://schemas.openxmlformats.org/package/2006/relationships}"
RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _read_xlsx(content: bytes) -> Iterator[tuple[int, list]]:
    """The first sheet's rows, by their row numbers, parsed as the sheet's XML streams in.

    Not openpyxl: its ``iter_rows`` makes up every missing row between two that are there (a
    billion for a cell in row 1,000,000,000) and pads each row to the width the file claims, and
    its cell parser takes seconds for 20,000 rows. We need only the cells' text: shared strings,
    inline strings and plain values (a date comes as its serial number; no column takes dates).
    """
    _check_zip(content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheet_path, strings_path = _sheet_and_strings(archive)
            strings = _shared_strings(archive, strings_path) if strings_path else []
            with archive.open(sheet_path) as sheet:
                yield from _sheet_rows(sheet, strings)
    except (KeyError, IndexError, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise ValidationError(_("The Excel file could not be read.")) from error


def _sheet_and_strings(archive: zipfile.ZipFile) -> tuple[str, str]:
    """The paths of the workbook's first sheet and of its shared strings (or "")."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    first = workbook.find(f"{SHEET_XML}sheets/{SHEET_XML}sheet").get(RELATION_ID)
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets, strings = {}, ""
    for relation in relations.iter(f"{RELATIONSHIPS_XML}Relationship"):
        target = relation.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[relation.get("Id")] = target
        if relation.get("Type", "").endswith("/sharedStrings"):
            strings = target
    return targets[first], strings


def _shared_strings(archive: zipfile.ZipFile, path: str) -> list[str]:
    strings = []
    with archive.open(path) as source:
        for _event, element in ElementTree.iterparse(source):
            if element.tag == f"{SHEET_XML}si":
                strings.append(_text(element))
                element.clear()
    return strings


def _text(element) -> str:
    """A string item's text: its own ``t``, or its runs' (not the phonetic guide's)."""
    parts = [child.text or "" for child in element.findall(f"{SHEET_XML}t")]
    parts += [run.text or "" for run in element.findall(f"{SHEET_XML}r/{SHEET_XML}t")]
    return "".join(parts)


def _sheet_rows(sheet, strings: list[str]) -> Iterator[tuple[int, list]]:
    row_tag, cell_tag = f"{SHEET_XML}row", f"{SHEET_XML}c"
    row_number = 0
    line: list = []
    for _event, element in ElementTree.iterparse(sheet):
        if element.tag == cell_tag:
            column = _column(element.get("r", ""), len(line) + 1)
            if column <= MAX_COLUMNS:
                line.extend([""] * (column - len(line)))
                line[column - 1] = _cell_value(element, strings)
        elif element.tag == row_tag:
            row_number = int(element.get("r") or row_number + 1)
            element.clear()
            if row_number > MAX_SHEET_ROW:
                if any(line):
                    raise ValidationError(
                        _(
                            "The sheet has content in row %(row)s; the import reads the first "
                            "%(max)s rows of a sheet. Move the rows up (delete the empty rows "
                            "between them) and upload the file again."
                        )
                        % {"row": row_number, "max": MAX_SHEET_ROW}
                    )
                return
            yield row_number, line
            line = []


def _column(reference: str, default: int) -> int:
    """The column number of a cell reference like "AB12" (the next column if there is none)."""
    letters = reference.rstrip("0123456789")
    if not letters:
        return default
    number = 0
    for letter in letters[:3].upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _cell_value(cell, strings: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{SHEET_XML}is")
        return "" if inline is None else _text(inline)
    value = cell.findtext(f"{SHEET_XML}v") or ""
    if kind == "s" and value:
        return strings[int(value)]
    return value


def _check_zip(content: bytes) -> None:
    """Refuse a workbook that unpacks to more than we read, by what its zip directory says:
    Python's zip reader never unpacks a member past the size the directory gives."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile as error:
        raise ValidationError(_("The Excel file could not be read.")) from error
    unpacked = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > 1024 * 1024
        and member.file_size > MAX_PACKING_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise ValidationError(
            _(
                "The Excel file unpacks to more than we can read (at most %(max)s MB). Save "
                "only the sheet with the rows to import, or save it as CSV, and upload it again."
            )
            % {"max": MAX_UNPACKED_BYTES // (1024 * 1024)}
        )


def _read_csv(content: bytes) -> Iterator[tuple[int, list]]:
    text = _decode(content)
    if "\x00" in text:
        raise ValidationError(NOT_A_TABLE)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for line in reader:
            yield reader.line_num, line
    except csv.Error as error:  # a field longer than the csv module's own limit, and the like
        raise ValidationError(NOT_A_TABLE) from error


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(NOT_A_TABLE)


# --- checking ---------------------------------------------------------------------------------


def _shown(value: str) -> str:
    """A cell as the preview may echo it: its first ``SHOWN_CHARS`` characters."""
    return value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"


class _Index:
    """Organisations by name and by "parent / name", existing ones and those the file adds."""

    def __init__(self, organisation: Organisation):
        self.kinds: dict = {}
        self.keys: dict[str, list] = {}
        existing = list(organisation.subtree().values_list("id", "name", "kind", "parent_id"))
        names = {pk: name for pk, name, _kind, _parent in existing}
        for pk, name, kind, parent_id in existing:
            self.add(pk, name, kind, names.get(parent_id, ""))
        self.children: set[tuple] = {
            (parent_id, name.lower(), kind) for _pk, name, kind, parent_id in existing
        }

    def add(self, key, name: str, kind: str, parent_name: str) -> None:
        self.kinds[key] = kind
        self.keys.setdefault(name.lower(), []).append(key)
        if parent_name:
            self.keys.setdefault(f"{parent_name} / {name}".lower(), []).append(key)

    def find(self, label: str) -> tuple[object, str]:
        """(key, problem); the key is an id, or ("new", row number) for the file's own."""
        label = " / ".join(part.strip() for part in label.split("/")).lower()
        found = self.keys.get(label, [])
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, "unknown"
        return None, "ambiguous"


def check_rows(*, organisation: Organisation, rows: list[dict]) -> Check:
    """The dry run: what each row would do, or every problem with it. Writes nothing."""
    parsed = [
        Row(**{k: v for k, v in raw.items() if k in Row.__dataclass_fields__}) for raw in rows
    ]
    index = _Index(organisation)
    for row in parsed:
        row.type = ROW_TYPES.get(row.type.lower(), row.type.lower())
        if not row.type:
            row.type = "person" if row.email else ""
    order = {"institution": 0, "team": 1, "person": 2}
    seen_orgs: dict[tuple, int] = {}
    for row in sorted(parsed, key=lambda r: (order.get(r.type, 3), r.number)):
        if row.type in ("institution", "team"):
            _check_organisation_row(row, organisation, index, seen_orgs)
        elif row.type != "person":
            row.problems.append(
                _("Unknown type «%(type)s»: write institution, team or person.")
                % {"type": _shown(row.type)}
                if row.type
                else _("Say what the row is: institution, team or person.")
            )
    _check_people(organisation, [row for row in parsed if row.type == "person"], index)
    return Check(rows=parsed)


def _parent_problem(problem: str, label: str) -> str:
    if problem == "ambiguous":
        return _(
            "Several organisations are called «%(name)s»: write it as «Institution / Team»."
        ) % {"name": _shown(label)}
    return _("Unknown institution or organisation «%(name)s».") % {"name": _shown(label)}


def _check_organisation_row(row: Row, organisation: Organisation, index: _Index, seen: dict):
    if not row.name:
        row.problems.append(_("The name is missing."))
    if row.parent:
        parent_key, problem = index.find(row.parent)
        if problem:
            row.problems.append(_parent_problem(problem, row.parent))
    elif row.type == "institution":
        parent_key = organisation.pk
    else:
        parent_key = None
        row.problems.append(_("Say which institution the team belongs to."))
    if parent_key is not None:
        allowed = {"institution": {"municipality", "school_owner", "other", "area"}}.get(
            row.type, {"institution"}
        )
        if index.kinds[parent_key] not in allowed:
            row.problems.append(
                _("A team belongs under an institution.")
                if row.type == "team"
                else _("An institution belongs under a municipality or an area.")
            )
    if row.type == "institution":
        if row.institution_type and row.institution_type.lower() not in INSTITUTION_TYPES:
            row.problems.append(
                _("Unknown type of institution «%(value)s».")
                % {"value": _shown(row.institution_type)}
            )
        if row.size and not row.size.isdigit():
            row.problems.append(_("The size must be a whole number."))
    if row.problems:
        return
    key = (parent_key, row.name.lower(), row.type)
    if key in seen:
        row.problems.append(_("Duplicate of row %(row)s.") % {"row": seen[key]})
        return
    seen[key] = row.number
    if key in index.children:
        row.action = "exists"
        return
    row.action = "create"
    parent_name = row.parent.split("/")[-1].strip() if row.parent else organisation.name
    index.add(("new", row.number), row.name, row.type, parent_name)


def _check_people(organisation: Organisation, rows: list[Row], index: _Index) -> None:
    emails = set()
    for row in rows:
        row.email = row.email.strip().lower()
        if not row.email:
            row.problems.append(_("The e-mail address is missing."))
        else:
            try:
                validate_email(row.email)
                emails.add(row.email)
            except ValidationError:
                row.problems.append(
                    _("«%(email)s» is not a valid e-mail address.") % {"email": _shown(row.email)}
                )
        role = ROLE_NAMES.get(row.role.strip().lower())
        if role is None:
            row.problems.append(
                _("Unknown role «%(role)s».") % {"role": _shown(row.role)}
                if row.role
                else _("The role is missing.")
            )
        else:
            row.role = role
        if not row.parent:
            row.problems.append(_("Say which organisation the person belongs to."))
        else:
            row.parent_key, problem = index.find(row.parent)
            if problem:
                row.problems.append(_parent_problem(problem, row.parent))
    existing_people = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    existing_roles = set(
        Membership.objects.filter(
            user__email__in=emails, organisation__path__startswith=organisation.path
        ).values_list("user__email", "organisation_id", "role")
    )
    seen: dict[tuple, int] = {}
    for row in rows:
        if row.problems:
            continue
        key = (row.email, row.parent_key, row.role)
        if key in seen:
            row.problems.append(_("Duplicate of row %(row)s.") % {"row": seen[key]})
            continue
        seen[key] = row.number
        if key in existing_roles:
            row.action = "exists"
        elif row.email in existing_people:
            row.action = "add_role"
        else:
            row.action = "new_person"
            existing_people.add(row.email)


# --- applying ---------------------------------------------------------------------------------


@transaction.atomic
def apply_rows(*, organisation: Organisation, rows: list[dict], by) -> Check:
    """Check the rows again, then write them all; with any problem, write nothing."""
    check = check_rows(organisation=organisation, rows=rows)
    if not check.ok:
        return check
    organisations = {org.pk: org for org in organisation.subtree()}
    new: dict[tuple, Organisation] = {}

    index = _Index(organisation)

    def resolve(label: str) -> Organisation:
        key, _problem = index.find(label)
        return new[key] if isinstance(key, tuple) else organisations[key]

    order = {"institution": 0, "team": 1}
    for row in sorted(check.rows, key=lambda r: (order.get(r.type, 2), r.number)):
        if row.type not in ("institution", "team") or row.action != "create":
            continue
        parent = resolve(row.parent) if row.parent else organisation
        created = Organisation(
            name=row.name,
            kind=row.type,
            parent=parent,
            institution_type=INSTITUTION_TYPES.get(row.institution_type.lower(), ""),
            address=row.address,
            size=int(row.size) if row.size else None,
        )
        created.save()
        log_action(
            by,
            "organisation.created",
            created,
            {"before": None, "after": {"name": row.name}, "import": True},
        )
        new[("new", row.number)] = created
        index.add(("new", row.number), row.name, row.type, parent.name)

    people_rows = [row for row in check.rows if row.type == "person" and row.action != "exists"]
    emails = {row.email for row in people_rows}
    people = {user.email: user for user in User.objects.filter(email__in=emails)}
    names = {row.email: row.name for row in people_rows}
    fresh = []
    for email in sorted(emails - set(people)):
        user = User(email=email, name=names[email])
        user.set_unusable_password()
        fresh.append(user)
    for user in User.objects.bulk_create(fresh):
        people[user.email] = user
    new_emails = {user.email for user in fresh}
    memberships = Membership.objects.bulk_create(
        [
            Membership(user=people[row.email], organisation=resolve(row.parent), role=row.role)
            for row in people_rows
        ]
    )
    for membership in memberships:
        log_action(
            by,
            "membership.role.added",
            membership,
            {
                "person": membership.user.email,
                "new_person": membership.user.email in new_emails,
                "before": None,
                "after": {"role": membership.role},
                "import": True,
            },
        )
    log_action(by, "organisation.imported", organisation, {"after": check.summary})
    return check
