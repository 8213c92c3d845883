"""Counters in fixed time windows, kept in the cache (Redis when configured), so that every
process behind the proxy counts together. One helper for every limit of the platform."""

import ipaddress
import time

from django.core.cache import cache


def _key(name: str, seconds: int) -> str:
    return f"ratelimit:{name}:{seconds}:{int(time.time() // seconds)}"


def network(address: str) -> str:
    """What one client is, for counting: its IPv4 address, or its IPv6 /64 (one household or
    phone gets a whole /64, so counting single IPv6 addresses would be easy to step around)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return address


def used(name: str, seconds: int) -> int:
    """How many hits ``name`` has had in the current window of ``seconds``."""
    return cache.get(_key(name, seconds)) or 0


def over(names: list[str], limits: list[int], seconds: list[int]) -> bool:
    """True when any of the counters has reached its limit (one round trip, counts nothing)."""
    keys = [_key(name, s) for name, s in zip(names, seconds, strict=True)]
    found = cache.get_many(keys)
    return any((found.get(key) or 0) >= limit for key, limit in zip(keys, limits, strict=True))


def count(name: str, seconds: int) -> int:
    """Count one more hit and return the window's count."""
    key = _key(name, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the first hit of the window
        if cache.add(key, 1, seconds * 2):
            return 1
        return cache.incr(key)


def hit(name: str, limit: int, seconds: int) -> bool:
    """Count one more hit; True when that one is over ``limit`` in the current window."""
    return count(name, seconds) > limit
