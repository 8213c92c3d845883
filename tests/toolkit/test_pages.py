"""The overview (like the poster), a page per phase and per card, in both variants."""

import pytest
from django.urls import reverse

from kompetencedialog.toolkit.models import Card, Question
from tests.conftest import client_for
from tests.toolkit.test_content import SEED_CARDS, SEED_PHASES

pytestmark = pytest.mark.django_db


def test_overview_shows_the_poster_centre_and_every_phases_central_questions(client, dagtilbud):
    response = client.get(reverse("toolkit:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Strategisk kompetenceudvikling i pædagogisk arbejde" in html
    for phase in SEED_PHASES.values():
        assert phase["question"] in html
    assert "Hvem skal være med til hvad i kompetenceudviklingsforløbet?" in html
    assert "Introduktion til dialogredskabet" in html
    assert "på en fri grundskole" not in html


def test_the_school_variant_has_the_school_wording(client, dagtilbud):
    html = client.get(reverse("toolkit:overview", args=["skole"])).content.decode()
    assert "på en fri grundskole" in html
    card = reverse(
        "toolkit:card", args=["skole", "intervene", "muligheder-for-kompetenceudvikling"]
    )
    html = client.get(card).content.decode()
    assert "Sparring og supervision, ex samarbejde med anden skole" in html
    assert "Faglige arrangementer på skolen" in html


def test_phase_page_has_intro_sections_central_questions_and_cards(client, dagtilbud):
    for key, seed in SEED_PHASES.items():
        html = client.get(reverse("toolkit:phase", args=["dagtilbud", key])).content.decode()
        assert seed["intro"] in html
        for heading in seed["headings"]:
            assert f">{heading}</h2>" in html
        for question in seed["central_questions"]:
            assert question in html
        for slug in seed["cards"]:
            assert SEED_CARDS[slug][0] in html


def test_card_page_has_every_question_and_the_examples(client, dagtilbud):
    for key, seed in SEED_PHASES.items():
        for slug in seed["cards"]:
            response = client.get(reverse("toolkit:card", args=["dagtilbud", key, slug]))
            html = response.content.decode().replace("&quot;", '"')
            for question in SEED_CARDS[slug][1]:
                assert question in html
    html = client.get(
        reverse("toolkit:card", args=["dagtilbud", "plan", "synlighed-og-engagement"])
    ).content.decode()
    assert "Løbende orientering?" in html


def test_unknown_phase_or_card_is_404(client, dagtilbud):
    assert client.get("/dialogredskab/dagtilbud/intervene/findes-ikke/").status_code == 404
    assert client.get("/dialogredskab/dagtilbud/afslutning/").status_code == 404
    # A card of one phase is not found under another.
    assert (
        client.get(
            reverse("toolkit:card", args=["dagtilbud", "plan", "dem-vi-skal-have-med"])
        ).status_code
        == 404
    )


def test_english_shows_the_translation(client, dagtilbud):
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(reverse("toolkit:phase", args=["dagtilbud", "investigate"])).content.decode()
    assert "What are our needs?" in html
    assert "Understanding the challenge" in html


def test_pages_use_a_fixed_number_of_queries(client, dagtilbud, world, django_assert_num_queries):
    url = reverse("toolkit:card", args=["dagtilbud", "investigate", "forstaaelse-af-udfordringen"])
    leader = client_for(world.leader)
    leader.get(url)
    # session, person, memberships, toolkit, phases, cards, questions (+ own-content links)
    with django_assert_num_queries(8):
        leader.get(reverse("toolkit:index"))
    card = Card.objects.get(phase__toolkit=dagtilbud, slug="forstaaelse-af-udfordringen")
    for n in range(30):
        Question.objects.create(
            card=card, organisation=world.institution, position=100 + n, text=f"Egen {n}?"
        )
    with django_assert_num_queries(8):
        leader.get(reverse("toolkit:index"))
    with django_assert_num_queries(7):
        leader.get(url)


def test_an_organisations_own_questions_show_only_in_its_subtree(client, dagtilbud, world):
    card = Card.objects.get(phase__toolkit=dagtilbud, slug="forstaaelse-af-udfordringen")
    Question.objects.create(
        card=card,
        organisation=world.municipality,
        position=50,
        text="Hvordan hænger det sammen med kommunens mål?",
    )
    url = reverse("toolkit:card", args=["dagtilbud", "investigate", card.slug])
    assert "kommunens mål" in client_for(world.staff).get(url).content.decode()
    assert "kommunens mål" in client_for(world.administration).get(url).content.decode()
    assert "kommunens mål" not in client_for(world.outsider).get(url).content.decode()
    assert "kommunens mål" not in client.get(url).content.decode()
