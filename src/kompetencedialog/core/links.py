"""Full addresses for links that leave the page: join links, QR codes, e-mails, calendars."""

from django.conf import settings
from django.http import HttpRequest


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """``path`` with scheme, host and port: SITE_URL's when it is configured, else the address
    the request came to, and without a request SITE_URL's default (where ``serve`` listens)."""
    if request is not None and not settings.SITE_URL_CONFIGURED:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path
