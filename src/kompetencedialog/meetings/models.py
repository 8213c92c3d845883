"""Live dialogue meetings: everyone contributes from their phone, the facilitator groups, votes
and turns what the room decides into outcomes of the process."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetencedialog.toolkit.models import Phase, Question

#: Letters and digits nobody confuses on a projector: no 0/O, 1/I/L, 2/Z, 5/S, 8/B, G/6.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
CODE_LENGTH = 6


def make_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Meeting(models.Model):
    """One live meeting about a phase (or a single card) of a process."""

    class Naming(models.TextChoices):
        OPTIONAL = "optional", _("Names are optional")
        ANONYMOUS = "anonymous", _("Anonymous")
        NAMED = "named", _("Named")

    class Voting(models.TextChoices):
        CLOSED = "closed", _("No voting")
        OPEN = "open", _("Voting is open")
        STOPPED = "stopped", _("Voting has stopped")
        REVEALED = "revealed", _("Results shown")

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="meetings"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.Key.choices)
    card = models.ForeignKey(
        "toolkit.Card", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    code = models.CharField(max_length=CODE_LENGTH)
    naming = models.CharField(max_length=10, choices=Naming.choices, default=Naming.OPTIONAL)
    hidden = models.BooleanField(_("hide contributions until revealed"), default=False)
    moderated = models.BooleanField(_("approve contributions before they are shown"), default=False)
    locked = models.BooleanField(_("input locked"), default=False)
    countdown_seconds = models.PositiveIntegerField(_("countdown per question"), default=0)
    timer_ends = models.DateTimeField(null=True, blank=True)
    current_question = models.ForeignKey(
        Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dots_per_person = models.PositiveSmallIntegerField(_("dots per person"), default=3)
    voting = models.CharField(max_length=10, choices=Voting.choices, default=Voting.CLOSED)
    groups = models.PositiveSmallIntegerField(_("small groups"), default=0)
    #: The small group whose board the projector shows while it reports back to the room.
    reporting_group = models.PositiveSmallIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    #: When someone last joined, connected or sent anything (kept to within a few minutes).
    last_activity = models.DateTimeField(default=timezone.now)
    ended = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-created"]
        constraints = [
            # A code is never given out twice: an old link must never lead into a new room.
            models.UniqueConstraint(fields=["code"], name="unique_meeting_code")
        ]

    def __str__(self) -> str:
        return f"{self.process} · {self.code}"

    @property
    def audit_path(self) -> str:
        return self.process.organisation.path

    @property
    def is_open(self) -> bool:
        return self.ended is None


class Facilitator(models.Model):
    """Someone the process's leaders appoint to run its meetings, without other rights on it."""

    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="facilitators"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="facilitating",
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        constraints = [
            models.UniqueConstraint(fields=["process", "user"], name="unique_facilitator")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.process}"

    @property
    def audit_path(self) -> str:
        return self.process.organisation.path


class Participant(models.Model):
    """Someone in the room: a phone, with or without an account and a name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    display_name = models.CharField(_("name"), max_length=80, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    #: Set when the owner of ``email`` followed the link sent to it; only then is it used.
    email_confirmed = models.BooleanField(default=False)
    group = models.PositiveSmallIntegerField(null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"


class Theme(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Contribution(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden until revealed")
        PENDING = "pending", _("Awaiting approval")
        REMOVED = "removed", _("Removed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="contributions")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    text = models.CharField(_("text"), max_length=1000)
    #: The small group its author was in when it was sent: the board it belongs to.
    group = models.PositiveSmallIntegerField(null=True, blank=True)
    #: Chosen by its group as one of the points it reports back to the room.
    reported = models.BooleanField(default=False)
    #: Made by the sending client; a retried send with the same id stores nothing new.
    client_id = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "client_id"], name="unique_contribution_client_id"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Vote(models.Model):
    """A participant's dots on one contribution or one theme."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="votes"
    )
    dots = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(contribution__isnull=False, theme__isnull=True)
                | Q(contribution__isnull=True, theme__isnull=False),
                name="vote_has_one_target",
            ),
            models.UniqueConstraint(
                fields=["participant", "contribution"], name="unique_vote_contribution"
            ),
            models.UniqueConstraint(fields=["participant", "theme"], name="unique_vote_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.dots} · {self.theme_id or self.contribution_id}"


class PromotedOutcome(models.Model):
    """The link from an outcome of the process back to the contributions it came from."""

    outcome = models.OneToOneField(
        "processes.Outcome", on_delete=models.CASCADE, related_name="meeting_source"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="promotions")
    contributions = models.ManyToManyField(Contribution, related_name="promotions")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="promotions"
    )
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.meeting_id} → {self.outcome_id}"


class MeetingSummary(models.Model):
    """What was said, grouped, voted and decided, saved with the process when the meeting ends."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="summary")
    process = models.ForeignKey(
        "processes.Process", on_delete=models.CASCADE, related_name="meeting_summaries"
    )
    content = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting summary")
        verbose_name_plural = _("meeting summaries")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.meeting}"
