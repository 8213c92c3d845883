"""Benchmark: import a 2,000-row staff file (CSV) into a municipality, dry run and apply.

    .venv/bin/python bench/import_staff.py [ROWS]

Runs on a scratch SQLite database (the test settings); prints the seconds for reading,
checking and applying. The goal: under 10 seconds for 2,000 rows.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["KOMPETENCEDIALOG_DATA_DIR"] = tempfile.mkdtemp(prefix="kd-bench-")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


def main() -> None:
    call_command("migrate", verbosity=0)
    from kompetencedialog.organisations.importer import apply_rows, check_rows, read_table
    from kompetencedialog.organisations.models import Membership, Organisation, User

    municipality = Organisation.objects.create(name="Bench Kommune", kind="municipality")
    admin = User.objects.create_user("admin@bench.test", "pw")
    Membership.objects.create(user=admin, organisation=municipality, role="admin")
    institutions = []
    areas = [
        Organisation.objects.create(name=f"Område {a}", kind="area", parent=municipality)
        for a in range(4)
    ]
    for i in range(40):
        institution = Organisation.objects.create(
            name=f"Institution {i}", kind="institution", parent=areas[i % 4]
        )
        for t in range(3):
            Organisation.objects.create(name=f"Stue {t}", kind="team", parent=institution)
        institutions.append(institution)
    roles = ["staff", "staff", "staff", "leader", "union_rep"]
    lines = ["navn;under;e-mail;rolle"]
    for n in range(ROWS):
        institution = institutions[n % len(institutions)]
        lines.append(
            f"Person {n};{institution.name} / Stue {n % 3};person{n}@bench.test;{roles[n % 5]}"
        )
    upload = SimpleUploadedFile("ansatte.csv", "\n".join(lines).encode())

    start = time.perf_counter()
    rows = read_table(upload)
    read = time.perf_counter()
    check = check_rows(organisation=municipality, rows=rows)
    checked = time.perf_counter()
    assert check.ok, check.problems[:3]
    result = apply_rows(organisation=municipality, rows=rows, by=admin)
    applied = time.perf_counter()
    assert result.ok
    assert Membership.objects.filter(user__email__startswith="person").count() == ROWS
    print(f"rows: {ROWS}")
    print(f"read:   {read - start:6.2f} s")
    print(f"check:  {checked - read:6.2f} s  (the dry run)")
    print(f"apply:  {applied - checked:6.2f} s  (checks again, then writes in one transaction)")
    print(f"total:  {applied - start:6.2f} s  (goal: under 10 s for 2,000 rows)")


if __name__ == "__main__":
    main()
