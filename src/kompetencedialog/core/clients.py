"""Who is asking: the client's address, from a proxy's header only when our own proxy sent it.

Behind nginx every request comes from nginx's own address, so limits kept per address would lump
all clients together; taken from ``X-Forwarded-For`` without checking who set it, anyone could
choose their own address. The rule: walk the header from the right, skipping the addresses of our
own proxies (``TRUSTED_PROXIES``), and take the first one that is not ours.
"""

import ipaddress
from collections.abc import Iterable

from django.conf import settings


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def resolve(peer: str, forwarded_for: Iterable[str]) -> str:
    """The client's address from the connection's peer and the ``X-Forwarded-For`` values."""
    if not peer:
        return "unknown"
    if not _trusted(peer):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop
    return hops[0] if hops else peer


def client_address(request) -> str:
    """The address of the client behind an HTTP request."""
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return resolve(request.META.get("REMOTE_ADDR", ""), [header] if header else [])


def scope_client_address(scope: dict) -> str:
    """The address of the client behind an ASGI scope (a WebSocket connection)."""
    peer = (scope.get("client") or ("", 0))[0] or ""
    headers = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"x-forwarded-for"]
    return resolve(peer, headers)
