"""A small hand-built municipality with known figures, on top of the shared ``world``."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from kompetencedialog.processes.models import CompetenceArea, PlanVersion
from kompetencedialog.processes.selectors import plan_for
from kompetencedialog.processes.services import send_plan
from tests import factories


@dataclass
class Figures:
    language: CompetenceArea
    inclusion: CompetenceArea
    school: object
    nursery: object
    goal: object
    other_goal: object
    p1: object
    p2: object
    p3: object
    foreign: object


def build(world, n_extra: int = 0) -> Figures:
    """Eksempel Kommune with three processes, each with a plan sent (``p2`` shares only its
    figures), and ``n_extra`` more at Solsikken, each with one of every kind of outcome; and one
    process in Nabo Kommune that must never count."""
    today = timezone.localdate()
    past = today - datetime.timedelta(days=10)
    future = today + datetime.timedelta(days=30)
    language = CompetenceArea.objects.create(slug="sprog", name="Sprog", position=1)
    inclusion = CompetenceArea.objects.create(slug="inklusion", name="Inklusion", position=2)
    school = factories.make_organisation(
        "Skolen ved Egen", parent=world.area, institution_type="school"
    )
    nursery = factories.make_organisation(
        "Vuggestuen Mos", parent=world.municipality, institution_type="daycare"
    )
    goal = factories.make_goal(world.municipality, "Alle børn skal trives")
    other_goal = factories.make_goal(world.municipality, "Stærkt sprogmiljø")

    p1 = factories.make_process(world.team, title="Sprog i hverdagen", phase="investigate")
    p1.goals.add(goal)
    for text in ("Dialogisk læsning", "Sprogstimulering"):
        factories.make_outcome(p1, "competence", text, competence_status="needed", area=language)
    factories.make_outcome(
        p1, "competence", "Rummelighed", competence_status="needed", area=inclusion
    )
    factories.make_outcome(
        p1, "competence", "Samtaler", competence_status="existing", area=language
    )
    factories.make_outcome(p1, "intervention", "Kursus i sprog", format="course")
    factories.make_outcome(p1, "intervention", "Makkersparring", format="peer_sparring")
    factories.make_outcome(p1, "resource", "Kursusgebyr", amount=Decimal("10000"), unit="DKK")
    factories.make_outcome(p1, "resource", "Timer", amount=Decimal("20"), unit="hours")
    factories.make_outcome(p1, "marker", "Flere samtaler", status="reached", due=past)
    factories.make_outcome(p1, "marker", "Ro ved frokost", status="late", due=future)
    factories.make_outcome(p1, "marker", "Børn fortæller", status="on_track", due=future)
    factories.make_outcome(p1, "action", "Bestil kursus", status="open", due=past)
    factories.make_outcome(p1, "action", "Book lokale", status="done", due=past)
    PlanVersion.objects.create(
        process=p1,
        number=1,
        content=plan_for(p1),
        sent_at=timezone.now() - datetime.timedelta(days=5),
    )
    PlanVersion.objects.create(
        process=p1,
        number=2,
        content=plan_for(p1),
        changes=[
            {
                "section": "Tegn på udvikling",
                "key": "markers",
                "added": ["Børn fortæller"],
                "removed": ["Flere samtaler"],
                "changed": [],
            }
        ],
    )

    p2 = factories.make_process(
        world.institution,
        title="Overgange",
        phase="plan",
        status="completed",
        plan_visibility="numbers",
    )
    factories.make_outcome(
        p2, "competence", "Sprogvurdering", competence_status="needed", area=language
    )
    factories.make_outcome(p2, "resource", "Vikarer", amount=Decimal("5000"), unit="DKK")
    send_plan(process=p2, by=world.leader)
    p2.plan_versions.update(sent_at=timezone.now() - datetime.timedelta(days=20))

    p3 = factories.make_process(school, title="Læsning", phase="intervene")
    p3.goals.add(goal)
    factories.make_outcome(
        p3, "competence", "Læsevejledning", competence_status="needed", area=language
    )
    factories.make_outcome(p3, "intervention", "Kursus i læsning", format="course")
    # Sent, so its figures count above the school (an unsent one shows only that it exists).
    send_plan(process=p3, by=None)
    p3.plan_versions.update(sent_at=timezone.now() - datetime.timedelta(days=30))

    for i in range(n_extra):
        extra = factories.make_process(world.institution, title=f"Ekstra {i}", phase="plan")
        extra.goals.add(other_goal)
        factories.make_outcome(extra, "competence", "X", competence_status="needed", area=inclusion)
        factories.make_outcome(extra, "intervention", "Y", format="supervision")
        factories.make_outcome(extra, "resource", "Z", amount=Decimal("1"), unit="hours")
        factories.make_outcome(extra, "marker", "M", status="late")
        factories.make_outcome(extra, "action", "A", status="open", due=past)
        PlanVersion.objects.create(process=extra, number=1, content={"process": {}})

    foreign = factories.make_process(world.other_institution, title="Nabo", phase="plan")
    for _i in range(5):
        factories.make_outcome(
            foreign, "competence", "Sprog", competence_status="needed", area=language
        )
    factories.make_outcome(foreign, "resource", "Penge", amount=Decimal("99999"), unit="DKK")
    return Figures(language, inclusion, school, nursery, goal, other_goal, p1, p2, p3, foreign)
