from tests.sso.fixtures import oidc_eksempel, saml_eksempel, saml_server, sso_site_url  # noqa: F401
