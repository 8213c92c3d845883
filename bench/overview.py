"""Times the overview page and its API for the largest municipality and for the whole country.

Run against the database bench/seed_national.py filled:

    DATABASE_URL=postgres://postgres@127.0.0.1/kd_bench .venv/bin/python bench/overview.py

Prints the median and 95th percentile (ms) and the number of SQL queries per request, with
the median CPU time of this (Python) process and the machine's load average, because on a
shared machine the wall-clock figures depend on what else runs. Requests
go through Django's test client in-process (the whole view, template and middleware; no HTTP).
"""

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetencedialog.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from kompetencedialog.organisations.models import Membership, Organisation, User
    from kompetencedialog.processes.models import Outcome, Process

    largest = (
        Organisation.objects.filter(kind="municipality").order_by("id").first()
    )  # seed_national makes the largest first
    admin = (
        Membership.objects.filter(organisation=largest, role="administration")
        .select_related("user")
        .first()
        .user
    )
    country = User.objects.filter(is_superuser=True).first()
    print(
        f"data: {Organisation.objects.filter(kind='institution').count()} institutions, "
        f"{Process.objects.count()} processes, {Outcome.objects.count()} outcomes; "
        f"largest municipality: {largest.name}, "
        f"{largest.subtree().filter(kind='institution').count()} institutions, "
        f"{Process.objects.filter(organisation__path__startswith=largest.path).count()} processes"
    )

    def count_queries(client, path) -> int:
        seen = []

        def wrapper(execute, sql, params, many, context):
            seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(wrapper):
            client.get(path)
        return len(seen)

    def measure(label, user, path):
        client = Client()
        client.force_login(user)
        response = client.get(path)  # warm up
        assert response.status_code == 200, (path, response.status_code)
        queries = count_queries(client, path)
        times, cpu = [], []
        for _i in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        times.sort()
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        print(
            f"{label:<42} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   "
            f"queries {queries}   (Python CPU median {statistics.median(cpu):6.1f} ms; "
            f"load {os.getloadavg()[0]:.1f})"
        )

    def page(org):
        return reverse("overview:organisation", kwargs={"organisation_id": org.pk})

    def api(org):
        return f"/api/v1/overview/?organisation={org.pk}"

    top = Organisation.objects.filter(parent__isnull=True)
    measure("page, largest municipality", admin, page(largest))
    measure("API, largest municipality", admin, api(largest))
    language = (
        Outcome.objects.filter(kind="competence", competence_status="needed")
        .values_list("area_id", flat=True)
        .first()
    )
    measure("page, largest municipality, area filter", admin, f"{page(largest)}?area={language}")
    measure(
        "Excel export, largest municipality",
        admin,
        reverse("overview:export", kwargs={"organisation_id": largest.pk}),
    )
    # the whole country: the sum of every municipality's overview, seen as a superuser
    for label, path in (("page", page), ("API", api)):
        client_total = []
        client = Client()
        client.force_login(country)
        client.get(path(largest))
        start = time.perf_counter()
        for org in top:
            assert client.get(path(org)).status_code == 200
        client_total.append((time.perf_counter() - start) * 1000)
        print(
            f"{label + ', every municipality one after another':<42} total "
            f"{client_total[0]:7.0f} ms ({top.count()} municipalities, "
            f"{count_queries(client, path(largest))} queries each)"
        )


if __name__ == "__main__":
    main()
