"""Changes to processes and their outcomes. Views, the API and live meetings all call these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.processes.models import Outcome, Process

#: The typed columns each kind of outcome uses, beside ``text``, ``description`` and ``details``.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "challenge": (),
    "desired_practice": (),
    "competence": ("competence_status", "area", "position"),
    "intervention": ("format",),
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
    outcome = Outcome(
        process=process, kind=kind, text=(text or "").strip(), card=card, created_by=by, **values
    )
    outcome.full_clean(exclude=["process", "card", "created_by", "owner", "area"])
    outcome.save()
    log_action(by, "process.outcome.added", outcome, {"kind": kind, "text": outcome.text})
    return outcome
