"""The audit trail: who changed what, when, with the values before and after."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=300, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    #: The organisation the object belongs to. Access follows it: when it moves, its history
    #: moves with it to the new parent's administrators. PROTECT, because an audit trail that
    #: disappears with its organisation is no audit trail; an organisation is moved, not deleted.
    #: Empty for entries about no organisation (a person's own API token).
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: Where the organisation was when the entry was written: history, never used for access.
    organisation_path = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class AccessibilityStatement(models.Model):
    """The accessibility statement (tilgængelighedserklæring); the platform admin edits it."""

    text = models.TextField(_("statement"), blank=True)
    text_en = models.TextField(_("statement in English"), blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")

    def __str__(self) -> str:
        return str(_("Accessibility statement"))

    @classmethod
    def current(cls) -> "AccessibilityStatement":
        return cls.objects.order_by("-updated").first() or cls()
