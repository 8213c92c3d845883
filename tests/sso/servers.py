"""Real identity providers on 127.0.0.1 for the tests: an OpenID Connect provider built with pyop
and a SAML 2.0 identity provider built with pysaml2. Each runs an HTTP server in a thread and
"logs in" whoever the test put in ``current`` (there is no login form at the provider).
"""

import base64
import datetime
import functools
import json
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def make_key_pair(common_name: str, *, days: int = 365, offset_days: int = 0) -> tuple[str, str]:
    """A private key and a self-signed certificate, both PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=offset_days)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - datetime.timedelta(days=1))
        .not_valid_after(start + datetime.timedelta(days=days))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode()


@functools.cache
def _signing_key() -> str:
    return make_key_pair("Test OP")[0]


class _Server:
    """An HTTP server in a daemon thread; subclasses answer ``handle(method, path, query, body,
    headers)`` with ``(status, headers, body)``."""

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method):
                url = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                try:
                    status, headers, content = owner.handle(
                        method, url.path, url.query, body, dict(self.headers)
                    )
                except Exception as error:  # shown to the test, not hidden
                    owner.errors.append(repr(error))
                    status, headers, content = 500, {}, repr(error)
                data = content.encode() if isinstance(content, str) else content
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._serve("GET")

            def do_POST(self):
                self._serve("POST")

            def log_message(self, *args):
                pass

        self.errors: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def start(self):
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _json(data, status: int = 200):
    return status, {"Content-Type": "application/json"}, json.dumps(data)


def _redirect(location: str):
    return 302, {"Location": location}, ""


class OidcProvider(_Server):
    """An OpenID Connect provider (pyop): discovery, authorize, token, userinfo, jwks, logout."""

    def __init__(self, *, client_id: str, client_secret: str, redirect_uri: str, logout_uri: str):
        super().__init__()
        from Cryptodome.PublicKey import RSA
        from jwkest.jwk import RSAKey
        from pyop.authz_state import AuthorizationState
        from pyop.provider import Provider
        from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
        from pyop.userinfo import Userinfo

        self.users: dict[str, dict] = {}
        self.current: str | None = None
        self.logouts: list[dict] = []
        self.issuer = self.base
        configuration = {
            # oic insists on an https issuer when it checks the configuration; this provider is
            # served over plain http on loopback, so the issuer is set right after the check.
            "issuer": self.issuer.replace("http://", "https://"),
            "authorization_endpoint": self.base + "/authorize",
            "token_endpoint": self.base + "/token",
            "userinfo_endpoint": self.base + "/userinfo",
            "jwks_uri": self.base + "/jwks",
            "end_session_endpoint": self.base + "/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        }
        clients = {
            client_id: {
                "client_secret": client_secret,
                "redirect_uris": [redirect_uri],
                "post_logout_redirect_uris": [logout_uri],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_basic",
                "subject_type": "public",
            }
        }
        self.provider = Provider(
            RSAKey(key=RSA.import_key(_signing_key()), alg="RS256", kid="test-key"),
            configuration,
            AuthorizationState(HashBasedSubjectIdentifierFactory("test-salt")),
            clients,
            Userinfo(self.users),
            extra_scopes={"groups": ["groups"]},
        )
        self.provider.configuration_information["issuer"] = self.issuer

    def set_id_token_lifetime(self, seconds: int) -> None:
        self.provider.id_token_lifetime = seconds

    def handle(self, method, path, query, body, headers):
        provider = self.provider
        if path == "/.well-known/openid-configuration":
            return _json(provider.provider_configuration.to_dict())
        if path == "/jwks":
            return _json(provider.jwks)
        if path == "/authorize":
            request = provider.parse_authentication_request(query, headers)
            response = provider.authorize(request, self.current)
            return _redirect(response.request(request["redirect_uri"], False))
        if path == "/token":
            return _json(provider.handle_token_request(body, headers).to_dict())
        if path == "/userinfo":
            return _json(provider.handle_userinfo_request(body or None, headers).to_dict())
        if path == "/logout":
            params = {key: values[0] for key, values in parse_qs(query).items()}
            self.logouts.append(params)
            return _redirect(params["post_logout_redirect_uri"])
        return 404, {}, "not found"


def privilege_list(*privileges: tuple[str, str]) -> str:
    """A KOMBIT-style privilege list (base64 XML) of job-function roles."""
    groups = "".join(
        f'<PrivilegeGroup Scope="{scope}"><Privilege>{privilege}</Privilege></PrivilegeGroup>'
        for privilege, scope in privileges
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">'
        f"{groups}</bpp:PrivilegeList>"
    )
    return base64.b64encode(xml.encode()).decode()


class SamlIdentityProvider(_Server):
    """A SAML 2.0 identity provider (pysaml2's ``Server``) that signs its assertions.

    ``mode`` changes how it answers: "tamper" changes the signed assertion after signing, "hold"
    shows the answer in a form with a button instead of posting it at once (so a test can let
    the answer grow old before it is sent).
    """

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="kd-idp-"))
        key, certificate = make_key_pair("Test IdP")
        (self.folder / "key.pem").write_text(key)
        (self.folder / "cert.pem").write_text(certificate)
        self.certificate = certificate
        self.entity_id = self.base + "/idp"
        self.metadata_url = self.base + "/metadata"
        self.current: dict | None = None  # {"name_id": ..., "attributes": {name: [values]}}
        self.mode = "normal"
        self.tamper: tuple[str, str] = ("", "")  # in "tamper" mode: replace this with that
        self.encrypt_for: str | None = None  # the SP's certificate, to encrypt assertions
        self.logouts: list[str] = []
        self.sp_metadata: list[str] = []
        self.server = self._build()

    def _config(self):
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.config import IdPConfig
        from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT

        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": shutil.which("xmlsec1"),
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [
                                (self.base + "/sso/redirect", BINDING_HTTP_REDIRECT)
                            ],
                            "single_logout_service": [
                                (self.base + "/slo/redirect", BINDING_HTTP_REDIRECT),
                                (self.base + "/slo/post", BINDING_HTTP_POST),
                            ],
                        },
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 5},
                                "attribute_restrictions": None,
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                    }
                },
                "key_file": str(self.folder / "key.pem"),
                "cert_file": str(self.folder / "cert.pem"),
                "metadata": {"inline": self.sp_metadata} if self.sp_metadata else {},
                "allow_unknown_attributes": True,
            }
        )
        return config

    def _build(self):
        from saml2.server import Server

        return Server(config=self._config())

    def trust(self, sp_metadata: str) -> None:
        """Know the service provider (our app) by its metadata."""
        self.sp_metadata = [sp_metadata]
        self.server = self._build()

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.server = self._build()

    def metadata(self) -> str:
        from saml2.metadata import entity_descriptor

        return str(entity_descriptor(self._config()))

    def handle(self, method, path, query, body, headers):
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID

        params = {key: values[0] for key, values in parse_qs(query or body).items()}
        if path == "/metadata":
            return 200, {"Content-Type": "application/samlmetadata+xml"}, self.metadata()
        if path == "/sso/redirect":
            request = self.server.parse_authn_request(params["SAMLRequest"], BINDING_HTTP_REDIRECT)
            message = request.message
            person = self.current
            extra = {}
            if self.encrypt_for:
                extra = {
                    "encrypt_assertion": True,
                    "encrypt_cert_assertion": self.encrypt_for,
                }
            response = self.server.create_authn_response(
                person["attributes"],
                in_response_to=message.id,
                destination=message.assertion_consumer_service_url,
                sp_entity_id=message.issuer.text,
                name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=person["name_id"]),
                authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
                sign_assertion=True,
                sign_response=False,
                **extra,
            )
            xml = str(response)
            if self.mode == "tamper":
                assert self.tamper[0] in xml
                xml = xml.replace(*self.tamper)
            info = self.server.apply_binding(
                BINDING_HTTP_POST,
                xml,
                message.assertion_consumer_service_url,
                params.get("RelayState", ""),
                response=True,
            )
            if self.mode == "hold":
                return (
                    200,
                    {"Content-Type": "text/html"},
                    _held_form(message.assertion_consumer_service_url, xml),
                )
            return 200, {"Content-Type": "text/html"}, info["data"]
        if path == "/slo/redirect":
            request = self.server.parse_logout_request(params["SAMLRequest"], BINDING_HTTP_REDIRECT)
            self.logouts.append(request.message.name_id.text)
            response = self.server.create_logout_response(
                request.message, [BINDING_HTTP_REDIRECT], sign=True
            )
            destination = self.server.metadata.single_logout_service(
                request.message.issuer.text, BINDING_HTTP_REDIRECT, "spsso"
            )[0]["location"]
            info = self.server.apply_binding(
                BINDING_HTTP_REDIRECT,
                str(response),
                destination,
                params.get("RelayState", ""),
                response=True,
                sign=True,
            )
            return _redirect(dict(info["headers"])["Location"])
        return 404, {}, "not found " + urlencode({"path": path})


def _held_form(action: str, xml: str) -> str:
    encoded = base64.b64encode(xml.encode()).decode()
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Test IdP</title></head><body>'
        f'<form method="post" action="{action}">'
        f'<input type="hidden" name="SAMLResponse" value="{encoded}">'
        '<button type="submit">Send the answer</button></form></body></html>'
    )
