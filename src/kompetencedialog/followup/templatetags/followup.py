"""Template helpers for the follow-up partials that other apps' pages include."""

from django import template
from django.utils import timezone

from kompetencedialog.followup import selectors
from kompetencedialog.followup.access import may_lead
from kompetencedialog.processes.models import Outcome

register = template.Library()

_WIDGET_CLASSES = {"select": "form-select", "selectmultiple": "form-select"}


@register.filter
def widget_type(widget) -> str:
    return type(widget).__name__.lower()


@register.simple_tag
def field_widget(field):
    """The field's widget with DKFDS classes, its hint and error tied to it for screen readers."""
    kind = widget_type(field.field.widget)
    attrs = {"class": _WIDGET_CLASSES.get(kind, "form-input")}
    if kind == "clearablefileinput" or kind == "fileinput":
        attrs["class"] = "form-file-input"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def followup_panel(context, process) -> dict:
    """What the process page's follow-up panel shows: open items and the next meeting."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    items = list(selectors.open_items(process))
    for item in items:
        item.overdue = selectors.is_overdue(item, today)
    next_meeting = process.followup_meetings.filter(starts_at__gte=timezone.now()).first()
    return {
        "items": items,
        "next_meeting": next_meeting,
        "may_lead": bool(user and user.is_authenticated and may_lead(user, process)),
    }


@register.simple_tag(takes_context=True)
def my_actions(context) -> list[Outcome]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    return selectors.my_open_items(user, timezone.localdate())


@register.filter
def status_tag(outcome: Outcome) -> str:
    """A CSS modifier for a status, so late and overdue items stand out."""
    if getattr(outcome, "overdue", False) or outcome.status == "late":
        return "kd-status kd-status--late"
    if outcome.status in selectors.CLOSED_STATUSES:
        return "kd-status kd-status--done"
    return "kd-status"


@register.filter
def status_choices(outcome: Outcome) -> list[tuple[str, str]]:
    return selectors.status_choices(outcome.kind)


@register.filter
def status_label(status: str) -> str:
    return selectors.STATUS_LABELS.get(status, status)


@register.filter
def kind_label(kind: str) -> str:
    return selectors.KIND_LABELS.get(kind, kind)


@register.simple_tag
def followup_plan(process) -> dict:
    """For the plan: each marker with its check-ins, and the course-change log."""
    from django.db.models import Prefetch

    from kompetencedialog.followup.models import CheckIn

    markers = (
        Outcome.objects.filter(process=process, kind=Outcome.Kind.MARKER)
        .select_related("owner")
        .prefetch_related(
            Prefetch("checkins", queryset=CheckIn.objects.order_by("date", "id"), to_attr="history")
        )
        .order_by("due", "id")
    )
    return {"markers": list(markers), "changes": list(selectors.course_changes(process))}
