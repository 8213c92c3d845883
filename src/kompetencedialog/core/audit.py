"""``log_action``: the one way to record a change in the audit trail."""

from django.db.models import Model

from kompetencedialog.core.models import AuditEntry


def log_action(actor, action: str, obj: Model, data: dict | None = None) -> AuditEntry:
    """Record that ``actor`` did ``action`` (a dotted code: ``process.plan.sent``) to ``obj``.

    ``data`` carries what is worth keeping, typically ``{"before": …, "after": …}``.
    """
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_label=str(actor) if is_person else "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        organisation_path=getattr(obj, "audit_path", "") or "",
        data=data or {},
    )
