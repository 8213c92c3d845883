"""The overview's own records: joint initiatives born from shared needs, and monthly snapshots."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JointInitiative(models.Model):
    """A joint effort the administration makes out of a need several institutions share.

    The course catalogue comes later; until then the draft course description lives here.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="joint_initiatives",
    )
    title = models.CharField(_("title"), max_length=200)
    area = models.ForeignKey(
        "processes.CompetenceArea",
        verbose_name=_("competence area"),
        on_delete=models.PROTECT,
        related_name="joint_initiatives",
    )
    institutions = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("participating institutions"),
        related_name="joint_initiatives_joined",
    )
    note = models.TextField(_("note to the institutions"), blank=True, max_length=5000)
    course_description = models.TextField(
        _("draft learning day or course"), blank=True, max_length=5000
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("joint initiative")
        verbose_name_plural = _("joint initiatives")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_path(self) -> str:
        return self.organisation.path


class OverviewSnapshot(models.Model):
    """The overview's key figures for an organisation as they stood at the end of a month."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="overview_snapshots"
    )
    month = models.DateField(help_text="The first day of the month the figures belong to.")
    figures = models.JSONField(default=dict)
    taken = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("overview snapshot")
        verbose_name_plural = _("overview snapshots")
        ordering = ["organisation", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"], name="unique_overview_snapshot_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.month:%Y-%m}"

    @property
    def audit_path(self) -> str:
        return self.organisation.path
