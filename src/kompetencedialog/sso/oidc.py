"""OpenID Connect through Authlib, configured per request from an ``IdentityProvider`` row.

Authlib reads the provider's discovery document, keeps ``state`` and ``nonce`` in the session,
exchanges the code, and verifies the ID token (signature against the provider's keys, issuer,
audience, expiry with clock-skew leeway, nonce). We only pick the claims out afterwards.
"""

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.urls import reverse

from kompetencedialog.sso.models import IdentityProvider

TIMEOUT = 10


def discovery_url(idp: IdentityProvider) -> str:
    return idp.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration"


def client(idp: IdentityProvider):
    return OAuth().register(
        name=f"idp{idp.pk}",
        client_id=idp.oidc_client_id,
        client_secret=idp.oidc_client_secret,
        server_metadata_url=discovery_url(idp),
        client_kwargs={"scope": idp.oidc_scopes, "timeout": TIMEOUT},
    )


def callback_url(idp: IdentityProvider) -> str:
    return settings.SITE_URL + reverse("sso:oidc_callback", args=[idp.pk])


def start_login(request, idp: IdentityProvider, login_hint: str = ""):
    kwargs = {"login_hint": login_hint} if login_hint else {}
    return client(idp).authorize_redirect(request, callback_url(idp), **kwargs)


def finish_login(request, idp: IdentityProvider) -> tuple[dict, str]:
    """The verified claims (ID token, then the userinfo endpoint's) and the raw ID token."""
    oauth = client(idp)
    token = oauth.authorize_access_token(request)
    claims = dict(token["userinfo"])
    metadata = oauth.load_server_metadata()
    if metadata.get("userinfo_endpoint") and token.get("access_token"):
        extra = dict(oauth.userinfo(token=token))
        if extra.get("sub") == claims.get("sub"):  # OpenID Connect Core 5.3.2
            claims = {**extra, **claims}
    return claims, token.get("id_token", "")


def logout_url(request, idp: IdentityProvider, id_token: str, after: str):
    """A redirect to the provider's end-session endpoint, or None if it has none."""
    oauth = client(idp)
    if not oauth.load_server_metadata().get("end_session_endpoint"):
        return None
    return oauth.logout_redirect(
        request, post_logout_redirect_uri=after, id_token_hint=id_token or None
    )
