"""The person's own data as JSON: each app registers a function that returns its part.

``register("processes", fn)`` from an app's ``ready()``; ``fn(user)`` returns something
``json``-serialisable. Organisations then never imports the apps above it.
"""

from collections.abc import Callable
from typing import Any

_sources: dict[str, Callable[[Any], Any]] = {}


def register(name: str, source: Callable[[Any], Any]) -> None:
    _sources[name] = source


def collect(user) -> dict[str, Any]:
    """Everything we keep about the person, under one key per app."""
    memberships = user.memberships.select_related("organisation").order_by("organisation__path")
    data: dict[str, Any] = {
        "person": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": [
            {
                "organisation": {"id": m.organisation_id, "name": m.organisation.name},
                "role": m.role,
                "since": m.created.isoformat(),
            }
            for m in memberships
        ],
        "access_tokens": [
            {"name": t.name, "hint": t.hint, "created": t.created.isoformat()}
            for t in user.access_tokens.all()
        ],
    }
    for name, source in sorted(_sources.items()):
        data[name] = source(user)
    return data
