"""Changes to organisations, people, roles, invitations and tokens.

Views, the API, commands and single sign-on call these; each is one transaction and leaves an
entry in the audit trail. ``sign_in_person`` and ``grant_memberships`` are the one place that
decides who a person is and which roles they get, whatever way they logged in.
"""

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.organisations.models import (
    AccessToken,
    Invitation,
    Membership,
    Organisation,
    User,
)
from kompetencedialog.organisations.signals import person_anonymised

Kind = Organisation.Kind

#: Which kinds of organisation may sit directly under which.
ALLOWED_CHILDREN: dict[str, frozenset[str]] = {
    Kind.MUNICIPALITY: frozenset({Kind.AREA, Kind.INSTITUTION}),
    Kind.SCHOOL_OWNER: frozenset({Kind.AREA, Kind.INSTITUTION}),
    Kind.OTHER: frozenset({Kind.AREA, Kind.INSTITUTION}),
    Kind.AREA: frozenset({Kind.AREA, Kind.INSTITUTION}),
    Kind.INSTITUTION: frozenset({Kind.TEAM}),
    Kind.TEAM: frozenset(),
}
ORGANISATION_FIELDS = ("name", "kind", "institution_type", "address", "size")
ANONYMOUS_NAME = "Tidligere bruger"


def _snapshot(organisation: Organisation) -> dict:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "parent": organisation.parent_id,
        "institution_type": organisation.institution_type,
        "address": organisation.address,
        "size": organisation.size,
    }


def _check_placement(kind: str, parent: Organisation | None) -> None:
    if parent is None:
        if kind not in Organisation.TOP_LEVEL_KINDS:
            raise ValidationError({"kind": _("Only a top-level owner can stand alone.")})
    elif kind not in ALLOWED_CHILDREN[parent.kind]:
        raise ValidationError(
            {
                "kind": _("A %(kind)s cannot be placed under a %(parent)s.")
                % {"kind": Kind(kind).label.lower(), "parent": Kind(parent.kind).label.lower()}
            }
        )


# --- signing in -------------------------------------------------------------------------------


def sign_in_person(request, *, user: User, method: str = "password") -> None:
    """Start a session for the person, however they proved who they are (password, SSO …)."""
    if not user.is_active:
        raise ValidationError(_("This account is no longer active."))
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    request.session.set_expiry(settings.SESSION_COOKIE_AGE)
    request.session["sign_in_method"] = method


@transaction.atomic
def find_or_create_person(*, email: str, name: str = "") -> tuple[User, bool]:
    """The person with this e-mail (case-insensitive), or a new one without a password."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email, None, name=name.strip())
    log_action(None, "person.created", user, {"after": {"email": email, "name": user.name}})
    return user, True


@transaction.atomic
def grant_memberships(
    *, user: User, grants: Iterable[tuple[Organisation, str]], by=None
) -> list[Membership]:
    """Give the person the roles they lack among ``grants``; roles they hold stay as they are."""
    grants = list(grants)
    held = set(
        Membership.objects.filter(
            user=user, organisation__in=[organisation for organisation, _role in grants]
        ).values_list("organisation_id", "role")
    )
    created = []
    for organisation, role in grants:
        if (organisation.pk, role) in held:
            continue
        held.add((organisation.pk, role))
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        log_action(
            by,
            "membership.role.added",
            membership,
            {"person": user.email, "before": None, "after": {"role": role}},
        )
        created.append(membership)
    return created


# --- organisations ----------------------------------------------------------------------------


@transaction.atomic
def create_organisation(*, parent: Organisation | None, by, **fields) -> Organisation:
    values = {name: fields[name] for name in ORGANISATION_FIELDS if name in fields}
    _check_placement(values.get("kind", ""), parent)
    organisation = Organisation(parent=parent, **values)
    organisation.full_clean(exclude=["parent", "path", "depth"])
    organisation.save()
    log_action(
        by, "organisation.created", organisation, {"before": None, "after": _snapshot(organisation)}
    )
    return organisation


@transaction.atomic
def update_organisation(*, organisation: Organisation, by, **fields) -> Organisation:
    before = _snapshot(organisation)
    for name in ORGANISATION_FIELDS:
        if name in fields:
            setattr(organisation, name, fields[name])
    _check_placement(organisation.kind, organisation.parent)
    if organisation.kind != before["kind"] and organisation.children.exists():
        for child in organisation.children.all():
            _check_placement(child.kind, organisation)
    organisation.full_clean(exclude=["parent", "path", "depth"])
    organisation.save()
    after = _snapshot(organisation)
    if after != before:
        log_action(by, "organisation.changed", organisation, {"before": before, "after": after})
    return organisation


@transaction.atomic
def move_organisation(*, organisation: Organisation, parent: Organisation, by) -> Organisation:
    """Place the organisation (and its whole subtree) under another parent.

    The subtree's paths change in one UPDATE, however large the subtree is.
    """
    if organisation.parent_id is None:
        raise ValidationError({"parent": _("A top-level owner cannot be moved.")})
    if parent.path.startswith(organisation.path):
        raise ValidationError({"parent": _("An organisation cannot be moved into itself.")})
    _check_placement(organisation.kind, parent)
    before = _snapshot(organisation)
    old_path, new_path = organisation.path, f"{parent.path}{organisation.pk}/"
    depth_change = (new_path.count("/") - 2) - organisation.depth
    Organisation.objects.filter(pk=organisation.pk).update(parent=parent)
    Organisation.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    organisation.refresh_from_db()
    log_action(
        by, "organisation.moved", organisation, {"before": before, "after": _snapshot(organisation)}
    )
    return organisation


# --- roles and people -------------------------------------------------------------------------


def _check_role(role: str) -> None:
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unknown role.")})


@transaction.atomic
def add_role(*, organisation: Organisation, user: User, role: str, by) -> Membership:
    _check_role(role)
    if Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
        raise ValidationError({"role": _("The person already has this role here.")})
    return grant_memberships(user=user, grants=[(organisation, role)], by=by)[0]


@transaction.atomic
def change_role(*, membership: Membership, role: str, by) -> Membership:
    _check_role(role)
    before = membership.role
    if before == role:
        return membership
    if Membership.objects.filter(
        user_id=membership.user_id, organisation_id=membership.organisation_id, role=role
    ).exists():
        raise ValidationError({"role": _("The person already has this role here.")})
    membership.role = role
    membership.save(update_fields=["role"])
    log_action(
        by,
        "membership.role.changed",
        membership,
        {"person": membership.user.email, "before": {"role": before}, "after": {"role": role}},
    )
    return membership


@transaction.atomic
def remove_role(*, membership: Membership, by) -> None:
    log_action(
        by,
        "membership.role.removed",
        membership,
        {"person": membership.user.email, "before": {"role": membership.role}, "after": None},
    )
    membership.delete()


@transaction.atomic
def remove_person(*, organisation: Organisation, person: User, by) -> bool:
    """Take away the person's roles in the organisation's subtree.

    A person left with no role anywhere is anonymised (never deleted). Returns whether they were.
    """
    for membership in person.memberships.select_related("organisation", "user").filter(
        organisation__path__startswith=organisation.path
    ):
        remove_role(membership=membership, by=by)
    if not person.memberships.exists() and not person.is_superuser:
        anonymise_person(person=person, by=by)
        return True
    return False


@transaction.atomic
def anonymise_person(*, person: User, by) -> User:
    """Remove a person without losing what they contributed: their work stays, their name goes.

    Other apps relabel or detach what points at the person through ``person_anonymised``.
    """
    person_anonymised.send(sender=User, user=person)
    for membership in person.memberships.select_related("organisation", "user"):
        remove_role(membership=membership, by=by)
    person.access_tokens.all().delete()
    person.name = ANONYMOUS_NAME
    person.email = f"anonym-{person.pk}-{secrets.token_hex(6)}@invalid"
    person.language = ""
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.set_unusable_password()
    person.save()
    # The entry names no one: the point is that the person's name and address are gone.
    log_action(by, "person.anonymised", person, {"after": {"name": ANONYMOUS_NAME}})
    return person


@transaction.atomic
def update_profile(*, user: User, name: str, language: str) -> User:
    user.name = name.strip()
    user.language = language
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=["name", "language"])
    return user


# --- tokens -----------------------------------------------------------------------------------


@transaction.atomic
def create_token(*, user: User, name: str, by) -> tuple[AccessToken, str]:
    """A personal access token; the secret is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you can tell it apart.")})
    token, key = AccessToken.issue(user, name[:100])
    log_action(by, "token.created", token, {"person": user.email, "after": {"name": token.name}})
    return token, key


@transaction.atomic
def revoke_token(*, token: AccessToken, by) -> None:
    log_action(
        by,
        "token.revoked",
        token,
        {"person": token.user.email, "before": {"name": token.name, "hint": token.hint}},
    )
    token.delete()


@transaction.atomic
def revoke_all_tokens(*, user: User, reason: str) -> int:
    """Revoke every API token of the person (after a new password: whoever knew the old one may
    have made tokens with it). Each revocation is audited; returns how many there were."""
    tokens = list(user.access_tokens.all())
    for token in tokens:
        log_action(
            user,
            "token.revoked",
            token,
            {
                "person": user.email,
                "reason": reason,
                "before": {"name": token.name, "hint": token.hint},
            },
        )
    AccessToken.objects.filter(pk__in=[token.pk for token in tokens]).delete()
    return len(tokens)


# --- logging in -------------------------------------------------------------------------------


def warn_of_guessing(*, email: str, failures: int) -> None:
    """Queue a notice to the owner of the account being guessed at (nothing if there is none)."""
    from kompetencedialog.organisations.tasks import send_login_notice

    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is not None:
        send_login_notice.enqueue(user.pk, failures)


# --- invitations ------------------------------------------------------------------------------


@transaction.atomic
def invite(*, organisation: Organisation, email: str, role: str, by) -> tuple[Invitation, str]:
    """E-mail a single-use invitation link; returns the invitation and the link's token."""
    _check_role(role)
    email = User.objects.normalize_email(email.strip()).lower()
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=Invitation.hash(token),
        invited_by=by,
        expires=timezone.now() + Invitation.VALID_FOR,
    )
    log_action(
        by,
        "invitation.sent",
        invitation,
        {"before": None, "after": {"email": email, "role": role}},
    )
    link = settings.SITE_URL + reverse("invitation", kwargs={"token": token})
    context = {"invitation": invitation, "link": link, "inviter": by}
    subject = _("Invitation to Kompetencedialog: %(organisation)s") % {
        "organisation": organisation.name
    }
    body = render_to_string("organisations/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation, token


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, by) -> None:
    invitation.revoked = timezone.now()
    invitation.save(update_fields=["revoked"])
    log_action(by, "invitation.revoked", invitation, {"email": invitation.email})


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> Membership | None:
    """Give the person the invitation's role; the invitation cannot be used again."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("The invitation has already been used or has expired."))
    locked.accepted = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted", "accepted_by"])
    log_action(user, "invitation.accepted", locked, {"person": user.email})
    granted = grant_memberships(user=user, grants=[(locked.organisation, locked.role)], by=user)
    return granted[0] if granted else None


@transaction.atomic
def create_person_from_invitation(*, invitation: Invitation, name: str, password: str) -> User:
    """A new account for the invited e-mail, with the invitation's role."""
    user = User.objects.create_user(invitation.email, password, name=name.strip())
    log_action(None, "person.created", user, {"after": {"email": user.email, "name": user.name}})
    accept_invitation(invitation=invitation, user=user)
    return user
