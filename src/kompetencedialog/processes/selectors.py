"""Reads for pages and documents: everything a page needs, in a fixed number of queries."""

import base64
import mimetypes
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kompetencedialog.processes.access import processes_for
from kompetencedialog.processes.cards import kinds_for_card
from kompetencedialog.processes.models import Outcome, PlanVersion, Process
from kompetencedialog.toolkit.models import Card, Note, Phase, Question

PHASE_COLOURS = {"investigate": "blue", "intervene": "orange", "plan": "green"}


def danish_date(value) -> str:
    return date_format(value, "j. F Y") if value else ""


def _organisation_filter(process: Process) -> Q:
    """Published cards and questions, and the organisation's own (or its ancestors')."""
    ids = [*process.organisation.ancestor_ids, process.organisation_id]
    return Q(organisation=None) | Q(organisation_id__in=ids)


# --- the plan ---------------------------------------------------------------------------------


def _plan_sections() -> list[tuple[str, str, str]]:
    """(key, phase, title) of the plan's sections, in reading order."""
    return [
        ("goals", "investigate", _("Goals the process serves")),
        ("challenges", "investigate", _("The challenge")),
        ("desired_practice", "investigate", _("Desired future practice")),
        ("competences_existing", "investigate", _("Competences we have")),
        ("competences_needed", "investigate", _("Competences we need (in order of priority)")),
        ("interventions", "intervene", _("Competence interventions")),
        ("engagement", "plan", _("Engagement and visibility")),
        ("anchoring", "plan", _("Anchoring in practice")),
        ("markers", "plan", _("Signs of development")),
        ("follow_up", "plan", _("Follow-up organisation")),
        ("resources", "plan", _("Resources")),
        ("decisions", "plan", _("Decisions")),
        ("actions", "plan", _("Actions")),
    ]


def _section_of(outcome: Outcome) -> str | None:
    if outcome.kind == "competence":
        return f"competences_{outcome.competence_status or 'needed'}"
    return {
        "challenge": "challenges",
        "desired_practice": "desired_practice",
        "intervention": "interventions",
        "engagement_action": "engagement",
        "anchoring_action": "anchoring",
        "marker": "markers",
        "follow_up": "follow_up",
        "resource": "resources",
        "decision": "decisions",
        "action": "actions",
    }.get(outcome.kind)


def detail_labels() -> dict[str, str]:
    return {
        "who_experiences": _("Who experiences it"),
        "when_worse": _("When it is worse"),
        "when_better": _("When it is better"),
        "influence": _("What we can influence"),
        "for_us": _("For us"),
        "for_children": _("For the children"),
        "parents_view": _("The parents' view"),
        "held_by": _("Who has it"),
        "participants": _("Who takes part"),
        "why": _("Why"),
        "external_partners": _("External partners"),
        "worked": _("What worked before"),
        "did_not_work": _("What did not work"),
        "replaces": _("What it replaces or scales down"),
        "how_we_see_it": _("How we will see it"),
        "who_meets": _("Who meets"),
        "how_often": _("How often"),
        "roles": _("Roles"),
    }


def outcome_fields(outcome: Outcome, labels: dict[str, str]) -> list[list[str]]:
    """The outcome's own fields as [label, value] pairs, in Danish, for pages and documents."""
    fields: list[list[str]] = []
    if outcome.kind == "competence" and outcome.area_id:
        fields.append([_("Competence area"), str(outcome.area)])
    if outcome.kind == "intervention":
        if outcome.format:
            fields.append([_("Format"), str(outcome.get_format_display())])
        addressed = [str(other) for other in outcome.addresses.all()]
        if addressed:
            fields.append([_("Needed competences it addresses"), ", ".join(addressed)])
    for name in Outcome.DETAIL_FIELDS.get(outcome.kind, ()):
        value = (outcome.details or {}).get(name)
        if value:
            fields.append([labels[name], str(value)])
    if outcome.kind == "resource" and outcome.amount is not None:
        fields.append([_("Amount"), outcome.amount_label])
    if outcome.kind in Outcome.FOLLOW_UP_KINDS:
        if outcome.owner_label:
            fields.append([_("Owner"), outcome.owner_label])
        if outcome.due:
            fields.append([_("By"), danish_date(outcome.due)])
        if outcome.status:
            fields.append([_("Status"), str(outcome.get_status_display())])
    return fields


def plan_outcomes(process: Process):
    """The process's outcomes with what the plan shows of them: two queries."""
    return (
        process.outcomes.select_related("area", "owner")
        .prefetch_related(Prefetch("addresses", queryset=Outcome.objects.only("id", "text")))
        .order_by("position", "id")
    )


def plan_for(process: Process) -> dict:
    """The plan as plain data (JSON-ready): what the page, PDF, DOCX and a sent version show.

    Five queries whatever the number of outcomes: organisations above, goals, outcomes,
    the competences they address, and the latest version.
    """
    organisation = process.organisation
    above = {org.pk: org for org in organisation.ancestors().only("id", "name", "kind", "logo")}
    top = above.get(organisation.top_id, organisation)
    labels = detail_labels()
    sections = {
        key: {
            "key": key,
            "phase": phase,
            "colour": PHASE_COLOURS[phase],
            "title": title,
            "items": [],
        }
        for key, phase, title in _plan_sections()
    }
    for goal in process.goals.select_related("organisation").order_by("title"):
        fields = [[_("Set by"), goal.organisation.name]]
        if goal.period_start or goal.period_end:
            dates = [danish_date(goal.period_start), danish_date(goal.period_end)]
            fields.append([_("Period"), _(" to ").join(d for d in dates if d)])
        sections["goals"]["items"].append(
            {"id": goal.pk, "text": goal.title, "description": goal.description, "fields": fields}
        )
    for outcome in plan_outcomes(process):
        key = _section_of(outcome)
        if key is None:
            continue
        sections[key]["items"].append(
            {
                "id": outcome.pk,
                "text": outcome.text,
                "description": outcome.description,
                "fields": outcome_fields(outcome, labels),
            }
        )
    latest = process.plan_versions.order_by("-number").first()
    return {
        "process": {
            "id": process.pk,
            "title": process.title,
            "challenge": process.challenge,
            "organisation": organisation.name,
            "municipality": top.name,
            "phase": process.phase,
            "phase_label": str(process.get_phase_display()),
        },
        "date": danish_date(timezone.localdate()),
        "latest_version": latest.number if latest else None,
        "sections": list(sections.values()),
    }


def logo_data_uri(process: Process) -> str | None:
    """The logo of the process's top organisation (the municipality) as a data URI, if any.

    Read through the storage, so it works wherever the files are kept.
    """
    organisation = process.organisation
    top = (
        organisation
        if organisation.top_id == organisation.pk
        else organisation.ancestors().filter(pk=organisation.top_id).first()
    )
    if not (top and top.logo):
        return None
    kind = mimetypes.guess_type(top.logo.name)[0]
    if kind not in ("image/png", "image/jpeg", "image/svg+xml", "image/gif"):
        return None
    try:
        with top.logo.open("rb") as file:
            data = file.read()
    except OSError:
        return None
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def diff_plans(before: dict | None, after: dict) -> list[dict]:
    """What changed per section: the texts of added, removed and changed items."""
    old_sections = {s["key"]: s for s in (before or {}).get("sections", [])}
    changes = []
    for section in after["sections"]:
        old_items = {
            item["id"]: item for item in old_sections.get(section["key"], {}).get("items", [])
        }
        new_items = {item["id"]: item for item in section["items"]}
        added = [item["text"] for pk, item in new_items.items() if pk not in old_items]
        removed = [item["text"] for pk, item in old_items.items() if pk not in new_items]
        changed = [
            item["text"]
            for pk, item in new_items.items()
            if pk in old_items
            and (item["text"], item["description"], item["fields"])
            != (old_items[pk]["text"], old_items[pk]["description"], old_items[pk]["fields"])
        ]
        if added or removed or changed:
            changes.append(
                {
                    "section": section["title"],
                    "key": section["key"],
                    "added": added,
                    "removed": removed,
                    "changed": changed,
                }
            )
    return changes


def versions_for(process: Process):
    return process.plan_versions.select_related("sent_by").order_by("-number")


# --- the process page -------------------------------------------------------------------------


@dataclass
class CardTile:
    card: Card
    phase: Phase
    kinds: tuple[str, ...]
    questions: int = 0
    questions_with_notes: int = 0
    outcomes: int = 0


@dataclass
class PhaseView:
    phase: Phase
    tiles: list[CardTile] = field(default_factory=list)


def phases_for(process: Process) -> list[PhaseView]:
    """The toolkit's phases with their cards and what kinds each card produces; two queries."""
    own = _organisation_filter(process)
    cards = (
        Card.objects.filter(own)
        .annotate(
            question_count=Count(
                "questions",
                filter=Q(questions__organisation=None)
                | Q(
                    questions__organisation_id__in=[
                        *process.organisation.ancestor_ids,
                        process.organisation_id,
                    ]
                ),
            )
        )
        .order_by("position")
    )
    phases = (
        Phase.objects.filter(toolkit_id=process.toolkit_id)
        .prefetch_related(Prefetch("cards", queryset=cards))
        .order_by("position")
    )
    views = []
    for phase in phases:
        phase_cards = list(phase.cards.all())
        view = PhaseView(phase=phase)
        for index, card in enumerate(phase_cards):
            view.tiles.append(
                CardTile(
                    card=card,
                    phase=phase,
                    kinds=kinds_for_card(phase.key, card.slug, index, len(phase_cards)),
                    questions=card.question_count,
                )
            )
        views.append(view)
    return views


@dataclass
class ProcessPage:
    process: Process
    phases: list[PhaseView]
    current: PhaseView | None
    latest_version: PlanVersion | None
    goals: list


def process_page(process: Process) -> ProcessPage:
    """Everything the process page shows, in six queries whatever the number of outcomes."""
    phases = phases_for(process)
    notes = (
        dict(
            Note.objects.filter(notebook_id=process.notebook_id)
            .exclude(text="")
            .values_list("question__card_id")
            .annotate(count=Count("question", distinct=True))
        )
        if process.notebook_id
        else {}
    )
    outcomes = dict(
        process.outcomes.exclude(card=None).values_list("card_id").annotate(count=Count("id"))
    )
    for view in phases:
        for tile in view.tiles:
            tile.questions_with_notes = notes.get(tile.card.pk, 0)
            tile.outcomes = outcomes.get(tile.card.pk, 0)
    current = next((view for view in phases if view.phase.key == process.phase), None)
    latest = process.plan_versions.select_related("sent_by").order_by("-number").first()
    goals = list(process.goals.select_related("organisation"))
    return ProcessPage(process, phases, current, latest, goals)


# --- a card page ------------------------------------------------------------------------------


@dataclass
class CardPage:
    tile: CardTile
    questions: list
    outcomes: dict[str, list[Outcome]]
    phases: list[PhaseView]


def card_for(process: Process, phase_key: str, slug: str) -> tuple[CardTile, list[PhaseView]]:
    from django.http import Http404

    phases = phases_for(process)
    for view in phases:
        if view.phase.key != phase_key:
            continue
        for tile in view.tiles:
            if tile.card.slug == slug:
                return tile, phases
    raise Http404


def card_outcomes(process: Process, kinds) -> dict[str, list[Outcome]]:
    """The process's outcomes of the given kinds, by kind, each list in priority order."""
    by_kind: dict[str, list[Outcome]] = {kind: [] for kind in kinds}
    for outcome in plan_outcomes(process).filter(kind__in=list(kinds)):
        by_kind[outcome.kind].append(outcome)
    return by_kind


def card_page(process: Process, phase_key: str, slug: str) -> CardPage:
    tile, phases = card_for(process, phase_key, slug)
    questions = list(
        Question.objects.filter(_organisation_filter(process), card=tile.card).order_by("position")
    )
    notes = {}
    if process.notebook_id:
        notes = dict(
            Note.objects.filter(notebook_id=process.notebook_id, question__in=questions)
            .exclude(text="")
            .values_list("question_id", "text")
        )
    for question in questions:
        question.note = notes.get(question.pk, "")
    return CardPage(tile, questions, card_outcomes(process, tile.kinds), phases)


def processes_with_progress(user):
    """The person's processes with what the lists show to suggest the next step."""
    return processes_for(user).annotate(
        outcome_count=Count("outcomes", distinct=True),
        version_count=Count("plan_versions", distinct=True),
    )
