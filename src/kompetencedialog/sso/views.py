"""Log-in through the organisation's identity provider, and the pages that configure it."""

import json
import logging

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from joserfc.errors import ExpiredTokenError, JoseError
from saml2.response import StatusError, UnsolicitedResponse
from saml2.sigver import SignatureError, SigverError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from kompetencedialog.organisations.access import (
    ORGANISATION_ADMIN_ROLES,
    get_for,
    get_organisation_for,
    has_role,
)
from kompetencedialog.sso import checks, oidc, saml, services
from kompetencedialog.sso.forms import EmailForm, RoleMappingForm
from kompetencedialog.sso.models import IdentityProvider, RoleMapping

log = logging.getLogger(__name__)
SESSION_KEY = "sso"
BACKEND = "kompetencedialog.sso.backends.PasswordBackend"
OUTSTANDING_MAX_AGE = 15 * 60


def _outstanding(request) -> dict:
    try:
        return json.loads(
            request.get_signed_cookie(
                saml.OUTSTANDING_COOKIE,
                default="{}",
                salt=saml.OUTSTANDING_COOKIE,
                max_age=OUTSTANDING_MAX_AGE,
            )
        )
    except ValueError:
        return {}


def _safe_next(request: HttpRequest, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """The e-mail step of the log-in page: to the identity provider, or on to the password."""
    form = EmailForm(request.POST)
    next_url = request.POST.get("next", "")
    if not form.is_valid():
        return render(
            request, "registration/login.html", {"email_form": form, "next": next_url}, status=400
        )
    email = form.cleaned_data["email"]
    idp = services.provider_for_email(email)
    if idp is not None and idp.enabled:
        query = urlencode({"next": next_url, "email": email})
        url = reverse("sso:login", args=[idp.pk]) + "?" + query
        return _send_on(request, url, _("To %s's log-in") % idp.organisation.name)
    query = {"email": email}
    if next_url:
        query["next"] = next_url
    return redirect(reverse("login") + "?" + urlencode(query))


@require_GET
def begin(request: HttpRequest, provider_id: int) -> HttpResponse:
    """Send the browser to the identity provider (an anonymous entry: any enabled provider)."""
    idp = get_object_or_404(
        IdentityProvider.objects.select_related("organisation"), pk=provider_id, enabled=True
    )
    next_url = _safe_next(request, request.GET.get("next", ""))
    try:
        if idp.protocol == IdentityProvider.Protocol.OIDC:
            request.session["sso_next"] = next_url
            return oidc.start_login(request, idp, request.GET.get("email", ""))
        location, outstanding = saml.start_login(idp, next_url, _outstanding(request))
        response = redirect(location)
        response.set_signed_cookie(
            saml.OUTSTANDING_COOKIE,
            json.dumps(outstanding),
            salt=saml.OUTSTANDING_COOKIE,
            max_age=OUTSTANDING_MAX_AGE,
            path=reverse("sso:start").removesuffix("start/"),
            secure=True,
            httponly=True,
            samesite="None",
        )
        return response
    except (requests.RequestException, saml.MetadataUnavailable, OAuthError) as error:
        log.warning("identity provider %s unreachable: %s", idp.pk, error)
        return _refused(
            request,
            idp,
            _("%s's identity provider cannot be reached right now. Try again in a moment.")
            % idp.organisation.name,
            status=502,
        )


@require_GET
def oidc_callback(request: HttpRequest, provider_id: int) -> HttpResponse:
    idp = get_object_or_404(
        IdentityProvider.objects.select_related("organisation"),
        pk=provider_id,
        enabled=True,
        protocol=IdentityProvider.Protocol.OIDC,
    )
    try:
        claims, id_token = oidc.finish_login(request, idp)
    except ExpiredTokenError:
        return _refused(request, idp, _("The answer from the identity provider has expired."))
    except JoseError as error:
        log.warning("OIDC token refused for %s: %r", idp.pk, error)
        return _refused(
            request, idp, _("The answer from the identity provider could not be verified.")
        )
    except MismatchingStateError:
        return _refused(
            request, idp, _("The answer does not belong to a log-in started here, or it was used.")
        )
    except OAuthError as error:
        log.warning("OIDC error from %s: %r", idp.pk, error)
        return _refused(request, idp, _("The identity provider refused the log-in."))
    except requests.RequestException:
        return _refused(request, idp, _("The identity provider cannot be reached right now."), 502)
    try:
        user = services.log_in_externally(
            identity_provider=idp,
            subject=str(claims.get("sub", "")),
            email=str(claims.get(idp.oidc_claim_email) or ""),
            name=str(claims.get(idp.oidc_claim_name) or ""),
            values=services.claim_values(claims.get(idp.oidc_claim_roles)),
        )
    except services.LoginRefused as error:
        return _refused(request, idp, str(error))
    next_url = request.session.pop("sso_next", "")
    auth_login(request, user, backend=BACKEND)
    request.session[SESSION_KEY] = {"idp": idp.pk, "id_token": id_token}
    return redirect(_safe_next(request, next_url))


@csrf_exempt  # the identity provider posts here; the signed, once-only answer is the protection
@require_POST
def saml_acs(request: HttpRequest, provider_id: int) -> HttpResponse:
    idp = get_object_or_404(
        IdentityProvider.objects.select_related("organisation"),
        pk=provider_id,
        enabled=True,
        protocol=IdentityProvider.Protocol.SAML,
    )
    try:
        response, next_url = saml.finish_login(request, idp, _outstanding(request))
    except (ResponseLifetimeExceed, ToEarly):
        return _refused(
            request,
            idp,
            _(
                "The answer from the identity provider has expired or is not valid yet. "
                "Log in again; if it happens again, the clocks may be wrong."
            ),
        )
    except (SignatureError, SigverError):
        return _refused(
            request,
            idp,
            _("The answer from the identity provider has an invalid signature and was refused."),
        )
    except UnsolicitedResponse:
        return _refused(
            request, idp, _("The answer does not belong to a log-in started here, or it was used.")
        )
    except StatusError:
        return _refused(request, idp, _("The identity provider refused the log-in."))
    except saml.MetadataUnavailable:
        return _refused(request, idp, _("The identity provider cannot be reached right now."), 502)
    except Exception as error:  # pysaml2 raises many kinds for answers it will not accept
        log.warning("SAML response refused for %s: %r", idp.pk, error)
        return _refused(
            request, idp, _("The answer from the identity provider could not be verified.")
        )
    identity = response.get_identity()
    try:
        user = services.log_in_externally(
            identity_provider=idp,
            subject=response.name_id.text if response.name_id is not None else "",
            email=next(iter(saml.attribute(identity, idp.saml_attribute_email)), ""),
            name=" ".join(saml.attribute(identity, idp.saml_attribute_name)),
            values=services.claim_values(saml.attribute(identity, idp.saml_attribute_roles)),
        )
    except services.LoginRefused as error:
        return _refused(request, idp, str(error))
    session_index = ""
    if response.assertion is not None and response.assertion.authn_statement:
        session_index = response.assertion.authn_statement[0].session_index or ""
    auth_login(request, user, backend=BACKEND)
    request.session[SESSION_KEY] = {
        "idp": idp.pk,
        "name_id": response.name_id.text,
        "session_index": session_index,
    }
    answer = redirect(_safe_next(request, next_url))
    answer.delete_cookie(
        saml.OUTSTANDING_COOKIE, path=reverse("sso:start").removesuffix("start/"), samesite="None"
    )
    return answer


def _send_on(request, url: str, heading: str) -> HttpResponse:
    """A page that moves the browser on at once (a form's answer may not redirect to another site
    under our Content Security Policy's form-action; a page that refreshes to it may)."""
    return render(request, "sso/redirect.html", {"url": url, "heading": heading})


def _refused(request, idp, message: str, status: int = 403) -> HttpResponse:
    return render(
        request,
        "sso/refused.html",
        {"message": message, "identity_provider": idp},
        status=status,
    )


@require_GET
def saml_metadata(request: HttpRequest, provider_id: int) -> HttpResponse:
    """Our SP metadata, for the identity provider's administrators (public by nature)."""
    idp = get_object_or_404(
        IdentityProvider, pk=provider_id, protocol=IdentityProvider.Protocol.SAML
    )
    return HttpResponse(saml.sp_metadata(idp), content_type="application/samlmetadata+xml")


@csrf_exempt  # signed messages from the identity provider
def saml_sls(request: HttpRequest, provider_id: int) -> HttpResponse:
    idp = get_object_or_404(
        IdentityProvider, pk=provider_id, protocol=IdentityProvider.Protocol.SAML
    )
    try:
        target = saml.handle_logout_message(request, idp)
    except Exception as error:  # a logout message we cannot verify: log out here anyway
        log.warning("SAML logout message refused for %s: %r", idp.pk, error)
        target = None
    auth_logout(request)
    if target:
        return redirect(target)
    return render(request, "sso/logged_out.html")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out here, and at the identity provider when the person came through one."""
    data = request.session.get(SESSION_KEY) or {}
    auth_logout(request)
    idp = IdentityProvider.objects.filter(pk=data.get("idp")).first()
    if idp is None:
        return redirect(settings.LOGOUT_REDIRECT_URL)
    after = settings.SITE_URL + reverse("sso:logged_out")
    target = None
    try:
        if idp.protocol == IdentityProvider.Protocol.OIDC:
            response = oidc.logout_url(request, idp, data.get("id_token", ""), after)
            target = response["Location"] if response is not None else None
        elif data.get("name_id"):
            target = saml.start_logout(idp, data["name_id"], data.get("session_index", ""))
    except Exception as error:  # the provider is away: we are logged out here all the same
        log.warning("single log-out at %s failed: %r", idp.pk, error)
    if target:
        return _send_on(request, target, _("Logging out at %s") % idp.organisation.name)
    return redirect("sso:logged_out")


def logged_out(request: HttpRequest) -> HttpResponse:
    return render(request, "sso/logged_out.html")


# --- configuration, for the organisation's administrators -------------------------------------


def _provider_for(request, organisation_id) -> tuple:
    organisation = get_organisation_for(request.user, organisation_id)
    if not has_role(request.user, organisation, ORGANISATION_ADMIN_ROLES):
        raise PermissionDenied
    idp = get_object_or_404(
        IdentityProvider.objects.select_related("organisation"), organisation=organisation
    )
    return organisation, idp


@login_required
def configuration(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation, idp = _provider_for(request, organisation_id)
    form = RoleMappingForm(identity_provider=idp)
    if request.method == "POST":
        form = RoleMappingForm(request.POST, identity_provider=idp)
        if form.is_valid():
            services.add_role_mapping(
                actor=request.user,
                identity_provider=idp,
                claim_value=form.cleaned_data["claim_value"],
                organisation=form.cleaned_data["organisation"],
                role=form.cleaned_data["role"],
            )
            messages.success(request, _("The mapping was added."))
            return redirect("sso:configuration", organisation_id=organisation.pk)
    return render(request, "sso/configuration.html", _configuration_context(idp, form))


def _configuration_context(idp: IdentityProvider, form, results=None) -> dict:
    return {
        "identity_provider": idp,
        "organisation": idp.organisation,
        "mappings": idp.role_mappings.select_related("organisation"),
        "form": form,
        "results": results,
        "saml_urls": saml.urls(idp) if idp.protocol == IdentityProvider.Protocol.SAML else None,
        "oidc_callback": oidc.callback_url(idp)
        if idp.protocol == IdentityProvider.Protocol.OIDC
        else "",
    }


@login_required
@require_POST
def test_connection(request: HttpRequest, organisation_id: int) -> HttpResponse:
    _organisation, idp = _provider_for(request, organisation_id)
    results = checks.run(idp)
    if request.htmx:
        return render(request, "sso/configuration.html#results", {"results": results})
    form = RoleMappingForm(identity_provider=idp)
    return render(request, "sso/configuration.html", _configuration_context(idp, form, results))


@login_required
@require_POST
def delete_mapping(request: HttpRequest, mapping_id: int) -> HttpResponse:
    mapping = get_for(
        request.user,
        RoleMapping.objects.select_related("identity_provider__organisation", "organisation"),
        mapping_id,
        write=True,
        write_roles=ORGANISATION_ADMIN_ROLES,
        path_field="identity_provider__organisation__path",
    )
    organisation_id = mapping.identity_provider.organisation_id
    services.delete_role_mapping(actor=request.user, mapping=mapping)
    messages.success(request, _("The mapping was removed."))
    return redirect("sso:configuration", organisation_id=organisation_id)
