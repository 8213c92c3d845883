"""A national data set for benchmarks: 98 municipalities, about 4,500 institutions, 60,000
people and 15,000 processes with outcomes in realistic proportions (times ``--scale``).

Wipes and fills the database named by DATABASE_URL (a dedicated one; its name must contain
"bench"), e.g.:

    createdb -h 127.0.0.1 -U postgres kd_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1/kd_bench
    .venv/bin/python bench/seed_national.py --scale 1.0

Municipality sizes follow a Zipf-like curve (the largest has about a tenth of the country).
Everything is inserted with ``bulk_create``; the randomness is seeded, so runs are repeatable.
"""

import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetencedialog.settings")

AREAS = [
    ("personal_development", "Alsidig personlig udvikling"),
    ("social_development", "Social udvikling"),
    ("language", "Kommunikation og sprog"),
    ("body_movement", "Krop, sanser og bevægelse"),
    ("nature_science", "Natur, udeliv og science"),
    ("culture_aesthetics", "Kultur, æstetik og fællesskab"),
    ("child_perspective", "Børnesyn, dannelse og børneperspektiv"),
    ("play", "Leg"),
    ("learning_environment", "Pædagogisk læringsmiljø hele dagen"),
    ("parent_collaboration", "Forældresamarbejde"),
    ("vulnerable_children", "Børn i udsatte positioner"),
    ("transitions", "Sammenhæng og overgange"),
    ("inclusion_special_needs", "Inklusion og specialpædagogik"),
    ("evaluation_culture", "Evalueringskultur, data og dokumentation"),
    ("professional_leadership", "Pædagogisk og faglig ledelse"),
    ("digital", "Digital dannelse og teknologi"),
]
# how often each area is named as a need (language and inclusion dominate, as in practice)
AREA_WEIGHTS = [4, 5, 9, 3, 2, 2, 3, 4, 5, 4, 6, 4, 8, 3, 4, 2]
TYPES = [("daycare", 55), ("school", 25), ("after_school", 10), ("special", 5), ("other", 5)]
FORMATS = [
    ("peer_sparring", 20),
    ("professional_leadership", 15),
    ("supervision", 15),
    ("local_event", 15),
    ("course", 25),
    ("education", 5),
    ("other", 5),
]

MUNICIPALITIES = 98
INSTITUTIONS = 4500
PEOPLE = 60000
PROCESSES = 15000
BATCH = 5000


def pick(rng, weighted):
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the whole country")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("Set DATABASE_URL to a dedicated database whose name contains 'bench'.")

    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from kompetencedialog.organisations.models import Membership, Organisation, User
    from kompetencedialog.processes.models import (
        CompetenceArea,
        Goal,
        Outcome,
        PlanVersion,
        Process,
    )
    from kompetencedialog.toolkit.models import Toolkit

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        tables = [
            m._meta.db_table
            for m in (
                Outcome.addresses.through,
                Outcome,
                PlanVersion,
                Process.goals.through,
                Process.participants.through,
                Process,
                Goal,
                Membership,
                CompetenceArea,
            )
        ]
        cursor.execute(
            "TRUNCATE "
            + ", ".join(tables)
            + ", organisations_organisation, organisations_user, core_auditentry CASCADE"
        )
    # created timestamps are part of the data (history, periods): let bulk_create keep ours
    for model in (Organisation, Process, Outcome):
        for name in ("created", "updated"):
            try:
                field = model._meta.get_field(name)
            except Exception:
                continue
            field.auto_now_add = field.auto_now = False

    rng = random.Random(args.seed)
    now = timezone.now()
    scale = args.scale
    n_institutions = max(MUNICIPALITIES, round(INSTITUTIONS * scale))
    n_people = round(PEOPLE * scale)
    n_processes = round(PROCESSES * scale)
    weights = [1 / (i + 1) ** 0.7 for i in range(MUNICIPALITIES)]
    total_weight = sum(weights)
    sizes = [max(1, round(n_institutions * w / total_weight)) for w in weights]

    def timed(label):
        print(f"{time.monotonic() - started:7.1f}s {label}", flush=True)

    with transaction.atomic():
        toolkit, _ = Toolkit.objects.get_or_create(
            variant="dagtilbud", version="bench", defaults={"slug": "bench", "title": "Bench"}
        )
        areas = CompetenceArea.objects.bulk_create(
            [
                CompetenceArea(slug=slug, name=name, position=i)
                for i, (slug, name) in enumerate(AREAS)
            ]
        )

        def organisations(objs):
            made = Organisation.objects.bulk_create(objs, batch_size=BATCH)
            for org in made:
                org.path = f"{org.parent.path if org.parent else '/'}{org.pk}/"
                org.depth = org.path.count("/") - 2
            Organisation.objects.bulk_update(made, ["path", "depth"], batch_size=BATCH)
            return made

        created_at = now - datetime.timedelta(days=900)
        munis = organisations(
            [
                Organisation(
                    name=("Største Kommune" if i == 0 else f"Kommune {i + 1:02d}"),
                    kind="municipality",
                    created=created_at,
                )
                for i in range(MUNICIPALITIES)
            ]
        )
        area_rows = []
        for muni, size in zip(munis, sizes, strict=True):
            for a in range(max(2, min(8, size // 40))):
                area_rows.append(
                    Organisation(
                        name=f"{muni.name}, område {a + 1}",
                        kind="area",
                        parent=muni,
                        created=created_at,
                    )
                )
        org_areas = organisations(area_rows)
        by_muni: dict[int, list] = {}
        for area in org_areas:
            by_muni.setdefault(area.parent_id, []).append(area)
        institution_rows = []
        for muni, size in zip(munis, sizes, strict=True):
            for i in range(size):
                itype = pick(rng, TYPES)
                parent = rng.choice(by_muni[muni.pk]) if rng.random() < 0.85 else muni
                institution_rows.append(
                    Organisation(
                        name=f"{muni.name} institution {i + 1}",
                        kind="institution",
                        institution_type=itype,
                        parent=parent,
                        size=rng.randint(20, 600),
                        created=created_at,
                    )
                )
        institutions = organisations(institution_rows)
        teams = organisations(
            [
                Organisation(
                    name=f"Team {t + 1}", kind="team", parent=institution, created=created_at
                )
                for institution in institutions
                for t in range(2)
            ]
        )
        timed(
            f"{len(munis)} municipalities, {len(org_areas)} areas, {len(institutions)} "
            f"institutions, {len(teams)} teams"
        )

        password = make_password("bench-kompetence")
        users = User.objects.bulk_create(
            [
                User(email=f"person{i}@bench.test", name=f"Person {i}", password=password)
                for i in range(n_people)
            ],
            batch_size=BATCH,
        )
        memberships = []
        people = iter(users)
        for muni in munis:
            for _k in range(2):
                memberships.append(
                    Membership(user=next(people), organisation=muni, role="administration")
                )
        for institution in institutions:
            memberships.append(
                Membership(user=next(people), organisation=institution, role="leader")
            )
        team_cycle = teams or institutions
        for i, user in enumerate(people):
            memberships.append(
                Membership(user=user, organisation=team_cycle[i % len(team_cycle)], role="staff")
            )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        superuser = User.objects.create_superuser("bench-admin@bench.test", "bench-kompetence")
        timed(f"{len(users)} people, {len(memberships)} memberships")

        goals = Goal.objects.bulk_create(
            [
                Goal(organisation=muni, title=title)
                for muni in munis
                for title in (
                    "Alle børn skal trives",
                    "Et stærkt sprogmiljø",
                    "Inkluderende fællesskaber",
                    "Sammenhængende overgange",
                )
            ]
        )
        goals_by_muni: dict[int, list] = {}
        for goal in goals:
            goals_by_muni.setdefault(goal.organisation_id, []).append(goal)

        # processes: 85 % of institutions have at least one; bigger municipalities have more
        muni_of = {}
        for institution in institutions:
            muni_of[institution.pk] = int(institution.path.strip("/").split("/")[0])
        teams_of: dict[int, list] = {}
        for team in teams:
            teams_of.setdefault(team.parent_id, []).append(team)
        active_institutions = [i for i in institutions if rng.random() < 0.85]
        process_rows = []
        for n in range(n_processes):
            institution = active_institutions[n % len(active_institutions)]
            org = rng.choice(teams_of[institution.pk]) if rng.random() < 0.3 else institution
            created = now - datetime.timedelta(days=rng.randint(1, 720))
            phase_started = created + (now - created) * rng.random()
            status = pick(rng, [("active", 80), ("paused", 5), ("completed", 15)])
            process_rows.append(
                Process(
                    organisation=org,
                    toolkit=toolkit,
                    title=f"Forløb {n + 1}",
                    challenge="Uro i overgangene",
                    phase=pick(rng, [("investigate", 40), ("intervene", 30), ("plan", 30)]),
                    phase_started=phase_started,
                    status=status,
                    plan_visibility="full" if rng.random() < 0.8 else "numbers",
                    created=created,
                    updated=phase_started,
                )
            )
        processes = Process.objects.bulk_create(process_rows, batch_size=BATCH)
        through = Process.goals.through
        links = []
        for process in processes:
            muni_goals = goals_by_muni[
                muni_of.get(process.organisation_id) or muni_of[process.organisation.parent_id]
            ]
            for goal in rng.sample(muni_goals, rng.choice([0, 1, 1, 2])):
                links.append(through(process_id=process.pk, goal_id=goal.pk))
        through.objects.bulk_create(links, batch_size=BATCH)
        timed(f"{len(processes)} processes, {len(links)} goal links")

        today = now.date()
        outcome_rows = []
        plan_rows = []
        written = 0

        def flush():
            nonlocal outcome_rows, written
            Outcome.objects.bulk_create(outcome_rows, batch_size=BATCH)
            written += len(outcome_rows)
            outcome_rows = []

        for process in processes:
            base = process.created

            def add(kind, text, process=process, base=base, **fields):
                stamp = base + datetime.timedelta(days=rng.randint(0, 30))
                outcome_rows.append(
                    Outcome(
                        process=process,
                        kind=kind,
                        text=text,
                        created=stamp,
                        updated=stamp,
                        **fields,
                    )
                )

            for _i in range(rng.randint(1, 2)):
                add("challenge", "Uro ved frokost")
            add("desired_practice", "Rolige måltider")
            for _i in range(rng.randint(1, 4)):
                add(
                    "competence",
                    "Behov",
                    competence_status="needed",
                    area=rng.choices(areas, weights=AREA_WEIGHTS)[0],
                )
            for _i in range(rng.randint(0, 2)):
                add("competence", "Har", competence_status="existing", area=rng.choice(areas))
            if process.phase != "investigate":
                for _i in range(rng.randint(1, 3)):
                    add("intervention", "Indsats", format=pick(rng, FORMATS))
            if process.phase == "plan":
                for _i in range(rng.randint(1, 3)):
                    due = today + datetime.timedelta(days=rng.randint(-120, 240))
                    add(
                        "marker",
                        "Tegn",
                        due=due,
                        status=pick(
                            rng,
                            [("not_started", 2), ("on_track", 5), ("late", 2), ("reached", 3)],
                        ),
                    )
                for _i in range(rng.randint(1, 4)):
                    due = today + datetime.timedelta(days=rng.randint(-90, 180))
                    add(
                        "action",
                        "Handling",
                        owner_name="Leder",
                        due=due,
                        status=pick(rng, [("open", 4), ("in_progress", 3), ("done", 4)]),
                    )
                add("decision", "Beslutning", status="decided")
                add("resource", "Kroner", amount=Decimal(rng.randint(5, 200) * 1000), unit="DKK")
                if rng.random() < 0.7:
                    add("resource", "Timer", amount=Decimal(rng.randint(10, 400)), unit="hours")
                if rng.random() < 0.3:
                    add(
                        "resource",
                        "Vikardage",
                        amount=Decimal(rng.randint(1, 30)),
                        unit="substitutes",
                    )
                for number in range(1, rng.choice([1, 1, 2, 3]) + 1):
                    plan_rows.append(
                        PlanVersion(
                            process=process,
                            number=number,
                            content={},
                            changes=[] if number == 1 else ["Nye handlinger", "Ændret tegn"],
                            sent_at=base + datetime.timedelta(days=30 * number),
                        )
                    )
            if len(outcome_rows) >= 4 * BATCH:
                flush()
        flush()
        PlanVersion.objects.bulk_create(plan_rows, batch_size=BATCH)
        timed(f"{written} outcomes, {len(plan_rows)} plan versions")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"largest municipality: {munis[0].name} (id {munis[0].pk}, {sizes[0]} institutions)")
    print(f"superuser: {superuser.email}")
    timed("done")


if __name__ == "__main__":
    main()
