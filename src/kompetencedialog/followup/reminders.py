"""Which reminders are due now, and what they say. ``schedule`` is safe to run any number of
times: each event has a key, and a notification row with that key is created in the same
transaction as the task that sends it, so an event is queued once and only once."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kompetencedialog.followup.models import (
    FollowUpMeeting,
    NotificationKind,
    NotificationSent,
    Unsubscribe,
)
from kompetencedialog.followup.selectors import CLOSED_STATUSES
from kompetencedialog.organisations.models import Membership, User
from kompetencedialog.processes.models import Outcome, Process

#: How many days before a due date the owner is reminded.
DUE_NOTICE_DAYS = 3
#: How long before a follow-up meeting its participants are reminded.
MEETING_NOTICE = timedelta(days=2)
UNSUBSCRIBE_SALT = "kompetencedialog.followup.unsubscribe"


@dataclass(frozen=True)
class Event:
    key: str
    kind: str
    recipient_id: int
    object_type: str
    object_id: str


def due_events(now: datetime) -> list[Event]:
    """Owners of open actions and markers: one reminder before the date, one when overdue."""
    today = timezone.localdate(now)
    items = Outcome.objects.filter(
        kind__in=("action", "marker"),
        owner__isnull=False,
        due__isnull=False,
        due__gte=today - timedelta(days=1),
        due__lte=today + timedelta(days=DUE_NOTICE_DAYS),
    ).exclude(status__in=CLOSED_STATUSES)
    events = []
    for pk, owner_id, due in items.values_list("pk", "owner_id", "due"):
        stage = "overdue" if due < today else "before"
        events.append(
            Event(f"due:{stage}:{pk}:{due.isoformat()}:{owner_id}", "due", owner_id, "outcome", pk)
        )
    return events


def meeting_events(now: datetime) -> list[Event]:
    """Participants of a process, before each of its follow-up meetings."""
    meetings = FollowUpMeeting.objects.filter(
        starts_at__gt=now, starts_at__lte=now + MEETING_NOTICE
    )
    rows = meetings.values_list("pk", "starts_at", "process__participants", "process__created_by")
    events = {}
    for pk, starts_at, participant, creator in rows:
        for user_id in {participant, creator} - {None}:
            key = f"meeting:{pk}:{starts_at.isoformat()}:{user_id}"
            events[key] = Event(key, "meeting", user_id, "followupmeeting", pk)
    return list(events.values())


def digest_events(now: datetime) -> list[Event]:
    """Leaders of organisations with active processes, once per ISO week."""
    year, week, _day = timezone.localdate(now).isocalendar()
    paths = set(
        Process.objects.filter(status=Process.Status.ACTIVE).values_list(
            "organisation__path", flat=True
        )
    )
    leaders = Membership.objects.filter(role=Membership.Role.LEADER).values_list(
        "user_id", "organisation__path"
    )
    user_ids = {uid for uid, path in leaders if any(p.startswith(path) for p in paths)}
    return [
        Event(f"digest:{uid}:{year}-W{week:02d}", "digest", uid, "user", uid)
        for uid in sorted(user_ids)
    ]


def schedule(now: datetime | None = None) -> dict[str, int]:
    """Queue every reminder that is due and not yet queued. Returns counts by kind."""
    from kompetencedialog.followup.tasks import send_notification

    now = now or timezone.now()
    events = due_events(now) + meeting_events(now) + digest_events(now)
    known = set(
        NotificationSent.objects.filter(key__in=[e.key for e in events]).values_list(
            "key", flat=True
        )
    )
    opted_out = set(Unsubscribe.objects.values_list("user_id", "kind"))
    counts = {kind: 0 for kind in NotificationKind.values}
    for event in events:
        if event.key in known or (event.recipient_id, event.kind) in opted_out:
            continue
        try:
            # The row and the queued task stand or fall together; the unique key makes a
            # second scheduler (or a second run) fail here instead of queueing a duplicate.
            with transaction.atomic():
                notification = NotificationSent.objects.create(
                    key=event.key,
                    kind=event.kind,
                    recipient_id=event.recipient_id,
                    object_type=event.object_type,
                    object_id=str(event.object_id),
                    queued=now,
                )
                send_notification.enqueue(notification.pk)
        except IntegrityError:
            continue
        counts[event.kind] += 1
    return counts


def unsubscribe_url(user: User, kind: str) -> str:
    token = signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT)
    return settings.SITE_URL + reverse("followup:unsubscribe", kwargs={"token": token})


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """(user id, kind) from a link; ``signing.BadSignature`` if it was not made by us."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if data.get("k") not in NotificationKind.values:
        raise signing.BadSignature("unknown kind")
    return int(data["u"]), data["k"]


def _context(notification: NotificationSent) -> dict | None:
    user = notification.recipient
    today = timezone.localdate()
    if notification.kind == "due":
        outcome = (
            Outcome.objects.select_related("process").filter(pk=notification.object_id).first()
        )
        if outcome is None or outcome.status in CLOSED_STATUSES:
            return None
        return {
            "template": "due",
            "outcome": outcome,
            "overdue": outcome.due < today,
            "url": settings.SITE_URL + reverse("followup:process", args=[outcome.process_id]),
        }
    if notification.kind == "meeting":
        meeting = (
            FollowUpMeeting.objects.select_related("process")
            .filter(pk=notification.object_id)
            .first()
        )
        if meeting is None:
            return None
        from kompetencedialog.followup.selectors import open_items

        return {
            "template": "meeting",
            "meeting": meeting,
            "agenda": list(open_items(meeting.process)),
            "url": settings.SITE_URL + reverse("followup:process", args=[meeting.process_id]),
        }
    if notification.kind == "digest":
        from kompetencedialog.followup.selectors import my_open_items
        from kompetencedialog.organisations import access

        processes = access.scope(
            Process.objects.filter(status=Process.Status.ACTIVE), user, roles={"leader"}
        )
        overdue = list(
            Outcome.objects.filter(
                process__in=processes, kind__in=("action", "marker"), due__lt=today
            )
            .exclude(status__in=CLOSED_STATUSES)
            .select_related("process", "owner")
            .order_by("due")
        )
        return {
            "template": "digest",
            "processes": list(processes.order_by("title")),
            "overdue": overdue,
            "mine": my_open_items(user, today),
            "url": settings.SITE_URL + "/",
        }
    return None


def build_message(notification: NotificationSent) -> EmailMultiAlternatives | None:
    """The e-mail for a notification, in Danish, or None if there is nothing left to say."""
    with translation.override("da"):
        context = _context(notification)
        if context is None:
            return None
        context["user"] = notification.recipient
        context["unsubscribe_url"] = unsubscribe_url(notification.recipient, notification.kind)
        name = context["template"]
        subject = render_to_string(f"followup/email/{name}_subject.txt", context).strip()
        text = render_to_string(f"followup/email/{name}.txt", context)
        html = render_to_string(f"followup/email/{name}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
    )
    message.attach_alternative(html, "text/html")
    return message
