"""How API callers prove who they are: the browser session (with CSRF), or a bearer token."""

import logging
from datetime import timedelta

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from ninja.security import HttpBearer, django_auth

from kompetencedialog.organisations.models import AccessToken

logger = logging.getLogger(__name__)

#: "Last used" is shown to the day: writing it on every request would make each read a write.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        access_token = AccessToken.authenticate(token)
        if access_token is None:
            return None
        record_use(access_token)
        request.user = access_token.user
        return access_token.user


def record_use(token: AccessToken) -> None:
    """Note when the token was last used, at most once a minute; never fail the request for it.

    A read must still work when the database cannot be written (a full disk, a long lock).
    """
    now = timezone.now()
    stale = now - LAST_USED_PRECISION
    if token.last_used is not None and token.last_used > stale:
        return
    try:
        with transaction.atomic():
            # The condition again in the UPDATE: of requests arriving together, one writes.
            AccessToken.objects.filter(
                Q(last_used__isnull=True) | Q(last_used__lte=stale), pk=token.pk
            ).update(last_used=now)
    except DatabaseError:
        logger.warning("Could not record the use of access token %s", token.pk, exc_info=True)


#: A personal access token first (no CSRF: the header cannot be sent by another site), then the
#: browser session, CSRF-checked for unsafe methods by ninja.
AUTH = [TokenAuth(), django_auth]
