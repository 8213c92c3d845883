"""The limits that keep a live meeting's code from being an open door.

A code is short enough to read off a projector, so it can be guessed: lookups of well-formed
codes that were never given out are counted per client address, and an address over the limit
gets no answer at all for a while (a valid code included, so guessing cannot go on). A code
that once existed is not a guess (a phone coming back to a meeting that has ended), and neither
is a malformed one (a typo). Inside a meeting, contributions are counted per participant and per
address (a person cannot multiply the limit by opening more connections), and so are new
anonymous participants.

A whole room often shares one address (the institution's network), so the per-address numbers
are far above what one person does; every number is a setting (see settings.py).
"""

from django.conf import settings
from django.utils.translation import gettext as _

from kompetencedialog.core import ratelimit
from kompetencedialog.meetings.models import CODE_ALPHABET, CODE_LENGTH


def _failures_key(address: str) -> str:
    return f"meetings:code-failures:{ratelimit.network(address)}"


def throttled_message() -> str:
    minutes = max(1, settings.MEETINGS_CODE_FAILURES[1] // 60)
    return _(
        "Too many meeting codes were tried from your network. Wait %(minutes)s minutes, then "
        "type the code from the screen again."
    ) % {"minutes": minutes}


def lookup_refused(address: str) -> bool:
    """True when this address has guessed too many codes."""
    count, seconds = settings.MEETINGS_CODE_FAILURES
    return ratelimit.used(_failures_key(address), seconds) >= count


def is_guess(code: str) -> bool:
    """A well-formed code: what someone trying codes one by one would send."""
    return len(code) == CODE_LENGTH and all(letter in CODE_ALPHABET for letter in code)


def record_failed_lookup(address: str) -> None:
    ratelimit.count(_failures_key(address), settings.MEETINGS_CODE_FAILURES[1])


def _contribution_counters(meeting_id: int, participant_token: str, address: str):
    # The participant's random token, not its id: ids can come back (a test's rolled-back
    # transaction, a restored database), and the cache may be shared by several deployments.
    return [
        (f"meetings:rate:{participant_token}", *settings.MEETINGS_RATE_LIMIT),
        (
            f"meetings:address-rate:{meeting_id}:{ratelimit.network(address)}",
            *settings.MEETINGS_ADDRESS_RATE_LIMIT,
        ),
    ]


def contribution_refused(*, meeting_id: int, participant_token: str, address: str) -> bool:
    """True when the participant or their address has sent its share for now. Counts nothing:
    only stored contributions count (``count_contribution``), so a phone re-sending its queue
    after a refusal does not keep itself refused."""
    counters = _contribution_counters(meeting_id, participant_token, address)
    return ratelimit.over(
        [name for name, _c, _s in counters],
        [limit for _n, limit, _s in counters],
        [seconds for _n, _c, seconds in counters],
    )


def count_contribution(*, meeting_id: int, participant_token: str, address: str) -> None:
    for name, _limit, seconds in _contribution_counters(meeting_id, participant_token, address):
        ratelimit.count(name, seconds)


def new_participant_refused(*, meeting_id: int, address: str) -> bool:
    count, seconds = settings.MEETINGS_NEW_PARTICIPANTS_PER_ADDRESS
    name = f"meetings:new-participants:{meeting_id}:{ratelimit.network(address)}"
    return ratelimit.hit(name, count, seconds)


def confirmation_mail_refused(email: str) -> bool:
    """At most a few confirmation mails to one address a day, whoever types it."""
    return ratelimit.hit(f"meetings:confirmation-mail:{email.strip().lower()}", 3, 24 * 3600)
