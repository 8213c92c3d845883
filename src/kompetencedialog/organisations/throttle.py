"""Limits on guessing passwords and on password-reset mails, kept in the cache (Redis when
configured), designed so that nobody can use them to keep another person out.

Who is asking is the client's address from ``core.clients.client_address`` (behind nginx the
proxy's own address would lump every client together), and which account is asked about is the
e-mail as Django looks it up: NFKC-normalised, trimmed, lower case (``normalise_email``), so
``TR@eksempel.test`` and the same written with a full-width ``t`` (U+FF54) count as one.

Log-in: failures never lock an account; they make the *next* attempt wait, and the wait doubles
with each failure past a free allowance (2 s, 4 s, 8 s … at most ``MAX_DELAY_SECONDS``). While a
wait runs, an attempt is refused without looking at the password, so guessing is slowed to one
try per wait. Three counters, each within ``WINDOW_SECONDS``:

- per (e-mail, address): one client guessing one account. Always applies; it is only ever the
  client's own failures that hold it back, and a success clears it.
- per address: one client trying many accounts.
- per e-mail: many clients (a botnet) trying one account. Each address adds at most its first
  ``FREE_FAILURES_PER_PAIR`` failures here (past those the pair's own delay already slows it), so
  failures from one address never hold back the account's owner elsewhere.

The address and e-mail delays are skipped for an address from which this e-mail has logged in
within ``KNOWN_ADDRESS_SECONDS``: strangers failing any number of times on the administrator's
e-mail, from anywhere, never stop the administrator logging in from their usual place, and a
busy shared address (a municipality behind one NAT) never stops its own people. From a new
address the owner waits at most ``MAX_DELAY_SECONDS``, and is sent a notice (``tasks``) once per
window when ``NOTICE_AFTER_FAILURES`` failures have hit their e-mail.

Password reset: at most ``RESETS_PER_EMAIL`` requests per e-mail and ``RESETS_PER_ADDRESS`` per
address per ``RESET_WINDOW_SECONDS``, counted whether or not the account exists, so the answer
never tells.

Why not django-axes (8.3.1 is on PyPI): it locks out after a number of failures for the chosen
parameters (address, user name, or their combination) until a cool-off, rather than growing
delays; locking by user name alone lets strangers lock the owner out, and by (user, address)
alone leaves an account open to guessing from many addresses; it has no "except from where the
owner has logged in before". Fitting it would need its custom user-name and client-address
callables, its authentication backend in front of our SSO-aware one, its middleware and its
lockout response: more surface than these few cache counters, for a weaker rule.
"""

import hashlib
import math
import time
import unicodedata

from django.core.cache import cache
from django.utils.translation import ngettext

WINDOW_SECONDS = 60 * 60
MAX_DELAY_SECONDS = 15 * 60
FREE_FAILURES_PER_PAIR = 3
FREE_FAILURES_PER_ADDRESS = 20
FREE_FAILURES_PER_EMAIL = 10
NOTICE_AFTER_FAILURES = 10
KNOWN_ADDRESS_SECONDS = 60 * 24 * 60 * 60

RESET_WINDOW_SECONDS = 60 * 60
RESETS_PER_EMAIL = 3
RESETS_PER_ADDRESS = 10


def now() -> float:
    return time.time()


def normalise_email(email: str) -> str:
    """The e-mail as the log-in looks it up (``UsernameField`` applies NFKC, the lookup ignores
    capitals and surrounding spaces)."""
    return unicodedata.normalize("NFKC", email or "").strip().lower()


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


class _Keys:
    def __init__(self, email: str, address: str):
        email_digest = _digest(normalise_email(email))
        pair_digest = _digest(normalise_email(email), address)
        address_digest = _digest(address)
        self.pair = f"login:pair:{pair_digest}"
        self.address = f"login:address:{address_digest}"
        self.email = f"login:email:{email_digest}"
        self.email_all = f"login:email-all:{email_digest}"
        self.known = f"login:known:{pair_digest}"
        self.notice = f"login:notice:{email_digest}"


def _count(key: str) -> int:
    """Add one failure to a counter that lives ``WINDOW_SECONDS`` from its first failure."""
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def _delay(failures: int, free: int) -> int:
    if failures <= free:
        return 0
    return min(MAX_DELAY_SECONDS, 2 ** min(failures - free, 20))


def _hold(key: str, failures: int, free: int) -> None:
    delay = _delay(failures, free)
    if delay:
        cache.set(f"{key}:until", now() + delay, delay)


def wait_seconds(email: str, address: str) -> int:
    """How long this client must wait before trying this e-mail again (0: it may try now)."""
    keys = _Keys(email, address)
    held = [keys.pair]
    if not cache.get(keys.known):
        held += [keys.address, keys.email]
    untils = cache.get_many([f"{key}:until" for key in held]).values()
    return max([0, *(math.ceil(until - now()) for until in untils)])


def record_failure(email: str, address: str) -> bool:
    """Count a wrong password; True when the account's owner should now be told (once a window)."""
    keys = _Keys(email, address)
    pair_failures = _count(keys.pair)
    _hold(keys.pair, pair_failures, FREE_FAILURES_PER_PAIR)
    _hold(keys.address, _count(keys.address), FREE_FAILURES_PER_ADDRESS)
    if pair_failures <= FREE_FAILURES_PER_PAIR:
        _hold(keys.email, _count(keys.email), FREE_FAILURES_PER_EMAIL)
    failures_on_email = _count(keys.email_all)
    return failures_on_email >= NOTICE_AFTER_FAILURES and cache.add(keys.notice, 1, WINDOW_SECONDS)


def failures_on(email: str) -> int:
    """All failed log-ins on this e-mail within the window (for the owner's notice)."""
    return cache.get(_Keys(email, "").email_all) or 0


def record_success(email: str, address: str) -> None:
    """The right password: this client's own count starts again, and its address is known."""
    keys = _Keys(email, address)
    cache.delete_many([keys.pair, f"{keys.pair}:until"])
    cache.set(keys.known, 1, KNOWN_ADDRESS_SECONDS)


def take_reset(email: str, address: str) -> int:
    """Count a request for a password-reset mail: 0 if it may be sent, else seconds to wait.

    Whether the account exists plays no part, so the answer tells nothing about it.
    """
    keys = [
        (f"reset:email:{_digest(normalise_email(email))}", RESETS_PER_EMAIL),
        (f"reset:address:{_digest(address)}", RESETS_PER_ADDRESS),
    ]
    moment = now()
    recent = {
        key: [t for t in cache.get(key, []) if t > moment - RESET_WINDOW_SECONDS]
        for key, _limit in keys
    }
    waits = [
        math.ceil(recent[key][-limit] + RESET_WINDOW_SECONDS - moment)
        for key, limit in keys
        if len(recent[key]) >= limit
    ]
    if waits:
        return max(waits)
    cache.set_many({key: [*times, moment] for key, times in recent.items()}, RESET_WINDOW_SECONDS)
    return 0


def describe_wait(seconds: int) -> str:
    """'Wait 2 minutes', in the reader's language: rounded up to whole minutes past a minute."""
    if seconds < 60:
        return ngettext(
            "Too many attempts. Wait %(count)d second and try again.",
            "Too many attempts. Wait %(count)d seconds and try again.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many attempts. Wait %(count)d minute and try again.",
        "Too many attempts. Wait %(count)d minutes and try again.",
        minutes,
    ) % {"count": minutes}
