"""Everything that changes a live meeting. The consumer, the views and the API call these.

Each function is one transaction. It stores first and broadcasts after the commit, so a client
never sees a contribution that a crash could still lose, and a retried send finds what is stored.
"""

import asyncio
import json
import logging
import os
import time
import weakref
from dataclasses import dataclass
from datetime import timedelta

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.core.links import absolute_url
from kompetencedialog.meetings import limits
from kompetencedialog.meetings.access import candidate_facilitators
from kompetencedialog.meetings.models import (
    Contribution,
    Facilitator,
    Meeting,
    MeetingSummary,
    Participant,
    PromotedOutcome,
    Theme,
    Vote,
    make_code,
)
from kompetencedialog.meetings.tasks import send_email_confirmation
from kompetencedialog.processes.models import Outcome, Process
from kompetencedialog.processes.services import add_outcome
from kompetencedialog.toolkit.models import Phase, Question

logger = logging.getLogger(__name__)

MAX_TEXT = 1000
#: ``Meeting.last_activity`` is written at most this often: no write per contribution.
ACTIVITY_RESOLUTION = timedelta(minutes=5)
#: The kinds of outcome "Gør til resultat" offers, in the order of the dialogue.
PROMOTE_KINDS = (
    "challenge",
    "desired_practice",
    "competence",
    "intervention",
    "engagement_action",
    "anchoring_action",
    "marker",
    "action",
    "decision",
    "resource",
)


class MeetingError(Exception):
    """A message the sender gets back as ``{"type": "error", "detail": …}``; nothing changed."""

    def __init__(self, detail: str, code: str = "invalid"):
        super().__init__(detail)
        self.detail = detail
        self.code = code


# --- broadcasting ---------------------------------------------------------------------------


def group_name(meeting_id: int, audience: str) -> str:
    """``participants`` (phones and projector) or ``facilitators``."""
    return f"meeting.{meeting_id}.{audience}"


def _broadcast(meeting_id: int, audiences: tuple[str, ...], message: dict) -> None:
    """Send ``message`` to the audiences once the current transaction has committed."""
    text = json.dumps(message, ensure_ascii=False)

    def send() -> None:
        for audience in audiences:
            _publish(group_name(meeting_id, audience), {"type": "meeting.message", "text": text})

    transaction.on_commit(send)


def _publish(group: str, message: dict) -> None:
    """Hand a message to the channel layer without making the database thread wait for it.

    Under the ASGI server, services run in a worker thread beside the event loop that holds the
    connections. Waiting there for every send (``async_to_sync``) made each contribution wait
    for a busy loop; instead one queue per loop sends in order, and the thread moves on.
    """
    layer = get_channel_layer()
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    same_process = getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) == os.getpid()
    if loop is None or not same_process or loop.is_closed():
        async_to_sync(layer.group_send)(group, message)
        return
    loop.call_soon_threadsafe(_enqueue, loop, layer, group, message)


_outboxes: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Queue]" = (
    weakref.WeakKeyDictionary()
)


def _enqueue(loop, layer, group: str, message: dict) -> None:
    queue = _outboxes.get(loop)
    if queue is None:
        queue = _outboxes[loop] = asyncio.Queue()
        loop.create_task(_drain(queue))
    queue.put_nowait((layer, group, message))


async def _drain(queue: asyncio.Queue) -> None:
    while True:
        layer, group, message = await queue.get()
        try:
            await layer.group_send(group, message)
        except Exception:
            logger.exception("Broadcast to %s failed", group)


EVERYONE = ("participants", "facilitators")
FACILITATORS = ("facilitators",)


# --- reading --------------------------------------------------------------------------------


def meeting_questions(meeting: Meeting) -> list[Question]:
    """The meeting's questions in the order of the dialogue: its card's, or its phase's."""
    process = meeting.process
    own = Q(organisation__isnull=True) | Q(organisation_id=process.organisation_id)
    card_own = Q(card__organisation__isnull=True) | Q(card__organisation_id=process.organisation_id)
    questions = Question.objects.filter(own, card_own).select_related("card")
    if meeting.card_id:
        questions = questions.filter(card_id=meeting.card_id)
    else:
        questions = questions.filter(
            card__phase__toolkit_id=process.toolkit_id, card__phase__key=meeting.phase
        )
    return list(questions.order_by("card__position", "card_id", "position", "id"))


_question_ids: dict[tuple[int, str], tuple[float, frozenset[int]]] = {}
QUESTION_CACHE_SECONDS = 60


def meeting_question_ids(meeting: Meeting) -> frozenset[int]:
    """The ids of the meeting's questions, remembered for a minute: asked on every contribution."""
    now = time.monotonic()
    # Keyed by id and code together: an id alone can come back after a rollback.
    key = (meeting.pk, meeting.code)
    cached = _question_ids.get(key)
    if cached is not None and cached[0] > now:
        return cached[1]
    ids = frozenset(q.pk for q in meeting_questions(meeting))
    if len(_question_ids) > 10_000:
        _question_ids.clear()
    _question_ids[key] = (now + QUESTION_CACHE_SECONDS, ids)
    return ids


def contribution_data(contribution: Contribution, meeting: Meeting) -> dict:
    """A contribution as the protocol sends it."""
    participant = contribution.participant
    author = ""
    if meeting.naming != Meeting.Naming.ANONYMOUS and participant is not None:
        author = participant.display_name
    return {
        "id": contribution.pk,
        "question": contribution.question_id,
        "text": contribution.text,
        "client_id": contribution.client_id,
        "status": contribution.status,
        "theme": contribution.theme_id,
        "merged_into": contribution.merged_into_id,
        "author": author,
        "group": contribution.group,
        "reported": contribution.reported,
    }


def meeting_data(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "code": meeting.code,
        "phase": meeting.phase,
        "naming": meeting.naming,
        "hidden": meeting.hidden,
        "moderated": meeting.moderated,
        "locked": meeting.locked,
        "countdown_seconds": meeting.countdown_seconds,
        "timer_ends": meeting.timer_ends.isoformat() if meeting.timer_ends else None,
        "current_question": meeting.current_question_id,
        "dots_per_person": meeting.dots_per_person,
        "voting": meeting.voting,
        "groups": meeting.groups,
        "reporting_group": meeting.reporting_group,
        "ended": meeting.ended is not None,
    }


def groups_data(meeting: Meeting) -> dict:
    """Who is in which small group, and how many each group has."""
    assignments = dict(meeting.participants.filter(group__isnull=False).values_list("pk", "group"))
    sizes: dict[str, int] = {}
    for group in assignments.values():
        sizes[str(group)] = sizes.get(str(group), 0) + 1
    return {
        "groups": meeting.groups,
        "sizes": sizes,
        "assignments": {str(pk): group for pk, group in assignments.items()},
    }


def _themes(meeting: Meeting) -> list[dict]:
    return [
        {"id": theme.pk, "title": theme.title, "position": theme.position}
        for theme in meeting.themes.all()
    ]


def state(meeting: Meeting, *, facilitator: bool, participant: Participant | None = None) -> dict:
    """Everything a (re)joining client needs; participants see only visible contributions."""
    contributions = meeting.contributions.select_related("participant").exclude(
        status=Contribution.Status.REMOVED
    )
    if not facilitator:
        contributions = contributions.filter(status=Contribution.Status.VISIBLE)
    hidden = meeting.contributions.filter(
        status__in=[Contribution.Status.HIDDEN, Contribution.Status.PENDING]
    ).count()
    message = {
        "type": "state",
        "contributions": [contribution_data(c, meeting) for c in contributions],
        "meeting": meeting_data(meeting),
        "questions": [
            {"id": q.pk, "text": q.text_i18n, "card": q.card.title_i18n}
            for q in meeting_questions(meeting)
        ],
        "themes": _themes(meeting),
        "hidden_count": hidden,
        "facilitator": facilitator,
        "group_sizes": groups_data(meeting)["sizes"],
    }
    if meeting.voting == Meeting.Voting.REVEALED or facilitator:
        message["results"] = vote_results(meeting)
    if participant is not None:
        message["participant"] = {
            "id": participant.pk,
            "name": participant.display_name,
            "group": participant.group,
        }
        message["my_votes"] = my_votes(participant)
        message["mine"] = list(participant.contributions.values_list("client_id", flat=True))
    return message


def open_followups(process: Process):
    """The process's actions and markers that are neither done nor reached: shown at the start."""
    closed = [Outcome.Status.DONE, Outcome.Status.CANCELLED, Outcome.Status.REACHED]
    return (
        process.outcomes.filter(kind__in=["action", "marker"])
        .exclude(status__in=closed)
        .order_by("due", "id")
    )


def get_open_meeting(code: str, *, address: str | None = None) -> Meeting:
    """The open meeting with this join code (codes are case-insensitive for people).

    With the client's ``address`` (a lookup from outside: a phone joining, a socket opening)
    the lookup is throttled, and a meeting found idle is ended instead of joined.
    """
    code = (code or "").upper()
    if address is not None and limits.lookup_refused(address):
        raise MeetingError(limits.throttled_message(), "throttled")
    meeting = (
        Meeting.objects.select_related("process__organisation", "card").filter(code=code).first()
    )
    if meeting is not None and meeting.ended is None and address is not None:
        if meeting.last_activity < _idle_cutoff():
            end_meeting(meeting=meeting, by=None, reason="idle")
            meeting.ended = timezone.now()
        else:
            touch(meeting)
    if meeting is None or meeting.ended is not None:
        # A code that once existed is no guess: a phone coming back after the meeting ended.
        if address is not None and meeting is None and limits.is_guess(code):
            limits.record_failed_lookup(address)
        raise MeetingError(_("No open meeting has this code."), "not_found")
    return meeting


def touch(meeting: Meeting) -> None:
    """Note that the meeting is in use, writing at most once every few minutes."""
    if cache.add(f"meetings:touched:{meeting.pk}", 1, ACTIVITY_RESOLUTION.total_seconds()):
        Meeting.objects.filter(pk=meeting.pk).update(last_activity=timezone.now())


def _idle_cutoff():
    return timezone.now() - timedelta(hours=settings.MEETINGS_IDLE_HOURS)


def end_idle_meetings() -> int:
    """End every open meeting nobody has used for ``MEETINGS_IDLE_HOURS``; the summary is kept.
    Safe to run any number of times."""
    idle = Meeting.objects.filter(ended__isnull=True, last_activity__lt=_idle_cutoff())
    ended = 0
    for meeting in idle:
        end_meeting(meeting=meeting, by=None, reason="idle")
        ended += 1
    return ended


# --- opening, joining, ending ---------------------------------------------------------------


@transaction.atomic
def appoint_facilitator(*, process: Process, by, user) -> Facilitator:
    """Let someone who can see the process run its meetings."""
    if not candidate_facilitators(process).filter(pk=user.pk).exists():
        raise ValidationError(
            {"user": _("Choose someone in %(name)s.") % {"name": process.organisation.name}}
        )
    facilitator, created = Facilitator.objects.get_or_create(
        process=process, user=user, defaults={"appointed_by": by}
    )
    if created:
        log_action(by, "meeting.facilitator.appointed", process, {"user": user.pk})
    return facilitator


@transaction.atomic
def dismiss_facilitator(*, facilitator: Facilitator, by) -> None:
    log_action(
        by, "meeting.facilitator.dismissed", facilitator.process, {"user": facilitator.user_id}
    )
    facilitator.delete()
    # Their open connections read their rights again now, not at their next message.
    meetings = list(facilitator.process.meetings.filter(ended__isnull=True).values_list("pk"))

    def recheck() -> None:
        for (meeting_id,) in meetings:
            _publish(group_name(meeting_id, "facilitators"), {"type": "meeting.recheck"})

    transaction.on_commit(recheck)


@transaction.atomic
def open_meeting(
    *, process: Process, by, phase: str | None = None, card=None, **options
) -> Meeting:
    """Open a live meeting on a phase (or one card) of the process, with a fresh join code."""
    if card is not None:
        phase = card.phase.key
    phase = phase or process.phase
    if phase not in Phase.Key.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    allowed = {
        "naming",
        "hidden",
        "moderated",
        "countdown_seconds",
        "dots_per_person",
        "groups",
    }
    values = {name: value for name, value in options.items() if name in allowed}
    meeting = Meeting(process=process, phase=phase, card=card, created_by=by, **values)
    meeting.full_clean(exclude=["process", "card", "created_by", "code", "current_question"])
    for _attempt in range(20):
        meeting.code = make_code()
        if Meeting.objects.filter(code=meeting.code).exists():
            continue  # a code is never given out twice, not even after its meeting ended
        try:
            with transaction.atomic():
                meeting.save()
            break
        except IntegrityError:
            meeting.pk = None
    else:  # pragma: no cover - 23^6 codes; twenty clashes in a row means something else is wrong
        raise RuntimeError("No free meeting code")
    questions = meeting_questions(meeting)
    if questions:
        meeting.current_question = questions[0]
        meeting.save(update_fields=["current_question"])
    log_action(by, "meeting.opened", meeting, {"phase": phase, "code": meeting.code})
    return meeting


@transaction.atomic
def join_meeting(
    *, meeting: Meeting, user=None, display_name: str = "", email: str = "", address: str = ""
):
    """A new participant; small groups are filled in turn.

    An ``email`` is kept unconfirmed, and a link to confirm it is sent: the summary goes only to
    addresses their owner confirmed, never to whatever someone typed.
    """
    meeting.refresh_from_db(fields=["ended", "naming", "groups"])
    if meeting.ended is not None:
        raise MeetingError(_("The meeting has ended."), "ended")
    logged_in = user is not None and user.is_authenticated
    if not logged_in and limits.new_participant_refused(meeting_id=meeting.pk, address=address):
        raise MeetingError(
            _("Too many people have joined from your network. Ask the facilitator for help."),
            "throttled",
        )
    name = (display_name or "").strip()[:80]
    if meeting.naming == Meeting.Naming.NAMED and not name:
        raise ValidationError({"display_name": _("Write your name.")})
    group = None
    if meeting.groups:
        group = meeting.participants.count() % meeting.groups + 1
    participant = Participant.objects.create(
        meeting=meeting,
        user=user if logged_in else None,
        display_name=name,
        email=(email or "").strip(),
        group=group,
    )
    if participant.email:
        participant.full_clean(exclude=["meeting", "user"])
        if not limits.confirmation_mail_refused(participant.email):
            transaction.on_commit(lambda: send_email_confirmation.enqueue(participant.pk))
    if group is not None:
        _broadcast(meeting.pk, EVERYONE, {"type": "groups", **groups_data(meeting)})
    return participant


def end_meeting(
    *, meeting: Meeting, by, send_email: bool = False, reason: str = "ended"
) -> MeetingSummary:
    """Close the meeting and keep its summary with the process; optionally mail it.

    The summary goes to the participants who are logged in (to their account's address) and to
    the addresses their owners confirmed through the link sent when they joined, never to an
    address nobody confirmed. ``reason`` is "idle" when the meeting ended by itself.
    """
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.ended is None:
            meeting.ended = timezone.now()
            meeting.locked = True
            meeting.save(update_fields=["ended", "locked"])
        summary, _created = MeetingSummary.objects.update_or_create(
            meeting=meeting,
            defaults={"process_id": meeting.process_id, "content": summary_content(meeting)},
        )
        log_action(by, "meeting.ended", meeting, {"send_email": send_email, "reason": reason})
        _broadcast(meeting.pk, EVERYONE, {"type": "ended"})
        addresses = summary_addresses(meeting) if send_email else []
        if addresses:
            subject = _("Summary of the meeting: %(title)s") % {"title": meeting.process.title}
            body = summary_text(summary.content)
            messages = [(subject, body, None, [address]) for address in addresses]
            transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return summary


def summary_addresses(meeting: Meeting) -> list[str]:
    """Where the summary may go: logged-in participants' own addresses, and confirmed ones."""
    participants = meeting.participants.filter(
        Q(user__isnull=False) | (Q(email_confirmed=True) & ~Q(email=""))
    ).select_related("user")
    found = {p.user.email if p.user_id else p.email for p in participants}
    return sorted(address for address in found if address)


CONFIRM_SALT = "meetings.participant.email"


def confirmation_link(participant: Participant) -> str:
    token = signing.dumps(participant.pk, salt=CONFIRM_SALT)
    return absolute_url(reverse("meetings:confirm_email", args=[token]))


def participant_to_confirm(token: str) -> Participant | None:
    """The participant whose address the link is for, or None for a bad or old link."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=timedelta(days=2))
    except signing.BadSignature:
        return None
    return Participant.objects.filter(pk=pk).exclude(email="").first()


def confirm_email(participant: Participant) -> None:
    if not participant.email_confirmed:
        participant.email_confirmed = True
        participant.save(update_fields=["email_confirmed"])


def summary_content(meeting: Meeting) -> dict:
    """Questions with what was said, themes, vote results and the outcomes made in the meeting."""
    contributions = list(
        meeting.contributions.exclude(status=Contribution.Status.REMOVED).select_related(
            "participant", "theme"
        )
    )
    themes = {theme.pk: theme.title for theme in meeting.themes.all()}
    questions = []
    for question in meeting_questions(meeting):
        said = [c for c in contributions if c.question_id == question.pk]
        if said:
            questions.append(
                {
                    "question": question.text,
                    "contributions": [
                        {"text": c.text, "theme": themes.get(c.theme_id, "")} for c in said
                    ],
                }
            )
    results = vote_results(meeting)
    texts = {c.pk: c.text for c in contributions}
    votes = [
        {
            "text": themes.get(r["id"], "") if r["kind"] == "theme" else texts.get(r["id"], ""),
            "kind": r["kind"],
            "dots": r["dots"],
        }
        for r in results
    ]
    outcomes = [
        {"kind": p.outcome.get_kind_display(), "text": p.outcome.text}
        for p in meeting.promotions.select_related("outcome")
    ]
    return {
        "process": meeting.process.title,
        "date": timezone.localdate().isoformat(),
        "participants": meeting.participants.count(),
        "questions": questions,
        "groups": _group_reports(contributions),
        "themes": list(themes.values()),
        "votes": votes,
        "outcomes": outcomes,
    }


def _group_reports(contributions: list[Contribution]) -> list[dict]:
    """Per small group: how much it said, and the points it chose to report back."""
    groups: dict[int, dict] = {}
    for c in contributions:
        if c.group is None or c.merged_into_id:
            continue
        group = groups.setdefault(c.group, {"group": c.group, "said": 0, "reported": []})
        group["said"] += 1
        if c.reported:
            group["reported"].append(c.text)
    return [groups[number] for number in sorted(groups)]


def summary_text(content: dict) -> str:
    lines = [content.get("process", ""), ""]
    for item in content.get("questions", []):
        lines.append(item["question"])
        lines.extend(f"  - {c['text']}" for c in item["contributions"])
        lines.append("")
    for group in content.get("groups", []):
        lines.append(_("Group %(number)s reported back") % {"number": group["group"]})
        lines.extend(f"  - {text}" for text in group["reported"])
        lines.append("")
    if content.get("votes"):
        lines.append(_("Votes"))
        lines.extend(f"  {v['dots']} · {v['text']}" for v in content["votes"])
        lines.append("")
    if content.get("outcomes"):
        lines.append(_("Decided"))
        lines.extend(f"  {o['kind']}: {o['text']}" for o in content["outcomes"])
    return "\n".join(lines)


# --- contributing ---------------------------------------------------------------------------


@dataclass
class Contributed:
    contribution: Contribution
    created: bool


def _existing(meeting_id: int, client_id: str) -> Contribution | None:
    return (
        Contribution.objects.filter(meeting_id=meeting_id, client_id=client_id)
        .select_related("participant")
        .first()
    )


def contribute(
    *, meeting_id: int, participant: Participant, question, text, client_id, address: str = ""
) -> Contributed:
    """Store a contribution, then broadcast it (at once, or on reveal/approval).

    A second send with the same ``client_id`` stores nothing and answers with the first.
    """
    if not isinstance(client_id, str) or not 1 <= len(client_id) <= 64:
        raise MeetingError(_("Each contribution needs a client_id of 1 to 64 characters."))
    if not isinstance(text, str):
        raise MeetingError(_("The text must be a string."))
    text = text.strip()
    if not 1 <= len(text) <= MAX_TEXT:
        raise MeetingError(_("Write between 1 and 1,000 characters."), "length")
    if isinstance(question, bool) or not isinstance(question, int):
        raise MeetingError(_("Unknown question."), "question")
    with transaction.atomic():
        meeting = Meeting.objects.select_related("process").get(pk=meeting_id)
        if question not in meeting_question_ids(meeting):
            raise MeetingError(_("Unknown question."), "question")
        refusal = None
        if meeting.ended is not None:
            refusal = MeetingError(_("The meeting has ended."), "ended")
        elif meeting.locked:
            refusal = MeetingError(_("The facilitator has locked input for now."), "locked")
        elif limits.contribution_refused(
            meeting_id=meeting_id, participant_token=participant.token, address=address
        ):
            refusal = MeetingError(_("You are sending too fast. Wait a moment."), "rate_limited")
        if refusal is not None:
            # A retry of something already stored is answered, whatever the meeting's state.
            existing = _existing(meeting_id, client_id)
            if existing is not None:
                return Contributed(existing, created=False)
            raise refusal
        if meeting.groups:
            # The facilitator may have split the room since this participant was loaded.
            participant.refresh_from_db(fields=["group"])
        if meeting.moderated:
            status = Contribution.Status.PENDING
        elif meeting.hidden:
            status = Contribution.Status.HIDDEN
        else:
            status = Contribution.Status.VISIBLE
        try:
            with transaction.atomic():
                contribution = Contribution.objects.create(
                    meeting=meeting,
                    question_id=question,
                    participant=participant,
                    text=text,
                    client_id=client_id,
                    status=status,
                    group=participant.group if meeting.groups else None,
                )
        except IntegrityError:
            # Sent before (a retry after a lost answer, or twice at once): the first one wins.
            return Contributed(_existing(meeting_id, client_id), created=False)
        limits.count_contribution(
            meeting_id=meeting_id, participant_token=participant.token, address=address
        )
        contribution.participant = participant
        data = contribution_data(contribution, meeting)
        if status == Contribution.Status.VISIBLE:
            _broadcast(meeting.pk, EVERYONE, {"type": "contribution", **data})
        else:
            _broadcast(meeting.pk, FACILITATORS, {"type": "pending", "contribution": data})
            hidden = meeting.contributions.filter(
                status__in=[Contribution.Status.HIDDEN, Contribution.Status.PENDING]
            ).count()
            _broadcast(meeting.pk, ("participants",), {"type": "count", "hidden_count": hidden})
    return Contributed(contribution, created=True)


# --- the facilitator's controls -------------------------------------------------------------


def _meeting_for_update(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related("process__organisation").get(pk=meeting.pk)


def _announce_meeting(meeting: Meeting) -> None:
    _broadcast(meeting.pk, EVERYONE, {"type": "meeting", "meeting": meeting_data(meeting)})


def _show(meeting: Meeting, contributions) -> None:
    """Make contributions visible and broadcast each, as if they had just been sent."""
    contributions = list(contributions)
    Contribution.objects.filter(pk__in=[c.pk for c in contributions]).update(
        status=Contribution.Status.VISIBLE
    )
    for contribution in contributions:
        contribution.status = Contribution.Status.VISIBLE
        _broadcast(
            meeting.pk,
            EVERYONE,
            {"type": "contribution", **contribution_data(contribution, meeting)},
        )


@transaction.atomic
def reveal(*, meeting: Meeting, by, question: int | None = None) -> int:
    """Show the hidden contributions (of one question, or all) and stop hiding new ones."""
    meeting = _meeting_for_update(meeting)
    waiting = meeting.contributions.filter(status=Contribution.Status.HIDDEN).select_related(
        "participant"
    )
    if question is not None:
        waiting = waiting.filter(question_id=question)
    waiting = list(waiting)
    _show(meeting, waiting)
    if question is None and meeting.hidden:
        meeting.hidden = False
        meeting.save(update_fields=["hidden"])
    log_action(by, "meeting.revealed", meeting, {"count": len(waiting)})
    _announce_meeting(meeting)
    return len(waiting)


@transaction.atomic
def approve(*, meeting: Meeting, by, contribution_ids: list[int]) -> int:
    meeting = _meeting_for_update(meeting)
    waiting = list(
        meeting.contributions.filter(
            pk__in=_ids(contribution_ids), status=Contribution.Status.PENDING
        ).select_related("participant")
    )
    # In a hidden meeting an approved contribution waits for the reveal like the others.
    if meeting.hidden:
        Contribution.objects.filter(pk__in=[c.pk for c in waiting]).update(
            status=Contribution.Status.HIDDEN
        )
    else:
        _show(meeting, waiting)
    log_action(by, "meeting.approved", meeting, {"ids": [c.pk for c in waiting]})
    return len(waiting)


@transaction.atomic
def remove(*, meeting: Meeting, by, contribution_ids: list[int]) -> int:
    meeting = _meeting_for_update(meeting)
    ids = list(
        meeting.contributions.filter(pk__in=_ids(contribution_ids)).values_list("pk", flat=True)
    )
    Contribution.objects.filter(pk__in=ids).update(status=Contribution.Status.REMOVED, theme=None)
    log_action(by, "meeting.contribution.removed", meeting, {"ids": ids})
    for pk in ids:
        _broadcast(meeting.pk, EVERYONE, {"type": "removed", "id": pk})
    return len(ids)


@transaction.atomic
def update_meeting(*, meeting: Meeting, by, **changes) -> Meeting:
    """Change settings: hidden, moderated, locked, naming, dots_per_person, countdown, groups."""
    meeting = _meeting_for_update(meeting)
    allowed = {"hidden", "moderated", "locked", "naming", "dots_per_person", "countdown_seconds"}
    changed = {}
    for name, value in changes.items():
        if name not in allowed:
            raise MeetingError(_("Unknown setting."))
        field = Meeting._meta.get_field(name)
        try:
            value = field.clean(value, meeting)
        except ValidationError as error:
            raise MeetingError(" ".join(error.messages)) from None
        setattr(meeting, name, value)
        changed[name] = value
    meeting.save(update_fields=list(changed) or None)
    log_action(by, "meeting.changed", meeting, {"changes": changed})
    _announce_meeting(meeting)
    return meeting


@transaction.atomic
def set_groups(*, meeting: Meeting, by, groups: int) -> Meeting:
    """Split the room into ``groups`` small groups (0: one room); participants are dealt in turn."""
    meeting = _meeting_for_update(meeting)
    if not isinstance(groups, int) or not 0 <= groups <= 20:
        raise MeetingError(_("Choose between 0 and 20 groups."))
    meeting.groups = groups
    meeting.reporting_group = None
    meeting.save(update_fields=["groups", "reporting_group"])
    participants = list(meeting.participants.order_by("id"))
    for index, participant in enumerate(participants):
        participant.group = index % groups + 1 if groups else None
    Participant.objects.bulk_update(participants, ["group"])
    log_action(by, "meeting.groups", meeting, {"groups": groups})
    _announce_meeting(meeting)
    _broadcast(meeting.pk, EVERYONE, {"type": "groups", **groups_data(meeting)})
    return meeting


@transaction.atomic
def report_back(*, meeting: Meeting, by, group: int | None) -> Meeting:
    """Let one small group report back: the projector shows its board (None: no group)."""
    meeting = _meeting_for_update(meeting)
    if group is not None and (
        isinstance(group, bool) or not isinstance(group, int) or not 1 <= group <= meeting.groups
    ):
        raise MeetingError(_("Unknown group."), "group")
    meeting.reporting_group = group
    meeting.save(update_fields=["reporting_group"])
    log_action(by, "meeting.report_back", meeting, {"group": group})
    _announce_meeting(meeting)
    return meeting


@transaction.atomic
def mark_reported(
    *, meeting_id: int, participant: Participant | None, contribution_id, reported
) -> Contribution:
    """Choose (or un-choose) a contribution as a point its group reports back to the room.

    A participant may choose only from its own group's board; the facilitator (no participant)
    from any group's.
    """
    if not isinstance(reported, bool):
        raise MeetingError(_("Say true or false for reported."))
    if isinstance(contribution_id, bool) or not isinstance(contribution_id, int):
        raise MeetingError(_("Unknown contribution."))
    meeting = Meeting.objects.get(pk=meeting_id)
    contribution = (
        meeting.contributions.exclude(status=Contribution.Status.REMOVED)
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None or contribution.group is None:
        raise MeetingError(_("Unknown contribution."))
    if participant is not None:
        participant.refresh_from_db(fields=["group"])
        if participant.group != contribution.group:
            raise MeetingError(_("Only the group's own points can be chosen."), "group")
        if contribution.status != Contribution.Status.VISIBLE:
            raise MeetingError(_("Unknown contribution."))
    contribution.reported = reported
    contribution.save(update_fields=["reported"])
    audiences = EVERYONE if contribution.status == Contribution.Status.VISIBLE else FACILITATORS
    _broadcast(
        meeting.pk,
        audiences,
        {
            "type": "reported",
            "id": contribution.pk,
            "group": contribution.group,
            "reported": reported,
        },
    )
    return contribution


@transaction.atomic
def set_timer(*, meeting: Meeting, by, seconds: int) -> Meeting:
    """Start a countdown (0 stops it)."""
    meeting = _meeting_for_update(meeting)
    if isinstance(seconds, bool) or not isinstance(seconds, int) or not 0 <= seconds <= 3600:
        raise MeetingError(_("Choose between 0 and 3,600 seconds."))
    meeting.timer_ends = timezone.now() + timedelta(seconds=seconds) if seconds else None
    meeting.save(update_fields=["timer_ends"])
    _announce_meeting(meeting)
    return meeting


@transaction.atomic
def move_question(*, meeting: Meeting, by, step: int = 0, question: int | None = None) -> Meeting:
    """Go to the next (+1) or previous (-1) question, or to a given one."""
    meeting = _meeting_for_update(meeting)
    questions = [q.pk for q in meeting_questions(meeting)]
    if not questions:
        raise MeetingError(_("This meeting has no questions."))
    if question is not None:
        if question not in questions:
            raise MeetingError(_("Unknown question."), "question")
        target = question
    else:
        index = (
            questions.index(meeting.current_question_id)
            if meeting.current_question_id in questions
            else 0
        )
        target = questions[max(0, min(len(questions) - 1, index + step))]
    meeting.current_question_id = target
    meeting.timer_ends = (
        timezone.now() + timedelta(seconds=meeting.countdown_seconds)
        if meeting.countdown_seconds
        else None
    )
    meeting.save(update_fields=["current_question", "timer_ends"])
    log_action(by, "meeting.question", meeting, {"question": target})
    _announce_meeting(meeting)
    return meeting


def _ids(values) -> list[int]:
    if not isinstance(values, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in values
    ):
        raise MeetingError(_("Expected a list of contribution ids."))
    return values


def _broadcast_board(meeting: Meeting) -> None:
    """Themes and where each contribution sits, to everyone (participants see visible ones)."""
    rows = list(
        meeting.contributions.exclude(status=Contribution.Status.REMOVED).values(
            "id", "theme_id", "merged_into_id", "status"
        )
    )
    themes = _themes(meeting)

    def board(visible_only: bool) -> dict:
        return {
            "type": "board",
            "themes": themes,
            "contributions": [
                {"id": r["id"], "theme": r["theme_id"], "merged_into": r["merged_into_id"]}
                for r in rows
                if not visible_only or r["status"] == Contribution.Status.VISIBLE
            ],
        }

    _broadcast(meeting.pk, ("participants",), board(True))
    _broadcast(meeting.pk, FACILITATORS, board(False))


def _theme(meeting: Meeting, theme_id) -> Theme:
    if isinstance(theme_id, bool) or not isinstance(theme_id, int):
        raise MeetingError(_("Unknown theme."))
    try:
        return meeting.themes.get(pk=theme_id)
    except Theme.DoesNotExist:
        raise MeetingError(_("Unknown theme.")) from None


@transaction.atomic
def create_theme(*, meeting: Meeting, by, title: str, contribution_ids: list[int] = ()) -> Theme:
    """A new theme ("Saml i tema"), optionally holding the selected contributions at once."""
    meeting = _meeting_for_update(meeting)
    title = (title or "").strip() if isinstance(title, str) else ""
    if not 1 <= len(title) <= 200:
        raise MeetingError(_("Give the theme a title of 1 to 200 characters."))
    ids = _ids(list(contribution_ids))
    theme = Theme.objects.create(meeting=meeting, title=title, position=meeting.themes.count())
    meeting.contributions.filter(pk__in=ids).update(theme=theme)
    log_action(by, "meeting.theme.created", meeting, {"title": title, "ids": ids})
    _broadcast_board(meeting)
    return theme


@transaction.atomic
def assign_theme(*, meeting: Meeting, by, theme_id, contribution_ids: list[int]) -> None:
    """Put contributions into a theme (``theme_id`` None takes them out)."""
    meeting = _meeting_for_update(meeting)
    theme = None if theme_id is None else _theme(meeting, theme_id)
    ids = _ids(contribution_ids)
    meeting.contributions.filter(pk__in=ids).update(theme=theme)
    log_action(by, "meeting.theme.assigned", meeting, {"theme": theme_id, "ids": ids})
    _broadcast_board(meeting)


@transaction.atomic
def rename_theme(*, meeting: Meeting, by, theme_id, title: str) -> None:
    meeting = _meeting_for_update(meeting)
    theme = _theme(meeting, theme_id)
    title = (title or "").strip() if isinstance(title, str) else ""
    if not 1 <= len(title) <= 200:
        raise MeetingError(_("Give the theme a title of 1 to 200 characters."))
    theme.title = title
    theme.save(update_fields=["title"])
    log_action(by, "meeting.theme.renamed", meeting, {"theme": theme.pk, "title": title})
    _broadcast_board(meeting)


@transaction.atomic
def delete_theme(*, meeting: Meeting, by, theme_id) -> None:
    meeting = _meeting_for_update(meeting)
    theme = _theme(meeting, theme_id)
    log_action(by, "meeting.theme.deleted", meeting, {"title": theme.title})
    theme.delete()
    _broadcast_board(meeting)


@transaction.atomic
def merge(*, meeting: Meeting, by, into: int, contribution_ids: list[int]) -> None:
    """Mark duplicates: they stay stored, but count and show as the one they were merged into."""
    meeting = _meeting_for_update(meeting)
    ids = [pk for pk in _ids(contribution_ids) if pk != into]
    target = meeting.contributions.filter(pk=into).first() if isinstance(into, int) else None
    if target is None:
        raise MeetingError(_("Unknown contribution."))
    meeting.contributions.filter(pk__in=ids).update(merged_into=target, theme=target.theme_id)
    log_action(by, "meeting.merged", meeting, {"into": into, "ids": ids})
    _broadcast_board(meeting)


# --- dot voting -----------------------------------------------------------------------------


@transaction.atomic
def set_voting(*, meeting: Meeting, by, voting: str, dots: int | None = None) -> Meeting:
    """Open, stop or reveal the vote. Results go to everyone together when revealed."""
    meeting = _meeting_for_update(meeting)
    if voting not in Meeting.Voting.values:
        raise MeetingError(_("Unknown voting state."))
    if dots is not None:
        if isinstance(dots, bool) or not isinstance(dots, int) or not 1 <= dots <= 20:
            raise MeetingError(_("Give each person 1 to 20 dots."))
        meeting.dots_per_person = dots
    meeting.voting = voting
    meeting.save(update_fields=["voting", "dots_per_person"])
    log_action(by, f"meeting.voting.{voting}", meeting, {"dots": meeting.dots_per_person})
    _announce_meeting(meeting)
    if voting == Meeting.Voting.REVEALED:
        _broadcast(meeting.pk, EVERYONE, {"type": "results", "results": vote_results(meeting)})
    return meeting


def vote_results(meeting: Meeting) -> list[dict]:
    """Dots per contribution and theme, most first."""
    rows = (
        Vote.objects.filter(participant__meeting=meeting)
        .values("contribution_id", "theme_id")
        .annotate(dots=Sum("dots"), voters=Count("participant", distinct=True))
        .order_by()
    )
    results = [
        {
            "kind": "theme" if row["theme_id"] else "contribution",
            "id": row["theme_id"] or row["contribution_id"],
            "dots": row["dots"],
            "voters": row["voters"],
        }
        for row in rows
        if row["dots"]
    ]
    results.sort(key=lambda r: (-r["dots"], r["kind"], r["id"]))
    return results


def my_votes(participant: Participant) -> dict:
    votes = {"contribution": {}, "theme": {}}
    for vote in participant.votes.all():
        if vote.theme_id:
            votes["theme"][str(vote.theme_id)] = vote.dots
        else:
            votes["contribution"][str(vote.contribution_id)] = vote.dots
    return votes


@transaction.atomic
def cast_vote(*, meeting_id: int, participant: Participant, target: str, target_id, dots) -> dict:
    """Put ``dots`` of the participant's dots on a contribution or theme (0 takes them back)."""
    meeting = Meeting.objects.get(pk=meeting_id)
    if meeting.voting != Meeting.Voting.OPEN:
        raise MeetingError(_("Voting is not open."), "voting_closed")
    if isinstance(dots, bool) or not isinstance(dots, int) or dots < 0:
        raise MeetingError(_("Dots must be a whole number."))
    if isinstance(target_id, bool) or not isinstance(target_id, int):
        raise MeetingError(_("Unknown contribution or theme."))
    if target == "theme":
        exists = meeting.themes.filter(pk=target_id).exists()
        lookup = {"theme_id": target_id}
    elif target == "contribution":
        exists = meeting.contributions.filter(
            pk=target_id, status=Contribution.Status.VISIBLE
        ).exists()
        lookup = {"contribution_id": target_id}
    else:
        exists = False
    if not exists:
        raise MeetingError(_("Unknown contribution or theme."))
    others = participant.votes.exclude(**lookup).aggregate(total=Sum("dots"))["total"] or 0
    if others + dots > meeting.dots_per_person:
        raise MeetingError(_("You have no dots left."), "no_dots")
    if dots:
        Vote.objects.update_or_create(participant=participant, **lookup, defaults={"dots": dots})
    else:
        participant.votes.filter(**lookup).delete()
    voters = Vote.objects.filter(participant__meeting=meeting).values("participant").distinct()
    _broadcast(meeting.pk, FACILITATORS, {"type": "vote_progress", "voters": voters.count()})
    return my_votes(participant)


# --- turning the room's words into outcomes -------------------------------------------------


@transaction.atomic
def promote(
    *,
    meeting: Meeting,
    by,
    kind: str,
    contribution_ids: list[int] = (),
    theme_id=None,
    text: str | None = None,
    **fields,
) -> Outcome:
    """ "Gør til resultat": a contribution or theme becomes an outcome of the process.

    The outcome keeps a link back to the contributions (and theme) it came from.
    """
    meeting = _meeting_for_update(meeting)
    if kind not in PROMOTE_KINDS:
        raise MeetingError(_("Unknown kind of outcome."))
    theme = None if theme_id is None else _theme(meeting, theme_id)
    ids = _ids(list(contribution_ids))
    contributions = list(meeting.contributions.filter(pk__in=ids))
    if theme is not None:
        contributions += list(theme.contributions.exclude(pk__in=ids))
    if text is None:
        text = (
            theme.title if theme is not None else (contributions[0].text if contributions else "")
        )
    if kind == "competence":
        fields.setdefault("competence_status", "needed")
    question_card = None
    if contributions:
        question_card = (
            Question.objects.filter(pk=contributions[0].question_id)
            .values_list("card_id", flat=True)
            .first()
        )
    try:
        outcome = add_outcome(
            process=meeting.process,
            by=by,
            kind=kind,
            text=text,
            card=meeting.card,
            **fields,
        )
    except ValidationError as error:
        raise MeetingError(" ".join(error.messages)) from None
    if outcome.card_id is None and question_card:
        outcome.card_id = question_card
        outcome.save(update_fields=["card"])
    link = PromotedOutcome.objects.create(outcome=outcome, meeting=meeting, theme=theme)
    link.contributions.set(contributions)
    log_action(by, "meeting.promoted", meeting, {"outcome": outcome.pk, "kind": kind})
    _broadcast(
        meeting.pk,
        FACILITATORS,
        {
            "type": "promoted",
            "outcome": {"id": outcome.pk, "kind": kind, "text": outcome.text},
            "contributions": [c.pk for c in contributions],
            "theme": theme.pk if theme else None,
        },
    )
    return outcome
