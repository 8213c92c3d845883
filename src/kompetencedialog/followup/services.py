"""Changes to the follow-up of a process. Views, the API and the meeting screens call these."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.followup.models import (
    MAX_EVIDENCE_BYTES,
    CalendarFeed,
    CheckIn,
    CourseChange,
    DevelopmentPoint,
    FollowUpMeeting,
    ProcessTemplate,
    Unsubscribe,
)
from kompetencedialog.followup.selectors import STATUSES_BY_KIND
from kompetencedialog.lib import filetypes
from kompetencedialog.processes.models import Outcome, Process


def check_evidence_file(upload) -> tuple[bytes, str]:
    """The file's bytes and kind; ``ValidationError`` if it is too large or of a kind we refuse."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            {"evidence_file": _("The file is too large. It may be at most 10 MB.")}
        )
    data = upload.read()
    kind = filetypes.sniff(data)
    if kind is None:
        raise ValidationError(
            {"evidence_file": _("Attach a PDF, PNG, JPEG, Word (DOCX) or Excel (XLSX) file.")}
        )
    return data, kind


@transaction.atomic
def set_outcome_status(*, outcome: Outcome, by, status: str) -> Outcome:
    """Move an action, decision or marker to a new status."""
    if status not in STATUSES_BY_KIND.get(outcome.kind, ()):
        raise ValidationError({"status": _("Choose one of the statuses shown.")})
    before = outcome.status
    if before != status:
        outcome.status = status
        outcome.save(update_fields=["status", "updated"])
        log_action(by, "followup.status.changed", outcome, {"before": before, "after": status})
    return outcome


@transaction.atomic
def add_checkin(
    *,
    marker: Outcome,
    by,
    status: str,
    on: date | None = None,
    note: str = "",
    evidence: str = "",
    upload=None,
) -> CheckIn:
    """Record how a marker stands today; the marker takes the check-in's status."""
    if marker.kind != Outcome.Kind.MARKER:
        raise ValidationError(_("Only markers are checked in on."))
    if status not in STATUSES_BY_KIND["marker"]:
        raise ValidationError({"status": _("Choose one of the statuses shown.")})
    checkin = CheckIn(
        marker=marker,
        by=by,
        status=status,
        date=on or timezone.localdate(),
        note=note.strip(),
        evidence=evidence.strip(),
    )
    if upload is not None:
        data, kind = check_evidence_file(upload)
        checkin.evidence_kind = kind
        checkin.evidence_name = (upload.name or "bilag")[-255:]
        checkin.evidence_file.save("evidence", ContentFile(data), save=False)
    checkin.full_clean(exclude=["marker", "by", "evidence_file"])
    checkin.save()
    log_action(
        by,
        "followup.checkin.added",
        checkin,
        {"marker": marker.pk, "status": status, "file": checkin.evidence_kind},
    )
    set_outcome_status(outcome=marker, by=by, status=status)
    return checkin


@transaction.atomic
def add_course_change(
    *,
    process: Process,
    by,
    what: str,
    why: str,
    decided_by: str,
    on: date | None = None,
    outcomes=(),
) -> CourseChange:
    change = CourseChange(
        process=process,
        by=by,
        what=what.strip(),
        why=why.strip(),
        decided_by=decided_by.strip(),
        date=on or timezone.localdate(),
    )
    change.full_clean(exclude=["process", "by"])
    change.save()
    outcomes = [o for o in outcomes if o.process_id == process.pk]
    change.outcomes.set(outcomes)
    log_action(
        by,
        "followup.course_change.added",
        change,
        {"what": change.what, "outcomes": [o.pk for o in outcomes]},
    )
    return change


@transaction.atomic
def schedule_meeting(
    *,
    process: Process,
    by,
    title: str,
    starts_at: datetime,
    duration: timedelta = timedelta(hours=1),
    place: str = "",
    note: str = "",
) -> FollowUpMeeting:
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": _("Give the time with a time zone.")})
    meeting = FollowUpMeeting(
        process=process,
        created_by=by,
        title=title.strip(),
        starts_at=starts_at,
        duration=duration,
        place=place.strip(),
        note=note.strip(),
    )
    meeting.full_clean(exclude=["process", "created_by"])
    meeting.save()
    log_action(
        by,
        "followup.meeting.scheduled",
        meeting,
        {"starts_at": starts_at.isoformat(), "place": meeting.place},
    )
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: FollowUpMeeting, by) -> None:
    log_action(by, "followup.meeting.cancelled", meeting, {"title": meeting.title})
    meeting.delete()


@transaction.atomic
def create_calendar_feed(*, process: Process, by) -> CalendarFeed:
    """A new subscription address; any earlier one stops working."""
    for old in process.calendar_feeds.filter(revoked__isnull=True):
        revoke_calendar_feed(feed=old, by=by)
    feed = CalendarFeed.objects.create(process=process, created_by=by)
    log_action(by, "followup.feed.created", feed)
    return feed


@transaction.atomic
def revoke_calendar_feed(*, feed: CalendarFeed, by) -> None:
    feed.revoked = timezone.now()
    feed.save(update_fields=["revoked"])
    log_action(by, "followup.feed.revoked", feed)


@transaction.atomic
def add_development_point(
    *, process: Process, by, person, text: str, competence: Outcome | None = None
) -> DevelopmentPoint:
    if competence is not None and (
        competence.process_id != process.pk or competence.kind != Outcome.Kind.COMPETENCE
    ):
        raise ValidationError({"competence": _("Choose one of the process's competences.")})
    point = DevelopmentPoint(
        process=process, created_by=by, person=person, text=text.strip(), competence=competence
    )
    point.full_clean(exclude=["process", "created_by", "person", "competence"])
    point.save()
    # The point's text is personal: the audit trail keeps only that it exists.
    log_action(by, "followup.mus_point.added", point, {"person": person.pk})
    return point


@transaction.atomic
def set_development_point_status(*, point: DevelopmentPoint, by, status: str) -> None:
    if status not in DevelopmentPoint.Status.values:
        raise ValidationError({"status": _("Choose one of the statuses shown.")})
    before = point.status
    point.status = status
    point.save(update_fields=["status"])
    log_action(by, "followup.mus_point.status", point, {"before": before, "after": status})


def process_structure(process: Process) -> dict:
    """The structure of a process without people's words: chosen cards and outcome skeletons."""
    outcomes = process.outcomes.select_related("card").order_by("kind", "position", "id")
    skeletons = [
        {
            "kind": o.kind,
            "card": o.card.slug if o.card_id else "",
            "competence_status": o.competence_status,
            "area": o.area_id,
            "format": o.format,
            "unit": o.unit,
        }
        for o in outcomes
        if o.kind != Outcome.Kind.FOLLOW_UP
    ]
    cards = sorted({s["card"] for s in skeletons if s["card"]})
    return {"cards": cards, "outcomes": skeletons}


@transaction.atomic
def save_as_template(
    *, process: Process, by, organisation, title: str, published: bool = False
) -> ProcessTemplate:
    template = ProcessTemplate(
        organisation=organisation,
        created_by=by,
        title=title.strip(),
        challenge=process.challenge,
        toolkit=process.toolkit,
        structure=process_structure(process),
        published=published,
    )
    template.full_clean(exclude=["organisation", "created_by", "toolkit"])
    template.save()
    log_action(by, "followup.template.created", template, {"from_process": process.pk})
    return template


@transaction.atomic
def publish_template(*, template: ProcessTemplate, by, published: bool) -> None:
    template.published = published
    template.save(update_fields=["published"])
    log_action(by, "followup.template.published", template, {"published": published})


def _start(*, organisation, by, title: str, challenge: str, toolkit, structure: dict) -> Process:
    from kompetencedialog.toolkit.models import Card, Notebook

    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the process a working title.")})
    notebook = Notebook.objects.create(toolkit=toolkit, organisation=organisation, title=title)
    process = Process.objects.create(
        organisation=organisation,
        toolkit=toolkit,
        notebook=notebook,
        title=title,
        challenge=challenge,
        created_by=by,
    )
    cards = {c.slug: c for c in Card.objects.filter(phase__toolkit=toolkit)}
    kinds = dict(Outcome.Kind.choices)
    defaults = {"marker": "not_started", "decision": "pending", "action": "open"}
    Outcome.objects.bulk_create(
        Outcome(
            process=process,
            kind=s["kind"],
            card=cards.get(s.get("card") or ""),
            # A skeleton has no words of its own: the kind's name marks what to fill in.
            text=str(kinds.get(s["kind"], s["kind"])),
            competence_status=s.get("competence_status") or "",
            area_id=s.get("area"),
            format=s.get("format") or "",
            unit=s.get("unit") or "",
            status=defaults.get(s["kind"], ""),
            position=position,
            created_by=by,
        )
        for position, s in enumerate(structure.get("outcomes", []))
        if s.get("kind") in kinds
    )
    return process


@transaction.atomic
def start_from_template(*, template: ProcessTemplate, organisation, by, title: str) -> Process:
    process = _start(
        organisation=organisation,
        by=by,
        title=title,
        challenge=template.challenge,
        toolkit=template.toolkit,
        structure=template.structure,
    )
    log_action(by, "process.created_from_template", process, {"template": template.pk})
    return process


@transaction.atomic
def start_from_process(*, source: Process, organisation, by, title: str) -> Process:
    process = _start(
        organisation=organisation,
        by=by,
        title=title,
        challenge=source.challenge,
        toolkit=source.toolkit,
        structure=process_structure(source),
    )
    log_action(by, "process.created_from_process", process, {"source": source.pk})
    return process


@transaction.atomic
def unsubscribe(*, user, kind: str) -> None:
    _entry, created = Unsubscribe.objects.get_or_create(user=user, kind=kind)
    if created:
        log_action(user, "followup.unsubscribed", user, {"kind": kind})
