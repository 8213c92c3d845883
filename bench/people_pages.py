"""Benchmark: the pages that let a leader pick people, with 20,000 people in one institution.

    .venv/bin/python bench/people_pages.py [PEOPLE] [RUNS]

Runs on a scratch SQLite database (the test settings). Creates one municipality with one
institution of PEOPLE staff (the import limit, 20,000, by default), a leader, a process, a course
with a team, then fetches each page that picks people RUNS times as the leader and prints the
median and slowest time, the size of the answer and its SQL queries. The goal: every page under
300 ms and a small answer, whatever the number of people.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ["KOMPETENCEDIALOG_DATA_DIR"] = tempfile.mkdtemp(prefix="kd-bench-")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

PEOPLE = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
TARGET_MS = 300


def seed():
    from kompetencedialog.courses.models import Course, CourseRun
    from kompetencedialog.organisations.models import Membership, Organisation, User
    from kompetencedialog.processes.models import Process
    from kompetencedialog.toolkit.models import Notebook, Toolkit

    call_command("migrate", verbosity=0)
    call_command("load_toolkits", verbosity=0)
    toolkit = Toolkit.objects.get(slug="dagtilbud-2023")
    municipality = Organisation.objects.create(name="Bench Kommune", kind="municipality")
    institution = Organisation.objects.create(
        name="Store Børnehus", kind="institution", parent=municipality
    )
    leader = User.objects.create_user("leder@bench.test", "pw", name="Lene Leder")
    Membership.objects.create(user=leader, organisation=institution, role="leader")
    administration = User.objects.create_user("forvaltning@bench.test", "pw", name="Frida")
    Membership.objects.create(user=administration, organisation=municipality, role="admin")
    start = time.perf_counter()
    people = User.objects.bulk_create(
        User(email=f"person{n}@bench.test", name=f"Person {n:05d}", password="!")
        for n in range(PEOPLE)
    )
    Membership.objects.bulk_create(
        Membership(user=person, organisation=institution, role="staff") for person in people
    )
    print(f"{PEOPLE} people created in {time.perf_counter() - start:.1f} s")
    notebook = Notebook.objects.create(toolkit=toolkit, organisation=institution, title="Bench")
    process = Process.objects.create(
        organisation=institution, toolkit=toolkit, notebook=notebook, title="Bench"
    )
    course = Course.objects.create(organisation=municipality, title="Sprog", target_group="Alle")
    run = CourseRun.objects.create(
        course=course, starts_on="2027-03-12", place="Rådhuset", capacity=20
    )
    return leader, process, run


def measure(client: Client, label: str, url: str) -> bool:
    client.get(url)  # warm the caches (templates, toolkit) as a running server has them
    times, size, queries = [], 0, 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size, queries = len(response.content), len(captured)
    median = statistics.median(times)
    ok = median < TARGET_MS
    print(
        f"{label:<34} {median:8.0f} ms (slowest {max(times):5.0f}) {size / 1024:8.1f} KB "
        f"{queries:4d} queries  {'ok' if ok else 'TOO SLOW'}"
    )
    return ok


def main() -> None:
    leader, process, run = seed()
    client = Client()
    client.force_login(leader)
    card = reverse(
        "processes:card",
        kwargs={
            "process_id": process.pk,
            "phase": "plan",
            "slug": "organisering-opfoelgning-og-beslutning",
        },
    )
    pages = [
        ("start a process /forloeb/nyt/", reverse("processes:start")),
        ("plan card (markers, actions …)", card),
        ("MUS development points", reverse("followup:development_points", args=[process.pk])),
        ("enrol on a course", reverse("courses:enrol", args=[run.pk])),
        ("who runs the meetings", reverse("meetings:facilitators", args=[process.pk])),
    ]
    try:
        search = reverse("organisations:search_people")
    except Exception:  # before the picker existed: the pages only
        search = None
    if search:
        organisation = process.organisation_id
        pages += [
            (
                "search 'Person 1234'",
                f"{search}?source=process&org={organisation}&field=p&p__q=Person+1234",
            ),
            ("search 'person'", f"{search}?source=process&org={organisation}&field=p&p__q=person"),
        ]
    print(f"{'page':<34} {'median':>11} {'':>16} {'size':>11}")
    results = [measure(client, label, url) for label, url in pages]
    print("all under 300 ms" if all(results) else "SOME PAGES ARE TOO SLOW")


if __name__ == "__main__":
    main()
