"""The meeting view and its notes: who may open a notebook, and notes saved as you type."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import Membership
from kompetencedialog.toolkit.models import Note, Notebook, Question
from tests import factories
from tests.conftest import client_for
from tests.toolkit.test_content import SEED_CARDS, SEED_PHASES

pytestmark = pytest.mark.django_db


@pytest.fixture
def notebook(dagtilbud, world):
    return Notebook.objects.create(toolkit=dagtilbud, organisation=world.institution, title="Sprog")


def first_question(toolkit, card="forstaaelse-af-udfordringen"):
    return Question.objects.get(card__phase__toolkit=toolkit, card__slug=card, position=1)


def save(client, notebook, question, text):
    url = reverse("toolkit:save_note", args=[notebook.pk, question.pk])
    return client.post(url, {"text": text}, HTTP_HX_REQUEST="true")


def test_meeting_view_shows_every_card_and_question_of_the_phase(notebook, world):
    url = reverse("toolkit:meeting", args=[notebook.pk, "intervene"])
    html = client_for(world.staff).get(url).content.decode()
    for slug in SEED_PHASES["intervene"]["cards"]:
        title, questions = SEED_CARDS[slug]
        assert title in html
        for question in questions:
            assert question in html
    assert "Faglige arrangementer i dagtilbuddet" in html


def test_a_card_url_starts_the_meeting_at_that_cards_first_question(notebook, world):
    url = reverse("toolkit:meeting_card", args=[notebook.pk, "intervene", "dem-vi-skal-have-med"])
    html = client_for(world.leader).get(url).content.decode()
    # 1 + 9 slides for the first card, 1 + 6 for the second: the third card's title has index 17
    # and its first question, where the notes are written, index 18.
    assert 'data-start="18"' in html


def test_staff_take_notes_and_they_are_shown_again(notebook, world, dagtilbud):
    question = first_question(dagtilbud)
    response = save(client_for(world.staff), notebook, question, "Uro ved frokosten")
    assert response.status_code == 200
    assert "Gemt" in response.content.decode()
    assert Note.objects.get(notebook=notebook, question=question).text == "Uro ved frokosten"
    save(client_for(world.leader), notebook, question, "Uro ved frokosten og i garderoben")
    note = Note.objects.get(notebook=notebook, question=question)
    assert note.text == "Uro ved frokosten og i garderoben" and note.updated_by == world.leader
    url = reverse("toolkit:meeting", args=[notebook.pk, "investigate"])
    assert "Uro ved frokosten og i garderoben" in client_for(world.staff).get(url).content.decode()
    assert AuditEntry.objects.filter(action="toolkit.note.saved").count() == 2


def test_outsiders_get_404_and_viewers_may_not_write(notebook, world, dagtilbud):
    question = first_question(dagtilbud)
    meeting = reverse("toolkit:meeting", args=[notebook.pk, "investigate"])
    assert client_for(world.outsider).get(meeting).status_code == 404
    assert save(client_for(world.outsider), notebook, question, "x").status_code == 404
    viewer = factories.make_member(world.institution, Membership.Role.VIEWER)
    assert client_for(viewer).get(meeting).status_code == 200
    assert save(client_for(viewer), notebook, question, "x").status_code == 403
    assert not Note.objects.exists()


def test_a_practice_notebook_is_its_owners_alone(dagtilbud, world):
    response = client_for(world.staff).post(reverse("toolkit:start_practice", args=["skole"]))
    notebook = Notebook.objects.get(owner=world.staff)
    assert notebook.toolkit.variant == "skole" and notebook.organisation is None
    assert response.url == reverse("toolkit:meeting", args=[notebook.pk, "investigate"])
    question = first_question(notebook.toolkit)
    assert save(client_for(world.staff), notebook, question, "Øvelse").status_code == 200
    assert save(client_for(world.leader), notebook, question, "Nej").status_code == 404
    assert client_for(world.leader).get(response.url).status_code == 404


def test_practice_can_start_at_a_phase(dagtilbud, world):
    url = reverse("toolkit:start_practice", args=["dagtilbud"])
    response = client_for(world.staff).post(url, {"phase": "plan"})
    notebook = Notebook.objects.get(owner=world.staff)
    assert response.url == reverse("toolkit:meeting", args=[notebook.pk, "plan"])


def test_a_question_of_another_toolkit_is_404(notebook, world):
    skole = first_question(notebook.toolkit.__class__.objects.get(slug="skole-2023"))
    assert save(client_for(world.staff), notebook, skole, "x").status_code == 404


def test_another_organisations_own_question_is_404(notebook, world, dagtilbud):
    card = first_question(dagtilbud).card
    theirs = Question.objects.create(
        card=card, organisation=world.other_institution, position=99, text="Deres?"
    )
    assert save(client_for(world.staff), notebook, theirs, "x").status_code == 404


def test_too_long_notes_are_refused_and_nothing_is_stored(notebook, world, dagtilbud):
    response = save(client_for(world.staff), notebook, first_question(dagtilbud), "x" * 20_001)
    assert response.status_code == 422
    assert not Note.objects.exists()


def test_anonymous_people_are_sent_to_log_in(notebook):
    response = Client().get(reverse("toolkit:meeting", args=[notebook.pk, "investigate"]))
    assert response.status_code == 302
    assert response.url.startswith(resolve_url(settings.LOGIN_URL)) and "next=" in response.url


def test_meeting_view_uses_a_fixed_number_of_queries(
    notebook, world, dagtilbud, django_assert_num_queries
):
    client = client_for(world.staff)
    url = reverse("toolkit:meeting", args=[notebook.pk, "investigate"])
    client.get(url)
    # session, person, notebook, memberships, phases, cards, questions, notes
    with django_assert_num_queries(8):
        client.get(url)
    for question in Question.objects.filter(card__phase__toolkit=dagtilbud):
        Note.objects.create(notebook=notebook, question=question, text="Noter")
    with django_assert_num_queries(8):
        client.get(url)


def test_a_logged_out_note_taker_gets_401_not_a_login_page(notebook, dagtilbud):
    # htmx would follow a redirect and take the login page for a saved note.
    response = save(Client(), notebook, first_question(dagtilbud), "Uro")
    assert response.status_code == 401
    assert not Note.objects.exists()
