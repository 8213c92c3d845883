"""Identity providers for the tests: real ones on 127.0.0.1, and our configuration rows for them."""

import re
from urllib.parse import urlparse

import pytest
import requests
from django.urls import reverse

from kompetencedialog.organisations.models import Membership
from kompetencedialog.sso import saml
from kompetencedialog.sso.models import IdentityProvider, RoleMapping
from tests.sso.servers import OidcProvider, SamlIdentityProvider, make_key_pair, privilege_list

Role = Membership.Role
CLIENT_ID = "kompetencedialog"
CLIENT_SECRET = "s3cret-for-tests"
#: Job-function roles as KOMBIT's context handler names them (made up for the tests).
JOBROLE_LEADER = "http://eksempel.test/roles/jobrole/leder/1"
JOBROLE_STAFF = "http://eksempel.test/roles/jobrole/paedagog/1"
CVR = "urn:dk:gov:saml:cvrNumberIdentifier:29189919"
_SP_KEYS = make_key_pair("Kompetencedialog SP")


def start_oidc(site_url: str, idp_pk: int) -> OidcProvider:
    return OidcProvider(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=site_url + reverse("sso:oidc_callback", args=[idp_pk]),
        logout_uri=site_url + reverse("sso:logged_out"),
    ).start()


def oidc_identity_provider(organisation, domains: str) -> IdentityProvider:
    """An OpenID Connect configuration; the provider is started for it (its id is in the URL)."""
    return IdentityProvider.objects.create(
        organisation=organisation,
        name="Entra ID",
        protocol=IdentityProvider.Protocol.OIDC,
        email_domains=domains,
        oidc_issuer="http://127.0.0.1:1/",  # set once the provider runs
        oidc_client_id=CLIENT_ID,
        oidc_client_secret=CLIENT_SECRET,
        oidc_scopes="openid email profile groups",
    )


def connect_oidc(idp: IdentityProvider, site_url: str) -> OidcProvider:
    provider = start_oidc(site_url, idp.pk)
    idp.oidc_issuer = provider.issuer
    idp.save(update_fields=["oidc_issuer"])
    return provider


def saml_identity_provider(organisation, domains: str, server: SamlIdentityProvider):
    key, certificate = _SP_KEYS
    idp = IdentityProvider.objects.create(
        organisation=organisation,
        name="Context handler",
        protocol=IdentityProvider.Protocol.SAML,
        email_domains=domains,
        saml_metadata_url=server.metadata_url,
        saml_sp_certificate=certificate,
        saml_sp_private_key=key,
    )
    server.trust(saml.sp_metadata(idp))
    return idp


def saml_person(email: str, name: str, *privileges: str, subject: str = "") -> dict:
    return {
        "name_id": subject or f"subject-{email}",
        "attributes": {
            "https://data.gov.dk/model/core/eid/email": [email],
            "https://data.gov.dk/model/core/eid/fullName": [name],
            "https://data.gov.dk/model/core/eid/privilegesIntermediate": [
                privilege_list(*[(privilege, CVR) for privilege in privileges])
            ],
        },
    }


@pytest.fixture
def sso_site_url():
    """Our address as the identity providers see it (browser tests: the live server's)."""
    return "http://testserver"


@pytest.fixture
def oidc_eksempel(world, settings, sso_site_url):
    """Eksempel Kommune logs in with OpenID Connect (a pyop provider); groups map to roles."""
    settings.SITE_URL = sso_site_url
    idp = oidc_identity_provider(world.municipality, "eksempel.test")
    provider = connect_oidc(idp, settings.SITE_URL)
    RoleMapping.objects.create(
        identity_provider=idp,
        claim_value="grp-leaders",
        organisation=world.institution,
        role=Role.LEADER,
    )
    RoleMapping.objects.create(
        identity_provider=idp,
        claim_value="grp-staff",
        organisation=world.institution,
        role=Role.STAFF,
    )
    yield idp, provider
    provider.stop()


@pytest.fixture
def saml_server():
    server = SamlIdentityProvider().start()
    yield server
    server.stop()


@pytest.fixture
def saml_eksempel(world, settings, saml_server, sso_site_url):
    """Eksempel Kommune logs in through a SAML identity provider that sends KOMBIT privileges."""
    settings.SITE_URL = sso_site_url
    idp = saml_identity_provider(world.municipality, "eksempel.test", saml_server)
    RoleMapping.objects.create(
        identity_provider=idp,
        claim_value=JOBROLE_LEADER,
        organisation=world.institution,
        role=Role.LEADER,
    )
    RoleMapping.objects.create(
        identity_provider=idp,
        claim_value=f"{JOBROLE_STAFF}|{CVR}",
        organisation=world.team,
        role=Role.STAFF,
    )
    return idp, saml_server


# --- driving the protocols without a browser: Django's test client for us, requests for them ---


def follow_saml(client, idp: IdentityProvider, next_url: str = ""):
    """Start a SAML log-in; returns the IdP's auto-posting form's fields and our ACS path."""
    start = client.get(reverse("sso:login", args=[idp.pk]), {"next": next_url})
    assert start.status_code == 302, start.content
    page = requests.get(start["Location"], timeout=10)
    assert page.status_code == 200, page.text
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page.text))
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    return fields, urlparse(action).path


def log_in_saml(client, idp: IdentityProvider, next_url: str = ""):
    fields, acs = follow_saml(client, idp, next_url)
    return client.post(acs, fields)


def log_in_oidc(client, idp: IdentityProvider, next_url: str = ""):
    start = client.get(reverse("sso:login", args=[idp.pk]), {"next": next_url})
    assert start.status_code == 302, start.content
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    callback = urlparse(answer.headers["Location"])
    return client.get(callback.path + "?" + callback.query)
