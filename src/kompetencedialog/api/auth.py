"""How API callers prove who they are: the browser session (with CSRF), or a bearer token."""

from ninja.security import HttpBearer, django_auth

from kompetencedialog.organisations.models import AccessToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = AccessToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


#: A personal access token first (no CSRF: the header cannot be sent by another site), then the
#: browser session, CSRF-checked for unsafe methods by ninja.
AUTH = [TokenAuth(), django_auth]
