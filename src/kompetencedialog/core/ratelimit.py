"""Counters in fixed time windows, kept in the cache (Redis when configured), so that every
process behind the proxy counts together. One helper for every limit of the platform."""

import time

from django.core.cache import cache


def _key(name: str, seconds: int) -> str:
    return f"ratelimit:{name}:{seconds}:{int(time.time() // seconds)}"


def used(name: str, seconds: int) -> int:
    """How many hits ``name`` has had in the current window of ``seconds``."""
    return cache.get(_key(name, seconds)) or 0


def hit(name: str, limit: int, seconds: int) -> bool:
    """Count one more hit; True when that one is over ``limit`` in the current window."""
    key = _key(name, seconds)
    cache.add(key, 0, seconds * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, seconds * 2)
        count = 1
    return count > limit
