"""Changes to processes and their outcomes. Views, the API and live meetings all call these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.organisations.models import User
from kompetencedialog.processes.models import Goal, Outcome, PlanVersion, Process
from kompetencedialog.toolkit.models import Notebook, Phase, Toolkit

#: The typed columns each kind of outcome uses, beside ``text``, ``description`` and ``details``.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "challenge": (),
    "desired_practice": (),
    "competence": ("competence_status", "area", "position"),
    "intervention": ("format", "addresses"),
    "engagement_action": (),
    "anchoring_action": (),
    "marker": ("owner", "owner_name", "due", "status"),
    "follow_up": (),
    "resource": ("amount", "unit"),
    "decision": ("owner", "owner_name", "due", "status"),
    "action": ("owner", "owner_name", "due", "status"),
}
DEFAULT_STATUS = {"marker": "not_started", "decision": "pending", "action": "open"}


@transaction.atomic
def add_outcome(*, process: Process, by, kind: str, text: str, card=None, **fields) -> Outcome:
    """Store one outcome of the dialogue. Fields that do not belong to the kind are ignored.

    Raises ``ValidationError`` (with per-field messages) and stores nothing on bad input.
    """
    if kind not in KIND_FIELDS:
        raise ValidationError({"kind": _("Unknown kind of outcome.")})
    allowed = set(KIND_FIELDS[kind]) | {"description", "details", "position"}
    values = {name: value for name, value in fields.items() if name in allowed}
    details = values.pop("details", None) or {}
    values["details"] = {
        name: str(details[name]).strip()
        for name in Outcome.DETAIL_FIELDS[kind]
        if details.get(name)
    }
    if kind in DEFAULT_STATUS and not values.get("status"):
        values["status"] = DEFAULT_STATUS[kind]
    if kind == "competence" and not values.get("competence_status"):
        raise ValidationError({"competence_status": _("Say whether we have it or need it.")})
    addresses = values.pop("addresses", None)
    if kind == "competence" and "position" not in fields:
        values["position"] = _next_position(process, kind)
    outcome = Outcome(
        process=process, kind=kind, text=(text or "").strip(), card=card, created_by=by, **values
    )
    outcome.full_clean(exclude=["process", "card", "created_by", "owner", "area"])
    outcome.save()
    if addresses is not None:
        outcome.addresses.set(addresses)
    log_action(by, "process.outcome.added", outcome, {"kind": kind, "text": outcome.text})
    return outcome


def _next_position(process: Process, kind: str) -> int:
    highest = process.outcomes.filter(kind=kind).aggregate(Max("position"))["position__max"]
    return 0 if highest is None else highest + 1


@transaction.atomic
def update_outcome(*, outcome: Outcome, by, text: str, **fields) -> Outcome:
    """Change an outcome's text and its kind's fields; fields of other kinds are ignored."""
    kind = outcome.kind
    allowed = set(KIND_FIELDS[kind]) | {"description", "details"}
    values = {name: value for name, value in fields.items() if name in allowed}
    before = {"text": outcome.text}
    addresses = values.pop("addresses", None)
    if "details" in values:
        details = values.pop("details") or {}
        outcome.details = {
            name: str(details[name]).strip()
            for name in Outcome.DETAIL_FIELDS[kind]
            if details.get(name)
        }
    for name, value in values.items():
        setattr(outcome, name, value)
    outcome.text = (text or "").strip()
    if kind == "competence" and not outcome.competence_status:
        raise ValidationError({"competence_status": _("Say whether we have it or need it.")})
    outcome.full_clean(exclude=["process", "card", "created_by", "owner", "area"])
    outcome.save()
    if addresses is not None:
        outcome.addresses.set(addresses)
    log_action(
        by, "process.outcome.changed", outcome, {"before": before, "after": {"text": outcome.text}}
    )
    return outcome


@transaction.atomic
def delete_outcome(*, outcome: Outcome, by) -> None:
    log_action(by, "process.outcome.deleted", outcome, {"kind": outcome.kind, "text": outcome.text})
    outcome.delete()


@transaction.atomic
def prioritise_competences(*, process: Process, by, order: list[int]) -> None:
    """Put the process's needed competences in the given order (ids); others keep theirs after."""
    needed = list(
        process.outcomes.filter(kind="competence", competence_status="needed").order_by(
            "position", "id"
        )
    )
    by_id = {outcome.pk: outcome for outcome in needed}
    ordered = [by_id[pk] for pk in dict.fromkeys(order) if pk in by_id]
    ordered += [outcome for outcome in needed if outcome not in ordered]
    for position, outcome in enumerate(ordered):
        outcome.position = position
    Outcome.objects.bulk_update(ordered, ["position"])
    log_action(by, "process.competences.prioritised", process, {"order": [o.pk for o in ordered]})


def move_competence(*, outcome: Outcome, by, direction: str) -> None:
    """Move a needed competence one place up or down in the priority order."""
    ids = list(
        outcome.process.outcomes.filter(kind="competence", competence_status="needed")
        .order_by("position", "id")
        .values_list("pk", flat=True)
    )
    if outcome.pk not in ids:
        return
    index = ids.index(outcome.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ids):
        ids[index], ids[other] = ids[other], ids[index]
    prioritise_competences(process=outcome.process, by=by, order=ids)


def current_toolkit_for(organisation) -> Toolkit | None:
    """The toolkit new processes of the organisation start on: ``skole`` for schools."""
    variant = (
        Toolkit.Variant.SKOLE
        if organisation.institution_type == "school"
        else Toolkit.Variant.DAGTILBUD
    )
    current = Toolkit.objects.filter(is_current=True)
    return (
        current.filter(variant=variant).order_by("-created").first()
        or current.filter(variant=Toolkit.Variant.DAGTILBUD).order_by("-created").first()
    )


@transaction.atomic
def start_process(
    *,
    organisation,
    by,
    title: str,
    challenge: str = "",
    goals=(),
    participants=None,
    toolkit: Toolkit | None = None,
    plan_visibility: str = Process.PlanVisibility.FULL,
) -> Process:
    """Start a process with its notebook; ``participants=None`` means everyone there.

    ``plan_visibility`` is the leader's choice of what the administration reads once a plan is
    sent (``processes.visibility``)."""
    toolkit = toolkit or current_toolkit_for(organisation)
    if toolkit is None:
        raise ValidationError({"organisation": _("There is no dialogue tool to start on yet.")})
    notebook = Notebook.objects.create(toolkit=toolkit, organisation=organisation, title=title)
    process = Process(
        organisation=organisation,
        title=(title or "").strip(),
        challenge=(challenge or "").strip(),
        toolkit=toolkit,
        notebook=notebook,
        created_by=by,
        plan_visibility=plan_visibility or Process.PlanVisibility.FULL,
    )
    process.full_clean(exclude=["notebook", "created_by"])
    process.save()
    process.goals.set(goals)
    if participants is None:
        participants = User.objects.filter(
            memberships__organisation__path__startswith=organisation.path
        ).distinct()
    process.participants.set(participants)
    log_action(
        by,
        "process.started",
        process,
        {"title": process.title, "plan_visibility": process.plan_visibility},
    )
    return process


@transaction.atomic
def update_process(
    *,
    process: Process,
    by,
    title: str,
    challenge: str = "",
    goals=None,
    plan_visibility: str | None = None,
) -> Process:
    """Change a process's title, its challenge's headline, the goals it serves, and what the
    administration reads of its plan (a change of that is audited on its own)."""
    before = {"title": process.title, "challenge": process.challenge}
    visibility_before = process.plan_visibility
    process.title = (title or "").strip()
    process.challenge = (challenge or "").strip()
    if plan_visibility and plan_visibility != visibility_before:
        process.plan_visibility = plan_visibility
        process.plan_visibility_changed = timezone.now()
    process.full_clean(exclude=["notebook", "created_by", "toolkit", "organisation"])
    process.save()
    if goals is not None:
        process.goals.set(goals)
    after = {"title": process.title, "challenge": process.challenge}
    log_action(by, "process.changed", process, {"before": before, "after": after})
    if process.plan_visibility != visibility_before:
        log_action(
            by,
            "process.visibility.changed",
            process,
            {"before": visibility_before, "after": process.plan_visibility},
        )
    return process


PHASE_ORDER = [Phase.Key.INVESTIGATE, Phase.Key.INTERVENE, Phase.Key.PLAN]


@transaction.atomic
def change_phase(*, process: Process, by, phase: str) -> Process:
    """Move the process to another phase (usually the next or the previous one)."""
    if phase not in PHASE_ORDER:
        raise ValidationError({"phase": _("Unknown phase.")})
    before = process.phase
    if before == phase:
        return process
    process.phase = phase
    process.phase_started = timezone.now()
    process.save(update_fields=["phase", "phase_started", "updated"])
    log_action(by, "process.phase.changed", process, {"before": before, "after": phase})
    return process


@transaction.atomic
def send_plan(*, process: Process, by, message: str = "") -> PlanVersion:
    """Freeze the plan as the next numbered version, with what changed since the last.

    Raises ``ValidationError`` when the plan is the same as the last version sent.
    """
    from kompetencedialog.processes.selectors import diff_plans, plan_for

    # Lock the process row so two people sending at once cannot take the same number.
    Process.objects.select_for_update().filter(pk=process.pk).first()
    previous = process.plan_versions.order_by("-number").first()
    content = plan_for(process)
    if previous and all(previous.content.get(k) == content[k] for k in ("process", "sections")):
        raise ValidationError(
            _(
                "Nothing has changed since version %(number)d was sent. Change the plan first; "
                "then send it again."
            )
            % {"number": previous.number}
        )
    version = PlanVersion.objects.create(
        process=process,
        number=(previous.number + 1) if previous else 1,
        content=content,
        changes=diff_plans(previous.content if previous else None, content),
        message=(message or "").strip(),
        sent_by=by if getattr(by, "is_authenticated", False) else None,
    )
    log_action(by, "process.plan.sent", process, {"version": version.number})
    return version


@transaction.atomic
def save_goal(
    *,
    by,
    organisation,
    title: str,
    description: str = "",
    period_start=None,
    period_end=None,
    goal: Goal | None = None,
) -> Goal:
    """Create a strategic goal, or change ``goal``."""
    created = goal is None
    goal = goal or Goal()
    goal.organisation = organisation
    goal.title = (title or "").strip()
    goal.description = (description or "").strip()
    goal.period_start = period_start
    goal.period_end = period_end
    goal.full_clean()
    goal.save()
    log_action(by, "goal.created" if created else "goal.changed", goal, {"title": goal.title})
    return goal


@transaction.atomic
def delete_goal(*, by, goal: Goal) -> None:
    log_action(by, "goal.deleted", goal, {"title": goal.title})
    goal.delete()
