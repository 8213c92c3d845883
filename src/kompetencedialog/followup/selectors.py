"""Reads for the follow-up pages: everything a page needs in a fixed number of queries."""

from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils.translation import pgettext_lazy

from kompetencedialog.followup.models import CheckIn, CourseChange, FollowUpMeeting
from kompetencedialog.organisations import access
from kompetencedialog.processes.models import Outcome, Process

#: Statuses after which an action, decision or marker needs no more follow-up.
CLOSED_STATUSES = ("done", "cancelled", "decided", "reached")
#: The statuses each kind may take, in the order they are offered.
STATUSES_BY_KIND = {
    "action": ("open", "in_progress", "done", "cancelled"),
    "decision": ("pending", "decided"),
    "marker": ("not_started", "on_track", "late", "reached"),
}

#: Our own labels (with a context), so that no other catalogue's "Action" or "Done" wins.
STATUS_LABELS = {
    "open": pgettext_lazy("follow-up status", "Open"),
    "in_progress": pgettext_lazy("follow-up status", "In progress"),
    "done": pgettext_lazy("follow-up status", "Done"),
    "cancelled": pgettext_lazy("follow-up status", "Cancelled"),
    "pending": pgettext_lazy("follow-up status", "To be decided"),
    "decided": pgettext_lazy("follow-up status", "Decided"),
    "not_started": pgettext_lazy("follow-up status", "Not started"),
    "on_track": pgettext_lazy("follow-up status", "On track"),
    "late": pgettext_lazy("follow-up status", "Late"),
    "reached": pgettext_lazy("follow-up status", "Reached"),
}
KIND_LABELS = {
    "action": pgettext_lazy("follow-up kind", "Action"),
    "decision": pgettext_lazy("follow-up kind", "Decision"),
    "marker": pgettext_lazy("follow-up kind", "Marker of progress"),
}


def status_choices(kind: str) -> list[tuple[str, str]]:
    return [(status, STATUS_LABELS[status]) for status in STATUSES_BY_KIND.get(kind, ())]


def is_overdue(outcome: Outcome, today: date) -> bool:
    return bool(outcome.due and outcome.due < today and outcome.status not in CLOSED_STATUSES)


def open_items(process: Process) -> QuerySet[Outcome]:
    """The process's open actions, decisions and markers, the soonest due first."""
    return (
        Outcome.objects.filter(process=process, kind__in=Outcome.FOLLOW_UP_KINDS)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("owner")
        .order_by("due", "kind", "id")
    )


def my_open_items(user, today: date) -> list[Outcome]:
    """The person's own open actions, decisions and markers in processes they can see."""
    if not user.is_authenticated:
        return []
    items = access.scope(
        Outcome.objects.filter(owner=user, kind__in=Outcome.FOLLOW_UP_KINDS)
        .exclude(status__in=CLOSED_STATUSES)
        .select_related("process", "owner")
        .order_by("due", "id"),
        user,
        path_field="process__organisation__path",
    )
    result = list(items)
    for item in result:
        item.overdue = is_overdue(item, today)
    # Overdue first, then by date; undated last.
    result.sort(key=lambda o: (not o.overdue, o.due is None, o.due or today, o.pk))
    return result


def marker_history(marker: Outcome) -> list[CheckIn]:
    return list(marker.checkins.select_related("by").order_by("date", "id"))


def course_changes(process: Process) -> QuerySet[CourseChange]:
    return process.course_changes.select_related("by").prefetch_related(
        Prefetch("outcomes", queryset=Outcome.objects.only("id", "text", "kind", "process_id"))
    )


def meetings(process: Process) -> QuerySet[FollowUpMeeting]:
    return process.followup_meetings.all()


def dated_items(process: Process) -> QuerySet[Outcome]:
    """Actions and markers with a due date: they go into the calendar as all-day events."""
    return (
        Outcome.objects.filter(process=process, kind__in=("action", "marker"), due__isnull=False)
        .select_related("owner")
        .order_by("due", "id")
    )
