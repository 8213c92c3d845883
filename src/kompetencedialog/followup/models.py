"""Follow-up over time: check-ins on markers, course changes, follow-up meetings, reminders,
appraisal-interview (MUS) development points and process templates."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompetencedialog.processes.models import Outcome, Process

#: The largest evidence file we keep.
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


def evidence_path(instance: "CheckIn", filename: str) -> str:
    # A random name: the stored file must never be reachable by guessing.
    return f"evidence/{instance.marker.process_id}/{secrets.token_hex(16)}"


class CheckIn(models.Model):
    """A dated look at a marker (tegn på udvikling): how it stands, and what shows it."""

    class MarkerStatus(models.TextChoices):
        NOT_STARTED = "not_started", pgettext_lazy("follow-up status", "Not started")
        ON_TRACK = "on_track", pgettext_lazy("follow-up status", "On track")
        LATE = "late", pgettext_lazy("follow-up status", "Late")
        REACHED = "reached", pgettext_lazy("follow-up status", "Reached")

    marker = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=20, choices=MarkerStatus.choices)
    note = models.TextField(_("note"), blank=True, max_length=5000)
    evidence = models.TextField(_("evidence"), blank=True, max_length=5000)
    evidence_file = models.FileField(_("attached file"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_kind = models.CharField(max_length=10, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.marker} {self.date}"

    @property
    def audit_path(self) -> str:
        return self.marker.process.organisation.path


class CourseChange(models.Model):
    """An entry in "Hvad gør vi, hvis kursen må ændres?": what changed, why, and who decided."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="course_changes")
    date = models.DateField(_("date"), default=timezone.localdate)
    what = models.TextField(_("what changed"), max_length=3000)
    why = models.TextField(_("why"), max_length=3000)
    decided_by = models.CharField(_("decided by"), max_length=300)
    outcomes = models.ManyToManyField(
        Outcome, verbose_name=_("concerns"), blank=True, related_name="course_changes"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course change")
        verbose_name_plural = _("course changes")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.what[:80]

    @property
    def audit_path(self) -> str:
        return self.process.organisation.path


class FollowUpMeeting(models.Model):
    """A scheduled follow-up meeting of a process (from the follow-up organisation of phase 3)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="followup_meetings")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    duration = models.DurationField(_("duration"), default=timedelta(hours=1))
    place = models.CharField(_("place"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=3000)
    uid = models.CharField(max_length=64, unique=True, default=secrets.token_hex, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up meeting")
        verbose_name_plural = _("follow-up meetings")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + self.duration

    @property
    def audit_path(self) -> str:
        return self.process.organisation.path


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A process's calendar that calendar programs can subscribe to, behind a secret token."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="calendar_feeds")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.process} feed"

    @property
    def audit_path(self) -> str:
        return self.process.organisation.path


class NotificationKind(models.TextChoices):
    DUE = "due", _("Reminders before due dates")
    MEETING = "meeting", _("Reminders before follow-up meetings")
    DIGEST = "digest", _("Weekly digest for leaders")


class NotificationSent(models.Model):
    """One e-mail about one event to one person. The unique key keeps it from going out twice."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    queued = models.DateTimeField(default=timezone.now)
    sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.key


class Unsubscribe(models.Model):
    """A person does not want e-mails of this kind."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="unique_unsubscribe")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}"


class DevelopmentPoint(models.Model):
    """An appraisal-interview (MUS) development point: seen by leaders and the person only."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("follow-up status", "Open")
        IN_PROGRESS = "in_progress", pgettext_lazy("follow-up status", "In progress")
        DONE = "done", pgettext_lazy("follow-up status", "Done")

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="development_points"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="development_points",
    )
    competence = models.ForeignKey(
        Outcome,
        verbose_name=_("needed competence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="development_points",
    )
    text = models.TextField(_("development point"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("development point")
        verbose_name_plural = _("development points")
        ordering = ["person__name", "id"]

    def __str__(self) -> str:
        # Not the text: the point is personal, and str() ends up in the audit trail.
        return f"MUS #{self.pk}"

    @property
    def audit_path(self) -> str:
        return self.process.organisation.path


class ProcessTemplate(models.Model):
    """The structure of a process, without people's words, to start new processes from.

    ``structure`` holds the toolkit, the chosen cards and outcome skeletons (kind, card and the
    typed fields such as competence area or format), never texts, names or dates.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="process_templates"
    )
    title = models.CharField(_("title"), max_length=200)
    challenge = models.CharField(_("the challenge's headline"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    toolkit = models.ForeignKey("toolkit.Toolkit", on_delete=models.PROTECT, related_name="+")
    structure = models.JSONField(default=dict, blank=True)
    published = models.BooleanField(_("published to the institutions below"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("process template")
        verbose_name_plural = _("process templates")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_path(self) -> str:
        return self.organisation.path
