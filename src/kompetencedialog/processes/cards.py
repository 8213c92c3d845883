"""Which kinds of outcome each dialogue card produces.

The published toolkit's cards are known by phase and slug. A card we do not know (an
organisation's own card, or a toolkit with other slugs) takes the phase's kinds by position, and
the phase's last card takes whatever is left, so every kind has a card to be entered on.
"""

#: (phase key, card slug) → the kinds of outcome entered on that card.
CARD_KINDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("investigate", "forstaaelse-af-udfordringen"): ("challenge",),
    ("investigate", "oensker-til-fremtidig-praksis"): ("desired_practice",),
    ("investigate", "overblik-over-erfaringer-og-kompetencer"): ("competence",),
    ("intervene", "det-vi-har-behov-for"): ("intervention",),
    ("intervene", "muligheder-for-kompetenceudvikling"): ("intervention",),
    ("intervene", "dem-vi-skal-have-med"): ("intervention",),
    ("plan", "synlighed-og-engagement"): ("engagement_action",),
    ("plan", "forankring-i-praksis"): ("anchoring_action",),
    ("plan", "organisering-opfoelgning-og-beslutning"): (
        "marker",
        "follow_up",
        "resource",
        "decision",
        "action",
    ),
}

#: The kinds of each phase in the order of its cards, for cards not in ``CARD_KINDS``.
PHASE_KINDS: dict[str, list[tuple[str, ...]]] = {
    "investigate": [("challenge",), ("desired_practice",), ("competence",)],
    "intervene": [("intervention",)],
    "plan": [
        ("engagement_action",),
        ("anchoring_action",),
        ("marker", "follow_up", "resource", "decision", "action"),
    ],
}

#: On each intervene card, which of an intervention's fields the card is about.
INTERVENTION_FOCUS: dict[str, str] = {
    "det-vi-har-behov-for": "experiences",
    "dem-vi-skal-have-med": "participants",
}


def kinds_for_card(phase_key: str, slug: str, index: int, count: int) -> tuple[str, ...]:
    """The kinds entered on the card at ``index`` (0-based) of ``count`` cards in its phase."""
    known = CARD_KINDS.get((phase_key, slug))
    if known:
        return known
    groups = PHASE_KINDS.get(phase_key, [])
    if not groups:
        return ()
    if index >= len(groups):
        return groups[-1] if len(groups) == 1 else ()
    if index == count - 1:
        return tuple(kind for group in groups[index:] for kind in group)
    return groups[index]
