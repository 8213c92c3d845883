"""Changes to practice examples. Each is one transaction with one audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.processes.models import Outcome, Process
from kompetencedialog.processes.selectors import danish_date

#: The fields a person writes (the competence areas are set beside them).
EDITABLE_FIELDS = (
    "organisation",
    "title",
    "date",
    "institution_type",
    *(name for name, _heading in PracticeExample.SECTIONS),
    "contact_name",
    "contact_role",
    "contact_email",
)


def check_publishable(example: PracticeExample) -> None:
    """``ValidationError`` naming each field a published example must have and this one lacks."""
    missing = example.missing_for_publishing()
    if missing:
        raise ValidationError(
            {
                name: (
                    _("Give an e-mail address others can write to before you publish.")
                    if name == "contact_email"
                    else _("Write this section before you publish.")
                )
                for name in missing
            }
        )


@transaction.atomic
def save_example(
    *, by, example: PracticeExample | None = None, areas=(), publish: bool = False, **fields
) -> PracticeExample:
    """Create or change an example; ``publish`` publishes it in the same step.

    A published example stays publishable: a change that empties a required section fails.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    creating = example is None
    if creating:
        example = PracticeExample(created_by=by)
    changed = [name for name, value in fields.items() if getattr(example, name, None) != value]
    for name, value in fields.items():
        setattr(example, name, value)
    if publish or example.is_published:
        check_publishable(example)
    example.save()
    example.competence_areas.set(areas)
    log_action(
        by,
        "example.created" if creating else "example.changed",
        example,
        {"fields": sorted(changed)},
    )
    if publish and not example.is_published:
        publish_example(example=example, by=by)
    return example


@transaction.atomic
def publish_example(*, example: PracticeExample, by) -> PracticeExample:
    """Share the example with every municipality."""
    check_publishable(example)
    if not example.is_published:
        example.status = PracticeExample.Status.PUBLISHED
        example.published_at = timezone.now()
        example.save(update_fields=["status", "published_at", "updated"])
        log_action(by, "example.published", example)
    return example


@transaction.atomic
def unpublish_example(*, example: PracticeExample, by) -> PracticeExample:
    """Take the example back to a draft that only its own organisation sees."""
    if example.is_published:
        example.status = PracticeExample.Status.DRAFT
        example.save(update_fields=["status", "updated"])
        log_action(by, "example.unpublished", example)
    return example


# --- drafting from a process ------------------------------------------------------------------


def _bullets(lines) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _with_description(outcome: Outcome) -> str:
    return f"{outcome.text}: {outcome.description}" if outcome.description else outcome.text


def _blocks(*parts: tuple[str, list[str]]) -> str:
    """Headed lists, in the seed's way ("Kontekst:" and its lines), leaving out empty ones."""
    return "\n\n".join(f"{heading}\n\n{_bullets(lines)}" for heading, lines in parts if lines)


def _institution_type(process: Process) -> str:
    """The type of the process's institution: its own, or that of the nearest one above."""
    organisation = process.organisation
    if organisation.institution_type:
        return organisation.institution_type
    above = organisation.ancestors().exclude(institution_type="").order_by("-depth").first()
    return above.institution_type if above else ""


def prefill(process: Process) -> dict:
    """The fields of a draft example, written from the process's structured outcomes."""
    outcomes = list(
        process.outcomes.select_related("area", "owner")
        .prefetch_related(Prefetch("checkins", to_attr="latest_checkins"))
        .order_by("position", "id")
    )
    by_kind: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_kind.setdefault(outcome.kind, []).append(outcome)

    def texts(kind: str) -> list[str]:
        return [_with_description(outcome) for outcome in by_kind.get(kind, [])]

    interventions = [
        f"{outcome.text} ({outcome.get_format_display().lower()})"
        if outcome.format
        else outcome.text
        for outcome in by_kind.get("intervention", [])
    ]
    markers = []
    for marker in by_kind.get("marker", []):
        line = marker.text
        if marker.status:
            line += f": {marker.get_status_display().lower()}"
        checkin = marker.latest_checkins[0] if marker.latest_checkins else None
        if checkin and (checkin.evidence or checkin.note):
            line += f" ({danish_date(checkin.date)}: {checkin.evidence or checkin.note})"
        markers.append(line)

    def detail(name: str) -> list[str]:
        return [
            f"{outcome.text}: {outcome.details[name]}"
            for outcome in by_kind.get("intervention", [])
            if (outcome.details or {}).get(name)
        ]

    def follow_up_item(outcome: Outcome) -> str:
        extra = [value for value in (outcome.owner_label, danish_date(outcome.due)) if value]
        return f"{outcome.text} ({', '.join(extra)})" if extra else outcome.text

    closed = {"done", "cancelled", "decided", "reached"}
    next_steps = [
        follow_up_item(outcome)
        for kind in ("action", "decision")
        for outcome in by_kind.get(kind, [])
        if outcome.status not in closed
    ]
    resources = [
        f"{outcome.text}: {outcome.amount_label}" if outcome.amount is not None else outcome.text
        for outcome in by_kind.get("resource", [])
    ]
    goals = [
        f"{goal.title}: {goal.description}" if goal.description else goal.title
        for goal in process.goals.order_by("title")
    ]
    competences = by_kind.get("competence", [])
    needed = [c.area for c in competences if c.area_id and c.competence_status == "needed"]
    areas = needed or [c.area for c in competences if c.area_id]
    challenge = [process.challenge] if process.challenge else []
    return {
        "fields": {
            "organisation": process.organisation,
            "title": process.challenge or process.title,
            "date": timezone.localdate(),
            "institution_type": _institution_type(process),
            "context": _blocks(
                (_("Context:"), challenge + texts("challenge")),
                (_("Purpose:"), texts("desired_practice")),
            ),
            "policy": _bullets(goals),
            "practice": _blocks(
                (_("Competence interventions:"), interventions),
                (_("Engagement and visibility:"), texts("engagement_action")),
                (_("Anchoring in practice:"), texts("anchoring_action")),
                (_("Follow-up organisation:"), texts("follow_up")),
            ),
            "experiences": _blocks(
                (_("Signs of development:"), markers),
                (_("What worked:"), detail("worked")),
                (_("What did not work:"), detail("did_not_work")),
            ),
            "next_steps": _bullets(next_steps),
            "resources": _bullets(resources),
        },
        "areas": list(dict.fromkeys(areas)),
    }


@transaction.atomic
def draft_from_process(*, process: Process, by) -> PracticeExample:
    """A draft example from what the process produced, for its leader to edit and publish."""
    draft = prefill(process)
    example = PracticeExample.objects.create(
        **draft["fields"],
        process=process,
        contact_name=getattr(by, "name", ""),
        contact_email=getattr(by, "email", ""),
        created_by=by,
    )
    example.competence_areas.set(draft["areas"])
    log_action(by, "example.drafted", example, {"process": process.pk})
    return example
