"""Practice examples (praksiseksempler): what one municipality learned, told for the others.

The structure and the headings are those of the municipal practice examples that KL publishes
(see shared/seeds/003_…): practice and process, context and purpose, the link to municipal
policy and strategy, experiences, next steps, resources, the most important advice, contact.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetencedialog.organisations.models import Organisation


class PracticeExample(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    #: The sections in reading order, as (field name, heading). The headings are the seed's.
    SECTIONS = (
        ("practice", _("Practice and process")),
        ("context", _("Context and purpose")),
        ("policy", _("Link to municipal policy and strategy")),
        ("experiences", _("Experiences and points of attention")),
        ("next_steps", _("The next steps")),
        ("resources", _("Resources needed")),
        ("advice", _("The most important advice to others")),
    )
    #: What a published example must tell: without these it helps nobody.
    REQUIRED_FOR_PUBLISHING = ("practice", "context", "experiences", "advice", "contact_email")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality or organisation"),
        on_delete=models.PROTECT,
        related_name="practice_examples",
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    practice = models.TextField(_("Practice and process"), blank=True, max_length=10000)
    context = models.TextField(_("Context and purpose"), blank=True, max_length=10000)
    policy = models.TextField(
        _("Link to municipal policy and strategy"), blank=True, max_length=10000
    )
    experiences = models.TextField(
        _("Experiences and points of attention"), blank=True, max_length=10000
    )
    next_steps = models.TextField(_("The next steps"), blank=True, max_length=10000)
    resources = models.TextField(_("Resources needed"), blank=True, max_length=10000)
    advice = models.TextField(_("The most important advice to others"), blank=True, max_length=5000)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("their role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    competence_areas = models.ManyToManyField(
        "processes.CompetenceArea",
        verbose_name=_("competence areas"),
        blank=True,
        related_name="practice_examples",
    )
    institution_type = models.CharField(
        _("type of institution"),
        max_length=20,
        choices=Organisation.InstitutionType.choices,
        blank=True,
    )
    process = models.ForeignKey(
        "processes.Process",
        verbose_name=_("drafted from the process"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_examples",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["status", "-date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_path(self) -> str:
        return self.organisation.path

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def sections(self) -> list[tuple[str, str, str]]:
        """(field name, heading, text) of each section, in the order the seed reads."""
        return [(name, str(heading), getattr(self, name)) for name, heading in self.SECTIONS]

    def missing_for_publishing(self) -> list[str]:
        """The fields that must be filled before the example is published."""
        return [name for name in self.REQUIRED_FOR_PUBLISHING if not getattr(self, name).strip()]
