"""A small throttle on failed log-ins, kept in the cache (Redis when configured).

Failures are counted per e-mail address and per client address within a window; when either
reaches its limit, log-in is refused until the window has passed, even with the right password.
"""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_EMAIL = 5
MAX_FAILURES_PER_ADDRESS = 30


def _keys(email: str, address: str) -> list[tuple[str, int]]:
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return [
        (f"login-failures:email:{email_key}", MAX_FAILURES_PER_EMAIL),
        (f"login-failures:address:{address}", MAX_FAILURES_PER_ADDRESS),
    ]


def is_blocked(email: str, address: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(email, address))


def record_failure(email: str, address: str) -> None:
    for key, _limit in _keys(email, address):
        if cache.add(key, 1, WINDOW_SECONDS):
            continue
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW_SECONDS)


def reset(email: str) -> None:
    cache.delete(_keys(email, "")[0][0])
