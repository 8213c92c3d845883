"""SAML 2.0 through pysaml2, configured per request from an ``IdentityProvider`` row.

pysaml2 (with the xmlsec1 program) checks signatures, decrypts assertions, and checks the
validity window (with ``accepted_time_diff`` of clock skew), the audience and InResponseTo. We
keep the ids of our outstanding requests in the session and drop each one when it is answered,
so an answer can be used once only (replay).
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import requests
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.response import UnsolicitedResponse
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_UNSPECIFIED

from kompetencedialog.sso.models import IdentityProvider

#: Allowed difference between our clock and the identity provider's, in seconds.
CLOCK_SKEW = 120
METADATA_TIMEOUT = 10
#: A signed cookie with the requests we are waiting for. The identity provider's answer arrives
#: as a cross-site POST, which carries no SameSite=Lax session cookie, so this one is SameSite=None.
OUTSTANDING_COOKIE = "kd_saml_requests"


class MetadataUnavailable(Exception):
    pass


def xmlsec_binary() -> str:
    return shutil.which("xmlsec1") or "/usr/bin/xmlsec1"


def metadata_xml(idp: IdentityProvider, *, fresh: bool = False) -> str:
    """The identity provider's metadata: fetched from its URL (cached an hour) or the pasted XML."""
    if not idp.saml_metadata_url:
        return idp.saml_metadata_xml
    key = "sso:saml-metadata:" + hashlib.sha256(idp.saml_metadata_url.encode()).hexdigest()
    if not fresh and (xml := cache.get(key)):
        return xml
    try:
        response = requests.get(idp.saml_metadata_url, timeout=METADATA_TIMEOUT)
        response.raise_for_status()
    except requests.RequestException as error:
        raise MetadataUnavailable(str(error)) from error
    cache.set(key, response.text, 60 * 60)
    return response.text


def _pem_file(content: str) -> str:
    """pysaml2 reads keys from files: keep each in a private folder, named by its hash."""
    folder = Path(settings.DATA_DIR) / "sso-keys"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / (hashlib.sha256(content.encode()).hexdigest() + ".pem")
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=folder)
        with os.fdopen(fd, "w") as file:
            file.write(content.strip() + "\n")
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    return str(path)


def urls(idp: IdentityProvider) -> dict[str, str]:
    base = settings.SITE_URL
    return {
        "acs": base + reverse("sso:saml_acs", args=[idp.pk]),
        "sls": base + reverse("sso:saml_sls", args=[idp.pk]),
        "metadata": base + reverse("sso:saml_metadata", args=[idp.pk]),
    }


def config(idp: IdentityProvider, *, with_idp: bool = True) -> SPConfig:
    endpoints = urls(idp)
    signing = bool(idp.saml_sp_certificate and idp.saml_sp_private_key)
    conf = {
        "entityid": idp.sp_entity_id(),
        "xmlsec_binary": xmlsec_binary(),
        "accepted_time_diff": CLOCK_SKEW,
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "Kompetencedialog",
                "endpoints": {
                    "assertion_consumer_service": [(endpoints["acs"], BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (endpoints["sls"], BINDING_HTTP_REDIRECT),
                        (endpoints["sls"], BINDING_HTTP_POST),
                    ],
                },
                "allow_unsolicited": False,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "authn_requests_signed": signing,
                "logout_requests_signed": signing,
                "name_id_format": [NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_UNSPECIFIED],
                "name_id_format_allow_create": True,
            }
        },
    }
    if signing:
        key_file = _pem_file(idp.saml_sp_private_key)
        cert_file = _pem_file(idp.saml_sp_certificate)
        conf.update(
            key_file=key_file,
            cert_file=cert_file,
            encryption_keypairs=[{"key_file": key_file, "cert_file": cert_file}],
        )
    if with_idp:
        conf["metadata"] = {"inline": [metadata_xml(idp)]}
    sp_config = SPConfig()
    sp_config.load(conf)
    return sp_config


def client(idp: IdentityProvider) -> Saml2Client:
    return Saml2Client(config(idp))


def idp_entity_id(saml_client: Saml2Client) -> str:
    ids = list(saml_client.metadata.identity_providers())
    if len(ids) != 1:
        raise MetadataUnavailable(
            f"expected one identity provider in the metadata, found {len(ids)}"
        )
    return ids[0]


def sp_metadata(idp: IdentityProvider) -> str:
    return str(entity_descriptor(config(idp, with_idp=False)))


def start_login(idp: IdentityProvider, next_url: str, outstanding: dict) -> tuple[str, dict]:
    """The address of the identity provider's login with our AuthnRequest (signed when we have
    a key), and the outstanding requests to keep in the browser's ``OUTSTANDING_COOKIE``."""
    saml_client = client(idp)
    request_id, info = saml_client.prepare_for_authenticate(
        entityid=idp_entity_id(saml_client),
        relay_state="",
        binding=BINDING_HTTP_REDIRECT,
    )
    outstanding = dict(list(outstanding.items())[-4:])
    outstanding[request_id] = {"idp": idp.pk, "next": next_url}
    return dict(info["headers"])["Location"], outstanding


def finish_login(request, idp: IdentityProvider, outstanding: dict):
    """The verified response (pysaml2's ``AuthnResponse``) and where to go next.

    Raises what pysaml2 raises when the answer is forged, expired, for someone else or not an
    answer to a request this browser started; ``UnsolicitedResponse`` too when it was used before.
    """
    mine = {rid: data["next"] for rid, data in outstanding.items() if data["idp"] == idp.pk}
    saml_client = client(idp)
    response = saml_client.parse_authn_request_response(
        request.POST.get("SAMLResponse", ""), BINDING_HTTP_POST, outstanding=mine
    )
    if response is None:
        raise ValueError("empty SAML response")
    # Each answer counts once, in this browser or any other.
    if not cache.add(f"sso:saml-used:{idp.pk}:{response.in_response_to}", True, 60 * 60 * 24):
        raise UnsolicitedResponse(f"already used: {response.in_response_to}")
    return response, mine.get(response.in_response_to) or ""


def attribute(identity: dict, name: str) -> list[str]:
    if not name:
        return []
    for key, values in identity.items():
        if key == name or key.lower() == name.lower():
            return [str(value) for value in values]
    return []


def start_logout(idp: IdentityProvider, name_id: str, session_index: str) -> str | None:
    """The address that takes the person to the identity provider's single log-out, if any."""
    from saml2.saml import NameID

    saml_client = client(idp)
    entity = idp_entity_id(saml_client)
    services = saml_client.metadata.single_logout_service(entity, BINDING_HTTP_REDIRECT, "idpsso")
    if not services:
        return None
    destination = services[0]["location"]
    signing = bool(idp.saml_sp_certificate and idp.saml_sp_private_key)
    _request_id, logout_request = saml_client.create_logout_request(
        destination,
        entity,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=name_id),
        session_indexes=[session_index] if session_index else None,
        sign=False,
    )
    info = saml_client.apply_binding(
        BINDING_HTTP_REDIRECT, str(logout_request), destination, "", sign=signing
    )
    return dict(info["headers"])["Location"]


def handle_logout_message(request, idp: IdentityProvider):
    """A LogoutResponse (answer to ours) or a LogoutRequest (the IdP logs the person out).

    Returns the address to send the browser to, or None to show our own page.
    """
    saml_client = client(idp)
    data = request.GET if request.method == "GET" else request.POST
    binding = BINDING_HTTP_REDIRECT if request.method == "GET" else BINDING_HTTP_POST
    if "SAMLResponse" in data:
        saml_client.parse_logout_request_response(data["SAMLResponse"], binding)
        return None
    logout_request = saml_client.parse_logout_request(data["SAMLRequest"], binding)
    entity = idp_entity_id(saml_client)
    services = saml_client.metadata.single_logout_service(entity, BINDING_HTTP_REDIRECT, "idpsso")
    if not services:
        return None
    response = saml_client.create_logout_response(
        logout_request.message, [BINDING_HTTP_REDIRECT], sign=False
    )
    signing = bool(idp.saml_sp_certificate and idp.saml_sp_private_key)
    info = saml_client.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(response),
        services[0].get("response_location") or services[0]["location"],
        data.get("RelayState", ""),
        response=True,
        sign=signing,
    )
    return dict(info["headers"])["Location"]
