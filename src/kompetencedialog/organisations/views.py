"""Pages for organisations, people and roles, invitations, import, the audit log and profiles.

Each view: an access helper (404 outside, 403 without the right), a form, one service call.
"""

import json
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kompetencedialog.core.clients import client_address
from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations import access, importer, personal_data, services
from kompetencedialog.organisations.forms import (
    AddRoleForm,
    ChangeRoleForm,
    ImportForm,
    InvitationForm,
    LoginForm,
    MoveForm,
    NewAccountForm,
    OrganisationForm,
    PasswordResetForm,
    ProfileForm,
    TokenForm,
)
from kompetencedialog.organisations.models import Invitation, Membership, Organisation, User
from kompetencedialog.organisations.selectors import organisation_tree

PEOPLE_PER_PAGE = 100
ENTRIES_PER_PAGE = 50


def _form_errors_to(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error)


def _with_language(response: HttpResponse, language: str) -> HttpResponse:
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
        )
    return response


# --- logging in -------------------------------------------------------------------------------


class ThrottledFormMixin:
    """A form refused by the throttle (``form.throttled``) answers 429 Too Many Requests."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.throttled:
            response.status_code = 429
        return response


class LoginView(ThrottledFormMixin, auth_views.LoginView):
    """E-mail and password; the session starts in ``services.sign_in_person`` (shared with SSO)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        services.sign_in_person(self.request, user=user, method="password")
        return _with_language(redirect(self.get_success_url()), user.language)


class PasswordResetView(ThrottledFormMixin, auth_views.PasswordResetView):
    """Django's, throttled per e-mail and per client address; a refusal says how long to wait
    and is the same whether or not the account exists."""

    form_class = PasswordResetForm
    template_name = "organisations/password_reset_form.html"
    email_template_name = "organisations/email/password_reset.txt"
    subject_template_name = "organisations/email/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "address": client_address(self.request)}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's; a new password also revokes the person's API tokens, and says so."""

    template_name = "organisations/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        revoked = services.revoke_all_tokens(user=form.user, reason="password.reset")
        if revoked:
            messages.info(
                self.request,
                ngettext(
                    "Your %(count)d API token was revoked: make a new one on your profile.",
                    "Your %(count)d API tokens were revoked: make new ones on your profile.",
                    revoked,
                )
                % {"count": revoked},
            )
        return response


# --- the tree and one organisation ------------------------------------------------------------


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    roots = organisation_tree(request.user)
    return render(
        request,
        "organisations/list.html",
        {"roots": roots, "may_create_top": request.user.is_superuser},
    )


@login_required
@require_GET
def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.get_organisation_for(request.user, organisation_id)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "ancestors": organisation.ancestors().order_by("path"),
            "children": organisation.children.order_by("name"),
            "is_admin": access.is_organisation_admin(request.user, organisation),
            "my_roles": sorted(
                Membership.Role(role).label for role in access.roles_on(request.user, organisation)
            ),
        },
    )


def _organisation_form_page(request, form, organisation, parent, heading):
    return render(
        request,
        "organisations/organisation_form.html",
        {"form": form, "organisation": organisation, "parent": parent, "heading": heading},
    )


@login_required
def create_organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    parent = access.get_organisation_for(request.user, organisation_id, write=True)
    kinds = services.ALLOWED_CHILDREN[parent.kind]
    if not kinds:
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_organisation(
                parent=parent, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_errors_to(form, error)
        else:
            messages.success(request, _("%(name)s was created.") % {"name": created.name})
            return redirect("organisations:detail", organisation_id=created.pk)
    return _organisation_form_page(request, form, None, parent, _("New organisation"))


@login_required
def create_top_organisation(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, kinds=Organisation.TOP_LEVEL_KINDS)
    if request.method == "POST" and form.is_valid():
        created = services.create_organisation(parent=None, by=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s was created.") % {"name": created.name})
        return redirect("organisations:detail", organisation_id=created.pk)
    return _organisation_form_page(request, form, None, None, _("New top-level organisation"))


@login_required
def edit_organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.get_organisation_for(request.user, organisation_id, write=True)
    kinds = (
        services.ALLOWED_CHILDREN[organisation.parent.kind]
        if organisation.parent
        else Organisation.TOP_LEVEL_KINDS
    )
    form = OrganisationForm(request.POST or None, instance=organisation, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            fresh = Organisation.objects.get(pk=organisation.pk)
            services.update_organisation(organisation=fresh, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors_to(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("organisations:detail", organisation_id=organisation.pk)
    return _organisation_form_page(
        request,
        form,
        organisation,
        organisation.parent,
        _("Edit %(name)s") % {"name": organisation.name},
    )


@login_required
def move_organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.get_organisation_for(request.user, organisation_id, write=True)
    if organisation.parent_id is None:
        raise PermissionDenied
    parent_kinds = [
        kind
        for kind, children in services.ALLOWED_CHILDREN.items()
        if organisation.kind in children
    ]
    parents = (
        access.administered_organisations(request.user)
        .filter(kind__in=parent_kinds)
        .exclude(path__startswith=organisation.path)
        .order_by("path")
    )
    form = MoveForm(request.POST or None, parents=parents, initial={"parent": organisation.parent})
    if request.method == "POST" and form.is_valid():
        try:
            services.move_organisation(
                organisation=organisation, parent=form.cleaned_data["parent"], by=request.user
            )
        except ValidationError as error:
            _form_errors_to(form, error)
        else:
            messages.success(request, _("%(name)s was moved.") % {"name": organisation.name})
            return redirect("organisations:detail", organisation_id=organisation.pk)
    return render(request, "organisations/move.html", {"form": form, "organisation": organisation})


# --- people and roles -------------------------------------------------------------------------


@login_required
def people(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.get_organisation_for(request.user, organisation_id, write=True)
    subtree = organisation.subtree().order_by("path")
    form = AddRoleForm(
        request.POST or None, organisations=subtree, initial={"organisation": organisation}
    )
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["organisation"] or organisation
        try:
            services.add_role(
                organisation=target,
                user=form.person,
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            _form_errors_to(form, error)
        else:
            messages.success(request, _("The role was added."))
            return redirect("organisations:people", organisation_id=organisation.pk)
    query = request.GET.get("q", "").strip()
    memberships = (
        Membership.objects.filter(organisation__path__startswith=organisation.path)
        .select_related("user", "organisation")
        .order_by("user__name", "user__email", "organisation__path", "role")
    )
    if query:
        memberships = memberships.filter(
            Q(user__name__icontains=query) | Q(user__email__icontains=query)
        )
    page = Paginator(memberships, PEOPLE_PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "organisations/people.html",
        {
            "organisation": organisation,
            "page": page,
            "form": form,
            "query": query,
            "roles": Membership.Role.choices,
        },
    )


@login_required
@require_POST
def change_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for(request.user, membership_id, write=True)
    form = ChangeRoleForm(request.POST)
    if form.is_valid():
        try:
            services.change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The role was changed."))
    else:
        messages.error(request, _("Choose a role."))
    return redirect(_back_to_people(request, membership.organisation))


@login_required
@require_POST
def remove_role(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = access.get_membership_for(request.user, membership_id, write=True)
    services.remove_role(membership=membership, by=request.user)
    messages.success(request, _("The role was removed."))
    return redirect(_back_to_people(request, membership.organisation))


def _back_to_people(request, organisation: Organisation) -> str:
    """The people page the form was on, if it is one the person administers."""
    back = request.POST.get("back", "")
    if back.isdigit():
        try:
            return reverse(
                "organisations:people",
                kwargs={
                    "organisation_id": access.get_organisation_for(
                        request.user, back, write=True
                    ).pk
                },
            )
        except (Http404, PermissionDenied):
            pass
    return reverse("organisations:people", kwargs={"organisation_id": organisation.pk})


@login_required
def remove_person(request: HttpRequest, organisation_id: int, person_id: int) -> HttpResponse:
    organisation = access.get_organisation_for(request.user, organisation_id, write=True)
    person = access.get_person_for(request.user, organisation, person_id)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        anonymised = services.remove_person(
            organisation=organisation, person=person, by=request.user
        )
        messages.success(
            request,
            _("The person was removed and anonymised.")
            if anonymised
            else _("The person's roles here were removed."),
        )
        return redirect("organisations:people", organisation_id=organisation.pk)
    roles = person.memberships.select_related("organisation").filter(
        organisation__path__startswith=organisation.path
    )
    return render(
        request,
        "organisations/remove_person.html",
        {"organisation": organisation, "person": person, "roles": roles},
    )


# --- invitations ------------------------------------------------------------------------------


@login_required
def invitations(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.get_organisation_for(request.user, organisation_id, write=True)
    form = InvitationForm(
        request.POST or None,
        organisations=organisation.subtree().order_by("path"),
        initial={"organisation": organisation},
    )
    if request.method == "POST" and form.is_valid():
        services.invite(
            organisation=form.cleaned_data["organisation"] or organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            by=request.user,
        )
        messages.success(
            request,
            _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("organisations:invitations", organisation_id=organisation.pk)
    sent = (
        Invitation.objects.filter(organisation__path__startswith=organisation.path)
        .select_related("organisation")
        .order_by("-created")[:200]
    )
    return render(
        request,
        "organisations/invitations.html",
        {"organisation": organisation, "form": form, "invitations": sent},
    )


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = access.get_invitation_for(request.user, invitation_id, write=True)
    if invitation.is_open:
        services.revoke_invitation(invitation=invitation, by=request.user)
        messages.success(request, _("The invitation was withdrawn."))
    return redirect("organisations:invitations", organisation_id=invitation.organisation_id)


@never_cache
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: create an account, or add the role to the one logged in."""
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=Invitation.hash(token))
        .first()
    )
    if invitation is None or not invitation.is_open:
        return render(
            request,
            "organisations/invitation_closed.html",
            {"invitation": invitation},
            status=404 if invitation is None else 410,
        )
    existing = User.objects.filter(email__iexact=invitation.email).first()
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            services.accept_invitation(invitation=invitation, user=request.user)
            messages.success(
                request,
                _("You now have the role %(role)s on %(organisation)s.")
                % {
                    "role": invitation.get_role_display().lower(),
                    "organisation": invitation.organisation.name,
                },
            )
            return redirect("organisations:detail", organisation_id=invitation.organisation_id)
    elif existing is None:
        form = NewAccountForm(request.POST or None, email=invitation.email)
        if request.method == "POST" and form.is_valid():
            user = services.create_person_from_invitation(
                invitation=invitation,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
            services.sign_in_person(request, user=user, method="invitation")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("organisations:detail", organisation_id=invitation.organisation_id)
    return render(
        request,
        "organisations/invitation.html",
        {"invitation": invitation, "form": form, "has_account": existing is not None},
    )


# --- import -----------------------------------------------------------------------------------


@login_required
def import_people(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Upload → preview (nothing written) → apply, all or nothing."""
    organisation = access.get_organisation_for(request.user, organisation_id, write=True)
    form = ImportForm()
    context = {"organisation": organisation, "form": form}
    if request.method == "POST" and "apply" in request.POST:
        rows = request.session.get(f"import:{request.POST['apply']}")
        if rows is None:
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("organisations:import", organisation_id=organisation.pk)
        check = importer.apply_rows(organisation=organisation, rows=rows, by=request.user)
        if check.ok:
            del request.session[f"import:{request.POST['apply']}"]
            summary = check.summary
            messages.success(
                request,
                _(
                    "The import is done: %(institutions)s institutions, %(teams)s teams, "
                    "%(new_people)s new people and %(roles)s roles."
                )
                % summary,
            )
            return redirect("organisations:people", organisation_id=organisation.pk)
        context["check"] = check
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            try:
                rows = importer.read_table(form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error)
            else:
                check = importer.check_rows(organisation=organisation, rows=rows)
                context["check"] = check
                if check.ok:
                    key = uuid.uuid4().hex
                    request.session[f"import:{key}"] = rows
                    context["import_key"] = key
    status = 422 if form.errors else 200
    return render(request, "organisations/import.html", context, status=status)


# --- the audit log ----------------------------------------------------------------------------


@login_required
@require_GET
def audit_log(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access.get_organisation_for(request.user, organisation_id, write=True)
    entries = AuditEntry.objects.filter(organisation__path__startswith=organisation.path)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("side"))
    return render(request, "organisations/audit.html", {"organisation": organisation, "page": page})


# --- the person's own pages -------------------------------------------------------------------


def _profile_page(request, *, form=None, token_form=None, new_key=None, status=200):
    user = request.user
    return render(
        request,
        "organisations/profile.html",
        {
            "form": form or ProfileForm(initial={"name": user.name, "language": user.language}),
            "token_form": token_form or TokenForm(prefix="token"),
            "memberships": user.memberships.select_related("organisation").order_by(
                "organisation__path"
            ),
            "tokens": user.access_tokens.all(),
            "new_key": new_key,
        },
        status=status,
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.update_profile(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your profile was saved."))
            return _with_language(redirect("organisations:profile"), form.cleaned_data["language"])
        return _profile_page(request, form=form, status=400)
    return _profile_page(request)


@login_required
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST, prefix="token")
    if not form.is_valid():
        return _profile_page(request, token_form=form, status=400)
    _token, key = services.create_token(
        user=request.user, name=form.cleaned_data["name"], by=request.user
    )
    # Rendered, not redirected: the secret is shown this once and never stored.
    return _profile_page(request, new_key=key)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access.get_token_for(request.user, token_id)
    services.revoke_token(token=token, by=request.user)
    messages.success(request, _("The token was revoked; it no longer works."))
    return redirect("organisations:profile")


@login_required
@require_GET
def download_data(request: HttpRequest) -> HttpResponse:
    data = personal_data.collect(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data.json"'
    return response


@login_required
def leave(request: HttpRequest) -> HttpResponse:
    """The person removes themselves: the account is anonymised, what they wrote stays."""
    if request.method == "POST":
        user = request.user
        logout(request)
        services.anonymise_person(person=user, by=user)
        messages.success(request, _("Your account was removed. Thank you for taking part."))
        return redirect("home:home")
    return render(request, "organisations/leave.html")
