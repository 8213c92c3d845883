"""Goals, processes (forløb), the structured outcomes of the dialogue, and plan versions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kompetencedialog.lib.i18n import Localised
from kompetencedialog.lib.text import danish_number
from kompetencedialog.toolkit.models import Phase


class CompetenceArea(models.Model):
    """The maintained taxonomy that needed and existing competences are tagged with."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    group = models.CharField(_("group"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    #: Set for an organisation's own area (under a shared one); null for the shared taxonomy.
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(default=0)

    name_i18n = Localised("name")

    class Meta:
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name_i18n


class Goal(models.Model):
    """A strategic goal (vision or goal) of an organisation, usually the municipality."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="goals"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("to"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["organisation__path", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_path(self) -> str:
        return self.organisation.path


class Process(models.Model):
    """One strategic competence-development process about one challenge."""

    PhaseKey = Phase.Key

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        PAUSED = "paused", _("Paused")

    class PlanVisibility(models.TextChoices):
        FULL = "full", _("The administration reads the plan in full once we send it")
        NUMBERS = "numbers", _("The administration sees only the figures, never our texts")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="processes",
    )
    title = models.CharField(_("working title"), max_length=200)
    challenge = models.CharField(_("the challenge's headline"), max_length=300, blank=True)
    toolkit = models.ForeignKey(
        "toolkit.Toolkit", on_delete=models.PROTECT, related_name="processes"
    )
    notebook = models.OneToOneField(
        "toolkit.Notebook", null=True, blank=True, on_delete=models.SET_NULL
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.Key.choices, default=Phase.Key.INVESTIGATE
    )
    phase_started = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("goals"), blank=True, related_name="processes"
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="processes"
    )
    plan_visibility = models.CharField(
        _("what the administration sees"),
        max_length=20,
        choices=PlanVisibility.choices,
        default=PlanVisibility.FULL,
    )
    #: When the leader last changed ``plan_visibility``: the overview shows it as a change.
    plan_visibility_changed = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["-updated"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_path(self) -> str:
        return self.organisation.path

    @property
    def neutral_label(self) -> str:
        """What those who may not read the process's texts call it: "Forløb 12", not its title."""
        return _("Process %(number)d") % {"number": self.pk}


class Outcome(models.Model):
    """One structured result of the dialogue, kept on the card it came from.

    One table for every kind keeps a process's outcomes, and the overview's sums across
    thousands of processes, a single query each. The columns below ``text`` belong to some
    kinds only; ``details`` holds a kind's short free-text answers (see ``DETAIL_FIELDS``).
    """

    class Kind(models.TextChoices):
        CHALLENGE = "challenge", _("Challenge")
        DESIRED_PRACTICE = "desired_practice", _("Desired future practice")
        COMPETENCE = "competence", _("Competence")
        INTERVENTION = "intervention", _("Competence intervention")
        ENGAGEMENT_ACTION = "engagement_action", _("Engagement and visibility")
        ANCHORING_ACTION = "anchoring_action", _("Anchoring in practice")
        MARKER = "marker", _("Marker of progress")
        FOLLOW_UP = "follow_up", _("Follow-up organisation")
        RESOURCE = "resource", _("Resource")
        DECISION = "decision", _("Decision")
        # "Action" alone is the admin's "Funktion" in Danish; the context keeps ours apart.
        ACTION = "action", pgettext_lazy("outcome kind", "Action")

    class CompetenceStatus(models.TextChoices):
        EXISTING = "existing", _("We have it")
        NEEDED = "needed", _("We need to develop it")

    class Format(models.TextChoices):
        PEER_SPARRING = "peer_sparring", _("Peer sparring")
        PROFESSIONAL_LEADERSHIP = "professional_leadership", _("Professional leadership")
        SUPERVISION = "supervision", _("Sparring and supervision")
        LOCAL_EVENT = "local_event", _("Professional events locally")
        COURSE = "course", _("Courses and development programmes")
        EDUCATION = "education", _("Education programmes")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        # actions
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")
        # decisions
        PENDING = "pending", _("To be decided")
        DECIDED = "decided", _("Decided")
        # markers
        NOT_STARTED = "not_started", _("Not started")
        ON_TRACK = "on_track", _("On track")
        LATE = "late", _("Late")
        REACHED = "reached", _("Reached")

    class Unit(models.TextChoices):
        DKK = "DKK", _("DKK")
        HOURS = "hours", _("Hours")
        SUBSTITUTES = "substitutes", _("Substitute days")
        OTHER = "other", _("Other")

    #: The short free-text answers each kind asks for, kept in ``details``.
    DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
        "challenge": ("who_experiences", "when_worse", "when_better", "influence"),
        "desired_practice": ("for_us", "for_children", "parents_view"),
        "competence": ("held_by",),
        "intervention": ("participants", "why", "external_partners", "worked", "did_not_work"),
        "engagement_action": (),
        "anchoring_action": ("replaces",),
        "marker": ("how_we_see_it",),
        "follow_up": ("who_meets", "how_often", "roles"),
        "resource": (),
        "decision": (),
        "action": (),
    }
    #: The kinds that have an owner, a date and a status to follow up on.
    FOLLOW_UP_KINDS = ("marker", "action", "decision")

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    card = models.ForeignKey(
        "toolkit.Card", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.CharField(_("text"), max_length=1000)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    details = models.JSONField(default=dict, blank=True)
    position = models.PositiveIntegerField(_("priority"), default=0)

    competence_status = models.CharField(
        _("competence"), max_length=10, choices=CompetenceStatus.choices, blank=True
    )
    area = models.ForeignKey(
        CompetenceArea,
        verbose_name=_("competence area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
    )
    format = models.CharField(_("format"), max_length=30, choices=Format.choices, blank=True)
    addresses = models.ManyToManyField(
        "self",
        verbose_name=_("needed competences it addresses"),
        symmetrical=False,
        blank=True,
        related_name="addressed_by",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_outcomes",
    )
    owner_name = models.CharField(_("owner (name)"), max_length=200, blank=True)
    due = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["kind", "position", "id"]
        indexes = [
            models.Index(fields=["process", "kind"]),
            models.Index(fields=["kind", "competence_status", "area"]),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def audit_path(self) -> str:
        return self.process.organisation.path

    @property
    def owner_label(self) -> str:
        return str(self.owner) if self.owner_id else self.owner_name

    @property
    def amount_label(self) -> str:
        """``12.500 kr.``, ``20 timer``: the amount the Danish way with its unit."""
        if self.amount is None:
            return ""
        number = danish_number(self.amount)
        if self.unit == self.Unit.DKK:
            return f"{number} kr."
        labels = {"hours": _("hours"), "substitutes": _("substitute days")}
        return f"{number} {labels.get(self.unit, '')}".strip()


class PlanVersion(models.Model):
    """The plan as it stood when it was sent to the administration; numbered from 1."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(help_text="The plan as sent: a snapshot of process and outcomes.")
    changes = models.JSONField(default=list, blank=True, help_text="What changed since the last.")
    message = models.TextField(_("message to the administration"), blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["process", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["process", "number"], name="unique_plan_version")
        ]

    def __str__(self) -> str:
        return f"{self.process} v{self.number}"

    @property
    def change_lines(self) -> list[tuple[str, str]]:
        """Per section that changed since the previous version: its title and, in words,
        what was added, removed and changed in it."""
        kinds = (("added", _("added")), ("removed", _("removed")), ("changed", _("changed")))
        return [
            (
                change["section"],
                "; ".join(
                    f"{label} " + ", ".join(f"«{text}»" for text in change[key])
                    for key, label in kinds
                    if change.get(key)
                ),
            )
            for change in self.changes
        ]

    @property
    def change_summary(self) -> str:
        """What changed, as one line of plain text (for the overview and its exports)."""
        if self.number == 1:
            return str(_("The first version."))
        lines = [f"{section}: {what}." for section, what in self.change_lines]
        return " ".join(lines) or str(_("No changes since the previous version."))
