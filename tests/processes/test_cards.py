from kompetencedialog.processes.cards import kinds_for_card
from kompetencedialog.processes.forms import OutcomeForm


def test_the_published_cards_have_their_kinds():
    assert kinds_for_card("investigate", "forstaaelse-af-udfordringen", 0, 3) == ("challenge",)
    assert kinds_for_card("investigate", "overblik-over-erfaringer-og-kompetencer", 2, 3) == (
        "competence",
    )
    assert kinds_for_card("intervene", "dem-vi-skal-have-med", 2, 3) == ("intervention",)
    assert kinds_for_card("plan", "organisering-opfoelgning-og-beslutning", 2, 3) == (
        "marker",
        "follow_up",
        "resource",
        "decision",
        "action",
    )


def test_unknown_cards_share_the_phase_kinds_and_the_last_takes_the_rest():
    assert kinds_for_card("investigate", "a", 0, 2) == ("challenge",)
    assert kinds_for_card("investigate", "b", 1, 2) == ("desired_practice", "competence")
    assert kinds_for_card("intervene", "c", 4, 5) == ("intervention",)
    assert kinds_for_card("plan", "d", 3, 4) == ()


def test_the_card_about_participants_asks_about_them_first(world, toolkit):
    from tests.factories import make_process

    process = make_process(world.institution)
    form = OutcomeForm(kind="intervention", process=process, focus="participants")
    assert list(form.fields)[:4] == ["text", "participants", "why", "external_partners"]
