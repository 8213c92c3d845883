"""“Test the connection”: what is wrong with a provider's configuration, in plain words."""

import datetime
from dataclasses import dataclass

import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.utils.translation import gettext as _

from kompetencedialog.sso import oidc, saml
from kompetencedialog.sso.models import IdentityProvider


@dataclass
class Check:
    ok: bool
    label: str
    detail: str = ""


def run(idp: IdentityProvider) -> list[Check]:
    if idp.protocol == IdentityProvider.Protocol.OIDC:
        return _oidc(idp)
    return _saml(idp)


def _get_json(url: str, what: str) -> tuple[dict | None, Check]:
    try:
        response = requests.get(url, timeout=oidc.TIMEOUT)
    except requests.RequestException as error:
        return None, Check(False, _("%s cannot be reached") % what, f"{url}: {error}")
    if response.status_code != 200:
        return None, Check(
            False, _("%s answered with an error") % what, f"{url}: HTTP {response.status_code}"
        )
    try:
        return response.json(), Check(True, _("%s can be reached") % what, url)
    except ValueError:
        return None, Check(False, _("%s is not JSON") % what, url)


def _oidc(idp: IdentityProvider) -> list[Check]:
    results = []
    if not (idp.oidc_client_id and idp.oidc_client_secret):
        results.append(Check(False, _("Client id and client secret are missing")))
    if "openid" not in idp.oidc_scopes.split():
        results.append(Check(False, _("The scopes must include “openid”"), idp.oidc_scopes))
    document, check = _get_json(oidc.discovery_url(idp), _("The discovery document"))
    results.append(check)
    if document is None:
        return results
    issuer = document.get("issuer", "")
    if issuer.rstrip("/") != idp.oidc_issuer.rstrip("/"):
        results.append(
            Check(
                False,
                _("The issuer does not match"),
                _("Configured: %(ours)s. The provider says: %(theirs)s.")
                % {"ours": idp.oidc_issuer, "theirs": issuer or "-"},
            )
        )
    else:
        results.append(Check(True, _("The issuer matches"), issuer))
    missing = [
        key
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        if not document.get(key)
    ]
    if missing:
        results.append(
            Check(False, _("The discovery document lacks endpoints"), ", ".join(missing))
        )
        return results
    keys, check = _get_json(document["jwks_uri"], _("The signing keys"))
    results.append(check)
    if keys is not None and not keys.get("keys"):
        results.append(Check(False, _("The provider publishes no signing keys")))
    results.append(
        Check(
            bool(document.get("end_session_endpoint")),
            _("Single log-out")
            if document.get("end_session_endpoint")
            else _("The provider has no single log-out (end_session_endpoint)"),
        )
    )
    return results


def _certificate_check(pem: str, label: str) -> tuple[x509.Certificate | None, Check]:
    try:
        certificate = x509.load_pem_x509_certificate(_as_pem(pem).encode())
    except ValueError as error:
        return None, Check(False, _("%s cannot be read") % label, str(error))
    now = datetime.datetime.now(datetime.UTC)
    if certificate.not_valid_after_utc < now:
        return certificate, Check(
            False,
            _("%s has expired") % label,
            _("Expired %s") % certificate.not_valid_after_utc.date().isoformat(),
        )
    if certificate.not_valid_before_utc > now:
        return certificate, Check(False, _("%s is not valid yet") % label)
    return certificate, Check(
        True,
        _("%s is valid") % label,
        _("Valid until %s") % certificate.not_valid_after_utc.date().isoformat(),
    )


def _as_pem(text: str) -> str:
    text = text.strip()
    if text.startswith("-----BEGIN"):
        return text
    body = "".join(text.split())
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def _saml(idp: IdentityProvider) -> list[Check]:
    results = []
    try:
        xml = saml.metadata_xml(idp, fresh=True)
    except saml.MetadataUnavailable as error:
        return [
            Check(False, _("The metadata cannot be fetched"), f"{idp.saml_metadata_url}: {error}")
        ]
    results.append(
        Check(True, _("The metadata was found"), idp.saml_metadata_url or _("pasted XML"))
    )
    if idp.saml_sp_certificate:
        certificate, check = _certificate_check(idp.saml_sp_certificate, _("Our SP certificate"))
        results.append(check)
        if certificate is not None and idp.saml_sp_private_key:
            try:
                key = serialization.load_pem_private_key(idp.saml_sp_private_key.encode(), None)
                matches = (
                    key.public_key().public_numbers() == certificate.public_key().public_numbers()
                )
            except (ValueError, TypeError, AttributeError) as error:
                results.append(Check(False, _("Our SP private key cannot be read"), str(error)))
            else:
                results.append(
                    Check(True, _("Our SP private key matches the certificate"))
                    if matches
                    else Check(False, _("Our SP private key does not match the certificate"))
                )
    else:
        results.append(Check(False, _("We have no SP certificate: our requests are not signed")))
    try:
        saml_client = saml.client(idp)
        entity = saml.idp_entity_id(saml_client)
    except Exception as error:  # pysaml2 raises many kinds for unreadable metadata
        results.append(
            Check(False, _("The metadata cannot be read"), f"{type(error).__name__}: {error}")
        )
        return results
    results.append(Check(True, _("The metadata describes the identity provider"), entity))
    if not saml_client.metadata.single_sign_on_service(entity, saml.BINDING_HTTP_REDIRECT):
        results.append(
            Check(False, _("The identity provider has no login address (HTTP-Redirect)"))
        )
    certificates = saml_client.metadata.certs(entity, "idpsso", "signing")
    if not certificates:
        results.append(Check(False, _("The metadata has no signing certificate")))
    for _name, pem in certificates[:3]:
        results.append(_certificate_check(pem, _("The identity provider's certificate"))[1])
    if not saml_client.metadata.single_logout_service(entity, saml.BINDING_HTTP_REDIRECT, "idpsso"):
        results.append(Check(False, _("The identity provider has no single log-out")))
    if not idp.saml_attribute_email:
        results.append(Check(False, _("The e-mail attribute name is missing")))
    del xml
    return results
