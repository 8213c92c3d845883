"""Changes made by single sign-on: people created and updated at login, roles mapped from claims."""

import base64
import binascii

from defusedxml import ElementTree
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.lib.text import clean_text
from kompetencedialog.organisations.models import Membership, Organisation, User
from kompetencedialog.sso.models import (
    ExternalIdentity,
    IdentityProvider,
    MappedMembership,
    RoleMapping,
)


class LoginRefused(Exception):
    """The identity provider's answer was valid, but we will not let the person in."""


def claim_values(raw) -> set[str]:
    """The values of a groups/roles claim or attribute, as plain strings.

    A KOMBIT privilege list (base64-encoded XML with ``<Privilege>`` elements in
    ``<PrivilegeGroup Scope=…>``) gives each privilege, and each privilege with its scope
    (``privilege|scope``) so a mapping can tell institutions apart.
    """
    if raw is None:
        return set()
    if isinstance(raw, str | bytes):
        raw = [raw]
    values: set[str] = set()
    for item in raw:
        text = item.decode() if isinstance(item, bytes) else str(item)
        text = text.strip()
        if not text:
            continue
        values |= _privileges(text) or {text}
    return values


def _privileges(text: str) -> set[str]:
    if "PrivilegeList" not in text:
        try:
            text = base64.b64decode(text, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return set()
        if "PrivilegeList" not in text:
            return set()
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return set()
    values = set()
    for group in root.iter():
        if not group.tag.endswith("PrivilegeGroup"):
            continue
        scope = group.get("Scope", "")
        for privilege in group:
            if privilege.tag.endswith("Privilege") and privilege.text:
                values.add(privilege.text.strip())
                if scope:
                    values.add(f"{privilege.text.strip()}|{scope}")
    return values


@transaction.atomic
def apply_role_mappings(
    *, user: User, identity_provider: IdentityProvider, values: set[str]
) -> dict[str, list]:
    """Give the person exactly the roles the claim values map to, and take away earlier ones.

    The one place where single sign-on grants roles. It never grants a role on an organisation
    outside the identity provider's own top-level organisation, whatever the mapping table holds,
    and it only takes away memberships that an earlier login through this provider gave.
    """
    top = identity_provider.organisation
    mappings = RoleMapping.objects.filter(
        identity_provider=identity_provider,
        claim_value__in=values,
        organisation__path__startswith=top.path,
    ).select_related("organisation")
    wanted = {
        (mapping.organisation_id, mapping.role)
        for mapping in mappings
        if mapping.organisation.is_within(top)  # and again, in Python, for the record
    }
    mapped = {
        (mm.membership.organisation_id, mm.membership.role): mm.membership
        for mm in MappedMembership.objects.filter(
            identity_provider=identity_provider, membership__user=user
        ).select_related("membership")
    }
    removed = []
    for key, membership in mapped.items():
        if key not in wanted:
            removed.append([membership.organisation_id, membership.role])
            membership.delete()
    existing = set(
        Membership.objects.filter(user=user).values_list("organisation_id", "role").distinct()
    )
    added = []
    organisations = Organisation.objects.in_bulk({org_id for org_id, _role in wanted})
    for org_id, role in sorted(wanted - set(mapped)):
        if (org_id, role) in existing:
            continue  # given by hand: leave it, and leave it to the hand that gave it
        assert organisations[org_id].is_within(top)
        membership = Membership.objects.create(user=user, organisation_id=org_id, role=role)
        MappedMembership.objects.create(membership=membership, identity_provider=identity_provider)
        added.append([org_id, role])
    if added or removed:
        log_action(
            None,
            "sso.roles.mapped",
            identity_provider,
            {"user": user.pk, "added": added, "removed": removed},
        )
    return {"added": added, "removed": removed}


@transaction.atomic
def log_in_externally(
    *,
    identity_provider: IdentityProvider,
    subject: str,
    email: str,
    name: str,
    values: set[str],
) -> User:
    """The person the identity provider vouched for: found or created, updated, roles mapped."""
    email = (email or "").strip().lower()
    name = clean_text(name or "", multiline=False).strip()
    if not subject:
        raise LoginRefused(_("The identity provider did not say who you are."))
    if not email:
        raise LoginRefused(_("The identity provider did not send your e-mail address."))
    if not identity_provider.serves(email):
        raise LoginRefused(
            _("%(provider)s may not log in people with the e-mail address %(email)s.")
            % {"provider": identity_provider.organisation.name, "email": email}
        )
    identity = (
        ExternalIdentity.objects.select_related("user")
        .filter(identity_provider=identity_provider, subject=subject)
        .first()
    )
    if identity is not None:
        user = identity.user
    else:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, None, name=name or "")
            log_action(None, "sso.user.created", user, {"identity_provider": identity_provider.pk})
        identity = ExternalIdentity.objects.create(
            identity_provider=identity_provider, subject=subject, user=user
        )
    if not user.is_active:
        raise LoginRefused(_("Your account has been closed."))
    if user.is_staff or user.is_superuser:
        # The platform's own administrators are never vouched for by a municipality.
        raise LoginRefused(_("Platform administrators log in with their password."))
    changes = {}
    if name and user.name != name:
        changes["name"] = [user.name, name]
        user.name = name
    if user.email != email:
        if User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists():
            raise LoginRefused(_("Another account already uses the e-mail address %s.") % email)
        changes["email"] = [user.email, email]
        user.email = email
    if changes:
        user.save(update_fields=["name", "email"])
        log_action(None, "sso.user.updated", user, changes)
    identity.last_login = timezone.now()
    identity.save(update_fields=["last_login"])
    apply_role_mappings(user=user, identity_provider=identity_provider, values=values)
    return user


@transaction.atomic
def add_role_mapping(
    *, actor, identity_provider: IdentityProvider, claim_value: str, organisation, role: str
) -> RoleMapping:
    mapping = RoleMapping(
        identity_provider=identity_provider,
        claim_value=claim_value.strip(),
        organisation=organisation,
        role=role,
    )
    mapping.full_clean()
    mapping.save()
    log_action(actor, "sso.mapping.added", mapping, {"claim_value": mapping.claim_value})
    return mapping


@transaction.atomic
def delete_role_mapping(*, actor, mapping: RoleMapping) -> None:
    log_action(actor, "sso.mapping.deleted", mapping, {"claim_value": mapping.claim_value})
    mapping.delete()


def provider_for_email(email: str) -> IdentityProvider | None:
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    candidates = IdentityProvider.objects.select_related("organisation").filter(
        email_domains__icontains=domain
    )
    return next((idp for idp in candidates if domain in idp.domains), None)


def passwords_disabled_for(email: str, user: User | None = None) -> bool:
    """Whether passwords are off for the person (by their domain's or organisation's provider)."""
    if user is not None and (user.is_staff or user.is_superuser):
        return False  # the platform's own administrators keep their password
    idp = provider_for_email(email)
    if idp is not None and idp.passwords_disabled:
        return True
    if user is None:
        return False
    top_ids = {
        int(path.strip("/").split("/")[0])
        for path in Membership.objects.filter(user=user).values_list(
            "organisation__path", flat=True
        )
    }
    return IdentityProvider.objects.filter(
        organisation_id__in=top_ids, passwords_disabled=True
    ).exists()
