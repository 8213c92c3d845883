"""Single sign-on: one identity provider per top-level organisation; claims mapped to roles.

The protocol work (signatures, clock skew, replay, audience, nonce) is done by Authlib (OpenID
Connect) and pysaml2 (SAML 2.0); these rows only tell them, per request, whom to talk to.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompetencedialog.organisations.models import Membership, Organisation

# OIOSAML 3 attribute names (as KOMBIT's context handler and NemLog-in send them).
OIOSAML_EMAIL = "https://data.gov.dk/model/core/eid/email"
OIOSAML_NAME = "https://data.gov.dk/model/core/eid/fullName"
OIOSAML_PRIVILEGES = "https://data.gov.dk/model/core/eid/privilegesIntermediate"


def split_domains(text: str) -> list[str]:
    parts = text.replace(",", " ").replace(";", " ").split()
    return sorted({part.strip().lstrip("@").lower() for part in parts if part.strip()})


class IdentityProvider(models.Model):
    """How the people of one top-level organisation log in through their own identity provider."""

    class Protocol(models.TextChoices):
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="identity_provider",
        limit_choices_to={"parent__isnull": True},
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Shown on the log-in page, e.g. 'Entra ID'.")
    )
    protocol = models.CharField(_("protocol"), max_length=4, choices=Protocol.choices)
    enabled = models.BooleanField(
        _("enabled"), default=True, help_text=_("Send people of the e-mail domains here.")
    )
    passwords_disabled = models.BooleanField(
        _("passwords disabled"),
        default=False,
        help_text=_("The organisation's people can only log in through the identity provider."),
    )
    email_domains = models.TextField(
        _("e-mail domains"),
        help_text=_("The domains this identity provider serves, one per line (e.g. aarhus.dk)."),
    )

    # OpenID Connect
    oidc_issuer = models.URLField(_("issuer"), blank=True)
    oidc_client_id = models.CharField(_("client id"), max_length=300, blank=True)
    oidc_client_secret = models.CharField(_("client secret"), max_length=500, blank=True)
    oidc_scopes = models.CharField(_("scopes"), max_length=300, default="openid email profile")
    oidc_claim_email = models.CharField(_("e-mail claim"), max_length=100, default="email")
    oidc_claim_name = models.CharField(_("name claim"), max_length=100, default="name")
    oidc_claim_roles = models.CharField(
        _("roles claim"), max_length=100, default="groups", help_text=_("e.g. groups or roles.")
    )

    # SAML 2.0
    saml_metadata_url = models.URLField(_("IdP metadata URL"), blank=True)
    saml_metadata_xml = models.TextField(
        _("IdP metadata XML"), blank=True, help_text=_("Used when no metadata URL is given.")
    )
    saml_sp_entity_id = models.CharField(
        _("our SP entity id"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the address of our metadata."),
    )
    saml_sp_certificate = models.TextField(
        _("our SP certificate (PEM)"),
        blank=True,
        help_text=_("Signs our requests and decrypts encrypted assertions."),
    )
    saml_sp_private_key = models.TextField(_("our SP private key (PEM)"), blank=True)
    saml_attribute_email = models.CharField(
        _("e-mail attribute"), max_length=300, default=OIOSAML_EMAIL
    )
    saml_attribute_name = models.CharField(
        _("name attribute"), max_length=300, default=OIOSAML_NAME
    )
    saml_attribute_roles = models.CharField(
        _("roles attribute"),
        max_length=300,
        default=OIOSAML_PRIVILEGES,
        help_text=_("Groups or job-function roles; KOMBIT's privilege lists are understood."),
    )

    created = models.DateTimeField(auto_now_add=True)
    changed = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name}"

    @property
    def audit_path(self) -> str:
        return self.organisation.path

    @property
    def domains(self) -> list[str]:
        return split_domains(self.email_domains)

    def serves(self, email: str) -> bool:
        return email.rpartition("@")[2].lower() in self.domains

    def sp_entity_id(self) -> str:
        return self.saml_sp_entity_id or settings.SITE_URL + reverse(
            "sso:saml_metadata", args=[self.pk]
        )

    def clean(self) -> None:
        errors = {}
        if self.organisation_id and self.organisation.parent_id is not None:
            errors["organisation"] = _(
                "Only a top-level organisation can have an identity provider."
            )
        domains = self.domains
        if not domains:
            errors["email_domains"] = _("Give at least one e-mail domain.")
        else:
            taken = [
                domain
                for other in IdentityProvider.objects.exclude(pk=self.pk)
                for domain in other.domains
                if domain in domains
            ]
            if taken:
                errors["email_domains"] = _("Already served by another identity provider: %s") % (
                    ", ".join(taken)
                )
        if self.protocol == self.Protocol.OIDC:
            for field in ("oidc_issuer", "oidc_client_id", "oidc_client_secret"):
                if not getattr(self, field):
                    errors[field] = _("Required for OpenID Connect.")
        if self.protocol == self.Protocol.SAML:
            if not (self.saml_metadata_url or self.saml_metadata_xml):
                errors["saml_metadata_url"] = _("Give the metadata URL or paste the XML.")
            if bool(self.saml_sp_certificate) != bool(self.saml_sp_private_key):
                errors["saml_sp_private_key"] = _("Give both the certificate and the private key.")
        if errors:
            raise ValidationError(errors)


class RoleMapping(models.Model):
    """A claim value (a group, a job-function role) that gives a role on an organisation."""

    identity_provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="role_mappings"
    )
    claim_value = models.CharField(_("claim value"), max_length=500)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)

    class Meta:
        verbose_name = _("role mapping")
        verbose_name_plural = _("role mappings")
        ordering = ["claim_value", "organisation__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["identity_provider", "claim_value", "organisation", "role"],
                name="unique_role_mapping",
            )
        ]

    def __str__(self) -> str:
        return f"{self.claim_value} → {self.get_role_display()} · {self.organisation}"

    @property
    def audit_path(self) -> str:
        return self.organisation.path

    def clean(self) -> None:
        if (
            self.identity_provider_id
            and self.organisation_id
            and not self.organisation.is_within(self.identity_provider.organisation)
        ):
            raise ValidationError(
                {"organisation": _("Choose an organisation in the identity provider's own tree.")}
            )


class ExternalIdentity(models.Model):
    """Who a person is at an identity provider (the OIDC ``sub`` or the SAML NameID)."""

    identity_provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(max_length=500)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    last_login = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(
                fields=["identity_provider", "subject"], name="unique_external_subject"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.identity_provider}"


class MappedMembership(models.Model):
    """Marks a membership as given by single sign-on, so a later login may take it away again."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="sso_mapping"
    )
    identity_provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="mapped_memberships"
    )

    class Meta:
        verbose_name = _("membership from single sign-on")
        verbose_name_plural = _("memberships from single sign-on")

    def __str__(self) -> str:
        return str(self.membership)
