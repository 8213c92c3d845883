"""Fill a process with outcomes of every kind, for page, document and query-count tests."""

from datetime import date
from decimal import Decimal

from kompetencedialog.processes.models import CompetenceArea, Outcome


def fill(process, count: int = 1, *, owner=None) -> None:
    """``count`` outcomes of each kind, each with its kind's fields set."""
    area = CompetenceArea.objects.first()
    rows = []
    for n in range(count):
        rows += [
            Outcome(
                process=process,
                kind="challenge",
                text=f"Uro ved frokost {n}",
                details={"who_experiences": "Børnene på stuen"},
            ),
            Outcome(process=process, kind="desired_practice", text=f"Rolige måltider {n}"),
            Outcome(
                process=process,
                kind="competence",
                text=f"Sprogarbejde {n}",
                competence_status="existing",
                area=area,
            ),
            Outcome(
                process=process,
                kind="competence",
                text=f"Konflikthåndtering {n}",
                competence_status="needed",
                area=area,
                position=n,
            ),
            Outcome(
                process=process,
                kind="intervention",
                text=f"Kollegial sparring {n}",
                format="peer_sparring",
                details={"why": "Vi lærer af hinanden"},
            ),
            Outcome(
                process=process, kind="engagement_action", text=f"Fortælle på personalemøde {n}"
            ),
            Outcome(process=process, kind="anchoring_action", text=f"Fast punkt på stuemøder {n}"),
            Outcome(
                process=process,
                kind="marker",
                text=f"Færre konflikter {n}",
                due=date(2027, 3, 12),
                status="not_started",
                owner=owner,
            ),
            Outcome(process=process, kind="follow_up", text=f"Ledelsesteamet følger op {n}"),
            Outcome(
                process=process,
                kind="resource",
                text=f"Vikartimer {n}",
                amount=Decimal("12500"),
                unit="DKK",
            ),
            Outcome(
                process=process,
                kind="decision",
                text=f"Budget godkendes {n}",
                status="pending",
                owner_name="Bestyrelsen",
            ),
            Outcome(
                process=process,
                kind="action",
                text=f"Book PPR {n}",
                due=date(2027, 4, 1),
                status="open",
                owner=owner,
            ),
        ]
    created = Outcome.objects.bulk_create(rows)
    needed = [o for o in created if o.kind == "competence" and o.competence_status == "needed"]
    for outcome in created:
        if outcome.kind == "intervention":
            outcome.addresses.set(needed[:2])
