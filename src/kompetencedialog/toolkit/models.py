"""The dialogue tool as versioned data: toolkit → phases → cards → questions.

The Danish text is the seed's wording; ``*_en`` fields hold the English translation. An
organisation may add its own cards and questions (``organisation`` set) without touching the
original, which stays shared by everyone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompetencedialog.lib.i18n import Localised


class Toolkit(models.Model):
    class Variant(models.TextChoices):
        DAGTILBUD = "dagtilbud", _("Daycare")
        SKOLE = "skole", _("School")

    slug = models.SlugField(unique=True)
    variant = models.CharField(max_length=20, choices=Variant.choices)
    version = models.CharField(max_length=20)
    language = models.CharField(max_length=10, default="da")
    title = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    #: The centre of the poster: its heading and the text under it.
    poster_title = models.CharField(max_length=200, blank=True)
    poster_title_en = models.CharField(max_length=200, blank=True)
    poster_text = models.TextField(blank=True)
    poster_text_en = models.TextField(blank=True)
    intro_heading = models.CharField(max_length=200, blank=True)
    intro_heading_en = models.CharField(max_length=200, blank=True)
    intro = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    #: Further introduction sections: [{"heading": …, "text": …}, …]
    sections = models.JSONField(default=list, blank=True)
    sections_en = models.JSONField(default=list, blank=True)
    is_current = models.BooleanField(
        default=True, help_text="The version new processes of this variant start on."
    )
    created = models.DateTimeField(auto_now_add=True)

    title_i18n = Localised("title")
    poster_title_i18n = Localised("poster_title")
    poster_text_i18n = Localised("poster_text")
    intro_heading_i18n = Localised("intro_heading")
    intro_i18n = Localised("intro")
    sections_i18n = Localised("sections")

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")
        ordering = ["variant", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["variant", "version"], name="unique_toolkit_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.variant} {self.version})"


class Phase(models.Model):
    class Key(models.TextChoices):
        INVESTIGATE = "investigate", _("Investigation")
        INTERVENE = "intervene", _("Competence intervention")
        PLAN = "plan", _("Planning")

    class Colour(models.TextChoices):
        BLUE = "blue", _("Blue")
        ORANGE = "orange", _("Orange")
        GREEN = "green", _("Green")

    toolkit = models.ForeignKey(Toolkit, on_delete=models.CASCADE, related_name="phases")
    key = models.CharField(max_length=20, choices=Key.choices)
    position = models.PositiveSmallIntegerField()
    number = models.PositiveSmallIntegerField(help_text="1, 2 or 3: 'Fase 1'.")
    title = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    question = models.CharField(max_length=300)
    question_en = models.CharField(max_length=300, blank=True)
    colour = models.CharField(max_length=10, choices=Colour.choices)
    intro = models.TextField(blank=True)
    intro_en = models.TextField(blank=True)
    #: [{"heading": "At undersøge", "text": …}, …]
    sections = models.JSONField(default=list, blank=True)
    sections_en = models.JSONField(default=list, blank=True)
    central_questions = models.JSONField(default=list, blank=True)
    central_questions_en = models.JSONField(default=list, blank=True)
    #: The central questions as the poster words them (one differs from the phase page's).
    poster_questions = models.JSONField(default=list, blank=True)
    poster_questions_en = models.JSONField(default=list, blank=True)

    title_i18n = Localised("title")
    question_i18n = Localised("question")
    intro_i18n = Localised("intro")
    sections_i18n = Localised("sections")
    central_questions_i18n = Localised("central_questions")
    poster_questions_i18n = Localised("poster_questions")

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["toolkit", "position"]
        constraints = [models.UniqueConstraint(fields=["toolkit", "key"], name="unique_phase_key")]

    def __str__(self) -> str:
        return f"{self.title}: {self.question}"


class Card(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="cards")
    slug = models.SlugField(max_length=80)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    examples = models.JSONField(default=list, blank=True)
    examples_en = models.JSONField(default=list, blank=True)
    #: Set for an organisation's own card; null for the published original.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_cards",
    )

    title_i18n = Localised("title")
    examples_i18n = Localised("examples")

    class Meta:
        verbose_name = _("dialogue card")
        verbose_name_plural = _("dialogue cards")
        ordering = ["phase__position", "position"]
        constraints = [models.UniqueConstraint(fields=["phase", "slug"], name="unique_card_slug")]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    text_en = models.TextField(blank=True)
    #: Set for an organisation's own question on a shared card; null for the original.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_questions",
    )

    text_i18n = Localised("text")

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["card", "position"]

    def __str__(self) -> str:
        return self.text


class Notebook(models.Model):
    """Where a note-taker records a group's answers, question by question.

    A process has one (``processes.Process.notebook``) with ``organisation`` set; a stand-alone
    practice session has one owned by a person.
    """

    toolkit = models.ForeignKey(Toolkit, on_delete=models.PROTECT, related_name="notebooks")
    title = models.CharField(_("title"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.CASCADE
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notebook")
        verbose_name_plural = _("notebooks")

    def __str__(self) -> str:
        return self.title or str(self.toolkit)


class Note(models.Model):
    notebook = models.ForeignKey(Notebook, on_delete=models.CASCADE, related_name="notes")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notes"), blank=True, max_length=20_000)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [models.UniqueConstraint(fields=["notebook", "question"], name="unique_note")]

    def __str__(self) -> str:
        return self.text[:60]
