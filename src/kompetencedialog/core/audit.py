"""``log_action``: the one way to record a change in the audit trail."""

from django.db.models import Model

from kompetencedialog.core.models import AuditEntry


def organisation_id_from_path(path: str) -> int | None:
    """The organisation a materialised path ("/1/4/9/") ends in, or None for an empty path."""
    ids = path.strip("/").split("/")
    return int(ids[-1]) if ids[-1] else None


def log_action(actor, action: str, obj: Model, data: dict | None = None) -> AuditEntry:
    """Record that ``actor`` did ``action`` (a dotted code: ``process.plan.sent``) to ``obj``.

    ``data`` carries what is worth keeping, typically ``{"before": …, "after": …}``.
    """
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    # Every model in the trail names its organisation by path (``audit_path``); the last id in it
    # is the organisation itself, whose row the entry is tied to.
    path = getattr(obj, "audit_path", "") or ""
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_label=str(actor) if is_person else "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        organisation_id=organisation_id_from_path(path),
        organisation_path=path,
        data=data or {},
    )
