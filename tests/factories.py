"""A tiny factory: plain functions that make valid objects with sensible defaults."""

from itertools import count

from kompetencedialog.organisations.models import Membership, Organisation, User
from kompetencedialog.processes.models import Goal, Outcome, Process
from kompetencedialog.toolkit.models import Card, Notebook, Phase, Question, Toolkit

_numbers = count(1)


def make_organisation(name: str | None = None, *, kind: str = "institution", parent=None, **fields):
    return Organisation.objects.create(
        name=name or f"Organisation {next(_numbers)}", kind=kind, parent=parent, **fields
    )


def make_user(email: str | None = None, *, name: str = "", password: str = "pw", **fields) -> User:
    return User.objects.create_user(
        email or f"person{next(_numbers)}@example.test", password, name=name, **fields
    )


def make_member(organisation, role: str, email: str | None = None, **fields) -> User:
    user = make_user(email, **fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_toolkit(variant: str = "dagtilbud", version: str = "test") -> Toolkit:
    """A small toolkit of the real shape: three phases, each with two cards of two questions."""
    toolkit = Toolkit.objects.create(
        slug=f"{variant}-{version}", variant=variant, version=version, title="Dialogredskab"
    )
    phases = [
        ("investigate", "Undersøgelse", "Hvad er vores behov?", "blue"),
        ("intervene", "Kompetenceindsats", "Hvad kalder det på?", "orange"),
        ("plan", "Planlægning", "Hvordan kommer vi i gang?", "green"),
    ]
    for number, (key, title, question, colour) in enumerate(phases, start=1):
        phase = Phase.objects.create(
            toolkit=toolkit,
            key=key,
            position=number,
            number=number,
            title=title,
            question=question,
            colour=colour,
            central_questions=[f"{question} (central)"],
        )
        for position in (1, 2):
            card = Card.objects.create(
                phase=phase,
                slug=f"{key}-{position}",
                position=position,
                title=f"Kort {number}.{position}",
            )
            for q in (1, 2):
                Question.objects.create(
                    card=card, position=q, text=f"Spørgsmål {number}.{position}.{q}?"
                )
    return toolkit


def make_process(
    organisation, *, toolkit=None, title: str = "Sprog i hverdagen", **fields
) -> Process:
    toolkit = toolkit or Toolkit.objects.first() or make_toolkit()
    notebook = Notebook.objects.create(toolkit=toolkit, organisation=organisation, title=title)
    return Process.objects.create(
        organisation=organisation, toolkit=toolkit, notebook=notebook, title=title, **fields
    )


def make_outcome(
    process, kind: str = "challenge", text: str = "Uro ved frokost", **fields
) -> Outcome:
    return Outcome.objects.create(process=process, kind=kind, text=text, **fields)


def make_goal(organisation, title: str = "Alle børn skal trives", **fields) -> Goal:
    return Goal.objects.create(organisation=organisation, title=title, **fields)


def make_example(
    organisation, *, title: str = "Sprog i hele huset", published: bool = True, **fields
):
    """A practice example with every section written; published unless told otherwise."""
    from kompetencedialog.examples.models import PracticeExample

    sections = {name: f"{heading} i {title}." for name, heading in PracticeExample.SECTIONS}
    return PracticeExample.objects.create(
        organisation=organisation,
        title=title,
        status="published" if published else "draft",
        contact_name="Lene Leder",
        contact_email="lene@eksempel.test",
        **{**sections, **fields},
    )
