"""GET /api/v1/toolkits/ and /api/v1/toolkits/{slug}/: public, as the contract says."""

import pytest

from kompetencedialog.toolkit.models import Card, Question
from tests.toolkit.test_content import SEED_CARDS, SEED_PHASES

pytestmark = pytest.mark.django_db


def test_list_is_public_and_paginated(client, dagtilbud):
    body = client.get("/api/v1/toolkits/").json()
    assert body["count"] == 2 and body["next"] is None
    assert {t["slug"] for t in body["items"]} == {"dagtilbud-2023", "skole-2023"}
    item = next(t for t in body["items"] if t["slug"] == "dagtilbud-2023")
    assert item == {
        "slug": "dagtilbud-2023",
        "variant": "dagtilbud",
        "version": "2023",
        "language": "da",
        "title": "Dialogredskab til strategisk kompetenceudvikling",
        "is_current": True,
    }
    page = client.get("/api/v1/toolkits/?limit=1").json()
    assert len(page["items"]) == 1 and "offset=1" in page["next"]


def test_detail_has_phases_cards_questions_and_examples(client, dagtilbud):
    body = client.get("/api/v1/toolkits/dagtilbud-2023/").json()
    assert [p["key"] for p in body["phases"]] == ["investigate", "intervene", "plan"]
    for phase in body["phases"]:
        seed = SEED_PHASES[phase["key"]]
        assert phase["title"] == seed["title"] and phase["question"] == seed["question"]
        assert phase["colour"] == seed["colour"] and phase["intro"] == seed["intro"]
        assert phase["central_questions"] == seed["central_questions"]
        assert [c["slug"] for c in phase["cards"]] == seed["cards"]
        for card in phase["cards"]:
            assert card["title"] == SEED_CARDS[card["slug"]][0]
            assert [q["text"] for q in card["questions"]] == SEED_CARDS[card["slug"]][1]
            assert all(isinstance(q["id"], int) for q in card["questions"])
    examples = body["phases"][1]["cards"][1]["examples"]
    assert examples[2] == "Sparring og supervision, ex samarbejde med andet dagtilbud"


def test_english_on_request(client, dagtilbud):
    body = client.get("/api/v1/toolkits/skole-2023/?lang=en").json()
    assert body["language"] == "en"
    assert body["phases"][0]["question"] == "What are our needs?"
    assert body["phases"][0]["cards"][0]["title"] == "Understanding the challenge"


def test_an_organisations_own_questions_are_not_published(client, dagtilbud, world):
    card = Card.objects.get(phase__toolkit=dagtilbud, slug="dem-vi-skal-have-med")
    Question.objects.create(card=card, organisation=world.institution, position=9, text="Egen?")
    body = client.get("/api/v1/toolkits/dagtilbud-2023/").json()
    assert "Egen?" not in str(body)


def test_unknown_slug_is_404_with_detail(client, dagtilbud):
    response = client.get("/api/v1/toolkits/findes-ikke/")
    assert response.status_code == 404 and response.json()["detail"]


def test_detail_uses_a_fixed_number_of_queries(client, dagtilbud, django_assert_num_queries):
    # toolkit, phases, cards, questions
    with django_assert_num_queries(4):
        client.get("/api/v1/toolkits/dagtilbud-2023/")
    with django_assert_num_queries(2):
        client.get("/api/v1/toolkits/")
