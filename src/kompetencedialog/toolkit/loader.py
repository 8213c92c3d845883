"""Loading the dialogue tool's content from ``data/*.yaml`` into the database.

Safe to run again and again. Reloading a file with the same ``version`` updates the texts in
place: phases by key, cards by slug and questions by position, so notes taken on a question stay
attached to it. A file with a new ``version`` becomes a new toolkit, the current one of its
variant; the older toolkit is left exactly as it was, because processes started on it.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction

from kompetencedialog.toolkit.models import Card, Phase, Question, Toolkit

DATA_DIR = Path(__file__).parent / "data"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)


def read_files(directory: Path = DATA_DIR) -> list[dict]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
    return [
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        for path in sorted(directory.glob("*.yaml"))
    ]


def _texts(items: list[dict] | None) -> tuple[list[str], list[str]]:
    items = items or []
    return [item["text"] for item in items], [item.get("text_en", "") for item in items]


def _sections(items: list[dict] | None) -> tuple[list[dict], list[dict]]:
    items = items or []
    danish = [{"heading": item.get("heading", ""), "text": item["text"]} for item in items]
    english = [
        {"heading": item.get("heading_en", ""), "text": item.get("text_en", "")} for item in items
    ]
    return danish, english


def _translated(data: dict, *names: str) -> dict:
    values = {}
    for name in names:
        values[name] = data.get(name, "")
        values[f"{name}_en"] = data.get(f"{name}_en", "")
    return values


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in str(version).split("."))


@transaction.atomic
def load_toolkits(directory: Path = DATA_DIR) -> LoadReport:
    report = LoadReport()
    files = read_files(directory)
    for data in files:
        toolkit, created = _load_toolkit(data)
        (report.created if created else report.updated).append(toolkit.slug)
    newest: dict[str, str] = {}
    for data in files:
        variant, version = data["variant"], str(data["version"])
        if variant not in newest or _version_key(version) > _version_key(newest[variant]):
            newest[variant] = version
    for variant, version in newest.items():
        Toolkit.objects.filter(variant=variant).exclude(version=version).update(is_current=False)
        Toolkit.objects.filter(variant=variant, version=version).update(is_current=True)
        report.current.append(f"{variant}-{version}")
    return report


def _load_toolkit(data: dict) -> tuple[Toolkit, bool]:
    variant, version = data["variant"], str(data["version"])
    sections, sections_en = _sections(data.get("sections"))
    toolkit, created = Toolkit.objects.update_or_create(
        variant=variant,
        version=version,
        defaults={
            "slug": data.get("slug") or f"{variant}-{version}",
            "language": data.get("language", "da"),
            **_translated(data, "title", "poster_title", "poster_text", "intro_heading", "intro"),
            "sections": sections,
            "sections_en": sections_en,
        },
    )
    for number, phase_data in enumerate(data["phases"], start=1):
        _load_phase(toolkit, phase_data, position=number)
    return toolkit, created


def _load_phase(toolkit: Toolkit, data: dict, *, position: int) -> None:
    sections, sections_en = _sections(data.get("sections"))
    central, central_en = _texts(data.get("central_questions"))
    poster, poster_en = _texts(data.get("poster_questions") or data.get("central_questions"))
    phase, _ = Phase.objects.update_or_create(
        toolkit=toolkit,
        key=data["key"],
        defaults={
            "position": position,
            "number": data.get("number", position),
            "colour": data["colour"],
            **_translated(data, "title", "question", "intro"),
            "sections": sections,
            "sections_en": sections_en,
            "central_questions": central,
            "central_questions_en": central_en,
            "poster_questions": poster,
            "poster_questions_en": poster_en,
        },
    )
    for card_position, card_data in enumerate(data["cards"], start=1):
        examples, examples_en = _texts(card_data.get("examples"))
        card, _ = Card.objects.update_or_create(
            phase=phase,
            slug=card_data["slug"],
            defaults={
                "position": card_position,
                **_translated(card_data, "title"),
                "examples": examples,
                "examples_en": examples_en,
                "organisation": None,
            },
        )
        _load_questions(card, card_data["questions"])


def _load_questions(card: Card, items: list[dict]) -> None:
    existing = {q.position: q for q in card.questions.filter(organisation=None)}
    new, changed = [], []
    for position, item in enumerate(items, start=1):
        text, text_en = item["text"], item.get("text_en", "")
        question = existing.pop(position, None)
        if question is None:
            new.append(Question(card=card, position=position, text=text, text_en=text_en))
        elif (question.text, question.text_en) != (text, text_en):
            question.text, question.text_en = text, text_en
            changed.append(question)
    Question.objects.bulk_create(new)
    Question.objects.bulk_update(changed, ["text", "text_en"])
    # A question dropped from the file goes, unless a group has already written notes to it.
    for question in existing.values():
        if not question.notes.exists():
            question.delete()
