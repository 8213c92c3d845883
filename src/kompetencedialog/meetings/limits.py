"""The limits that keep a live meeting's code from being an open door.

A code is short enough to read off a projector, so it can be guessed: lookups of codes that do
not exist are counted per client address, and an address over the limit gets no answer at all
for a while (a valid code included, so guessing cannot go on). Lookups of one code are capped
too. Inside a meeting, contributions are counted per participant and per address (a person
cannot multiply the limit by opening more connections), and so are new anonymous participants.

A whole room often shares one address (the institution's network), so the per-address numbers
are far above what one person does; every number is a setting.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from kompetencedialog.core import ratelimit

# (count, seconds)
CODE_FAILURES = getattr(settings, "MEETINGS_CODE_FAILURES", (20, 600))
CODE_LOOKUPS = getattr(settings, "MEETINGS_CODE_LOOKUPS", (2000, 60))
PARTICIPANT_RATE = getattr(settings, "MEETINGS_RATE_LIMIT", (10, 10))
ADDRESS_RATE = getattr(settings, "MEETINGS_ADDRESS_RATE_LIMIT", (120, 10))
NEW_PARTICIPANTS = getattr(settings, "MEETINGS_NEW_PARTICIPANTS_PER_ADDRESS", (150, 3600))


def throttled_message() -> str:
    minutes = max(1, CODE_FAILURES[1] // 60)
    return _(
        "Too many meeting codes were tried from your network. Wait %(minutes)s minutes, then "
        "type the code from the screen again."
    ) % {"minutes": minutes}


def lookup_refused(address: str, code: str) -> bool:
    """True when this address has guessed too much, or this code is being hammered."""
    count, seconds = CODE_FAILURES
    if ratelimit.used(f"meetings:code-failures:{address}", seconds) >= count:
        return True
    count, seconds = CODE_LOOKUPS
    return ratelimit.hit(f"meetings:code-lookups:{code}", count, seconds)


def record_failed_lookup(address: str) -> None:
    count, seconds = CODE_FAILURES
    ratelimit.hit(f"meetings:code-failures:{address}", count, seconds)


def contribution_refused(*, meeting_id: int, participant_token: str, address: str) -> bool:
    """Counts the contribution; True when the participant or their address sends too fast."""
    count, seconds = PARTICIPANT_RATE
    # The participant's random token, not its id: ids can come back (a test's rolled-back
    # transaction, a restored database), and the cache may be shared by several deployments.
    if ratelimit.hit(f"meetings:rate:{participant_token}", count, seconds):
        return True
    count, seconds = ADDRESS_RATE
    return ratelimit.hit(f"meetings:address-rate:{meeting_id}:{address}", count, seconds)


def new_participant_refused(*, meeting_id: int, address: str) -> bool:
    count, seconds = NEW_PARTICIPANTS
    return ratelimit.hit(f"meetings:new-participants:{meeting_id}:{address}", count, seconds)
