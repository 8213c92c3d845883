"""Organisations (a tree from municipality to team), people and their roles."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email: str) -> "User":
        """Log-in is by e-mail, whatever its capitals."""
        return self.get(email__iexact=(email or "").strip())

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address (or through single sign-on)."""

    email = models.EmailField(_("e-mail"), unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default=""
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform staff"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class Organisation(models.Model):
    """A node in the tree: a top-level owner, an area, an institution or a team.

    ``path`` is a materialised path of ids ("/1/4/9/"), so a whole subtree is one
    ``path__startswith`` query however deep or wide the tree is.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        SCHOOL_OWNER = "school_owner", _("School owner")
        OTHER = "other", _("Other organisation")
        AREA = "area", _("Area or cluster")
        INSTITUTION = "institution", _("Institution")
        TEAM = "team", _("Team")

    TOP_LEVEL_KINDS = (Kind.MUNICIPALITY, Kind.SCHOOL_OWNER, Kind.OTHER)

    class InstitutionType(models.TextChoices):
        DAYCARE = "daycare", _("Daycare")
        SCHOOL = "school", _("School")
        AFTER_SCHOOL = "after_school", _("After-school")
        SPECIAL = "special", _("Special service")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    institution_type = models.CharField(
        _("type of institution"), max_length=20, choices=InstitutionType.choices, blank=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    size = models.PositiveIntegerField(_("number of children or pupils"), null=True, blank=True)
    logo = models.FileField(_("logo"), upload_to="logos/", blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
            if path != self.path:
                self.path = path
                self.depth = path.count("/") - 2
                Organisation.objects.filter(pk=self.pk).update(path=path, depth=self.depth)

    @property
    def audit_path(self) -> str:
        return self.path

    @property
    def ancestor_ids(self) -> list[int]:
        """The ids from the top-level owner down to (not including) this one."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1]]

    @property
    def top_id(self) -> int:
        return int(self.path.strip("/").split("/")[0])

    def ancestors(self) -> models.QuerySet["Organisation"]:
        return Organisation.objects.filter(pk__in=self.ancestor_ids)

    def subtree(self) -> models.QuerySet["Organisation"]:
        """This organisation and everything below it."""
        return Organisation.objects.filter(path__startswith=self.path)

    def is_within(self, other: "Organisation") -> bool:
        return self.path.startswith(other.path)


class Membership(models.Model):
    """A person's role on an organisation; it applies to the organisation's subtree."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        LEADER = "leader", _("Leader")
        ADMINISTRATION = "administration", _("Administration")
        STAFF = "staff", _("Staff")
        UNION_REP = "union_rep", _("Union representative")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    @property
    def audit_path(self) -> str:
        return self.organisation.path


class AccessToken(models.Model):
    """A personal access token for the API. Only a hash is kept; the token is shown once."""

    PREFIX = "kd_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="The first characters, to tell tokens apart.")
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user, name: str) -> tuple["AccessToken", str]:
        """A new token for the person; returns it with the secret, which is not stored."""
        key = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, key_hash=cls.hash(key), hint=key[:10])
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> "AccessToken | None":
        """The token, with its person, if the person is active; else None.

        Only reads: the API records the use (``api.auth``), so a read works on a full disk.
        """
        return (
            cls.objects.select_related("user")
            .filter(key_hash=cls.hash(key), user__is_active=True)
            .first()
        )

    @property
    def audit_path(self) -> str:
        return ""


class Invitation(models.Model):
    """An e-mailed invitation to take a role on an organisation: single use, valid 14 days.

    Only a hash of the link's token is kept, as for access tokens.
    """

    VALID_FOR = timedelta(days=14)

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField()
    accepted = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()} · {self.organisation}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def audit_path(self) -> str:
        return self.organisation.path

    @property
    def is_used(self) -> bool:
        return self.accepted is not None

    @property
    def is_expired(self) -> bool:
        return self.revoked is not None or timezone.now() >= self.expires

    @property
    def is_open(self) -> bool:
        return not self.is_used and not self.is_expired
