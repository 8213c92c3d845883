"""An organisation's own questions and cards: added by its admin or leader, shown to its subtree,
never changing the original."""

import pytest
from django.urls import reverse

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.toolkit.models import Card, Question
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(dagtilbud):
    return Card.objects.get(phase__toolkit=dagtilbud, slug="forstaaelse-af-udfordringen")


def url(organisation):
    return reverse("toolkit:own_content", args=[organisation.pk])


def test_a_leader_adds_a_question_that_the_subtree_sees_and_the_original_keeps(card, world):
    originals = list(card.questions.values_list("pk", "text"))
    response = client_for(world.leader).post(
        url(world.institution),
        {"variant": "dagtilbud", "question-card": card.pk, "question-text": "Hvad siger børnene?"},
    )
    assert response.status_code == 302
    own = Question.objects.get(organisation=world.institution)
    assert own.card == card and own.text == "Hvad siger børnene?"
    assert list(card.questions.filter(organisation=None).values_list("pk", "text")) == originals
    assert AuditEntry.objects.filter(action="toolkit.own_question.added").exists()
    card_url = reverse("toolkit:card", args=["dagtilbud", "investigate", card.slug])
    assert "Hvad siger børnene?" in client_for(world.staff).get(card_url).content.decode()
    assert "Hvad siger børnene?" not in client_for(world.outsider).get(card_url).content.decode()
    # The municipality is above the institution, not in its subtree.
    admin_view = client_for(world.administration).get(card_url).content.decode()
    assert "Hvad siger børnene?" not in admin_view


def test_a_leader_adds_a_card_of_their_own(dagtilbud, world):
    phase = dagtilbud.phases.get(key="plan")
    client_for(world.leader).post(
        url(world.institution),
        {
            "variant": "dagtilbud",
            "card-phase": phase.pk,
            "card-title": "Sprogmål",
            "card-questions": "Hvordan måler vi sprog?\n\nHvem følger op?\n",
        },
    )
    card = Card.objects.get(organisation=world.institution)
    assert card.phase == phase and card.position == 4
    assert card.slug == f"{world.institution.pk}-sprogmaal"
    assert [q.text for q in card.questions.all()] == ["Hvordan måler vi sprog?", "Hvem følger op?"]
    phase_url = reverse("toolkit:phase", args=["dagtilbud", "plan"])
    assert "Sprogmål" in client_for(world.staff).get(phase_url).content.decode()
    assert "Sprogmål" not in client_for(world.outsider).get(phase_url).content.decode()


def test_errors_are_shown_next_to_the_field_keeping_what_was_typed(dagtilbud, world):
    response = client_for(world.leader).post(
        url(world.institution),
        {"variant": "dagtilbud", "card-title": "Sprogmål", "card-questions": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "form-error-message" in html and 'value="Sprogmål"' in html
    assert not Card.objects.filter(organisation__isnull=False).exists()


def test_staff_may_not_and_outsiders_do_not_see_it(dagtilbud, world):
    assert client_for(world.staff).get(url(world.institution)).status_code == 403
    assert client_for(world.outsider).get(url(world.institution)).status_code == 404


def test_removing_an_own_question_leaves_the_originals(card, world):
    own = Question.objects.create(
        card=card, organisation=world.institution, position=9, text="Egen?"
    )
    count = Question.objects.count()
    client = client_for(world.leader)
    remove = reverse("toolkit:remove_own_question", args=[world.institution.pk, own.pk])
    assert client.post(remove).status_code == 302
    assert Question.objects.count() == count - 1
    original = card.questions.filter(organisation=None).first()
    remove = reverse("toolkit:remove_own_question", args=[world.institution.pk, original.pk])
    assert client.post(remove).status_code == 404
