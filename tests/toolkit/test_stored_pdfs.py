"""The printable cards and poster are rendered once and then served from storage.

Rendering takes most of a second and anyone may ask; what is served must still be exactly what
the reader may see: the current texts, in their language, with their organisation's own cards
and never another's.
"""

from unittest import mock

import pytest
import weasyprint
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from kompetencedialog.toolkit.models import Phase, Question
from kompetencedialog.toolkit.pdf import STORED_PDFS
from kompetencedialog.toolkit.services import add_own_card
from tests.conftest import client_for
from tests.toolkit.test_print import text_of

CARDS = reverse("toolkit:cards_pdf", args=["dagtilbud"])
POSTER = reverse("toolkit:poster_pdf", args=["dagtilbud"])


@pytest.fixture(autouse=True)
def empty_storage(settings):
    # A fresh in-memory storage: PDFs stored by earlier tests are not there.
    settings.STORAGES = {**settings.STORAGES, "default": dict(settings.STORAGES["default"])}


@pytest.fixture
def renders():
    """Counts the PDFs WeasyPrint renders (and renders them)."""
    with mock.patch.object(
        weasyprint.HTML, "write_pdf", autospec=True, side_effect=weasyprint.HTML.write_pdf
    ) as write_pdf:
        yield write_pdf


def test_the_second_download_is_served_without_rendering(client, dagtilbud, renders):
    first = client.get(CARDS)
    second = client.get(CARDS)
    assert renders.call_count == 1
    assert second.status_code == 200 and second["Content-Type"] == "application/pdf"
    assert second.content == first.content
    assert "Faglige arrangementer i dagtilbuddet" in text_of(second.content)
    client.get(POSTER)
    client.get(POSTER)
    assert renders.call_count == 2


def test_a_reloaded_text_is_never_served_from_the_old_pdf(client, dagtilbud, renders):
    question = Question.objects.filter(card__phase__toolkit=dagtilbud, organisation=None).first()
    old_text = question.text
    assert " ".join(old_text.split()[:3]) in text_of(client.get(CARDS).content)
    question.text = "Et helt nyt spørgsmål fra den nye version?"
    question.save()
    text = text_of(client.get(CARDS).content)
    assert "Et helt nyt spørgsmål fra den nye version?" in text
    assert renders.call_count == 2


def test_loading_the_texts_again_forgets_the_stored_pdfs(client, dagtilbud, renders):
    client.get(CARDS)
    call_command("load_toolkits", verbosity=0)
    client.get(CARDS)
    assert renders.call_count == 2


def test_each_language_has_its_own_pdf(client, dagtilbud):
    danish = text_of(client.get(CARDS, HTTP_ACCEPT_LANGUAGE="da").content)
    english = text_of(client.get(CARDS, HTTP_ACCEPT_LANGUAGE="en").content)
    assert "Fase 1" in danish and "Fase 1" not in english
    assert "Phase 1" in english


def test_an_organisations_own_card_is_printed_for_it_and_for_nobody_else(
    client, dagtilbud, world, renders
):
    add_own_card(
        organisation=world.institution,
        phase=Phase.objects.get(toolkit=dagtilbud, key="investigate"),
        title="Solsikkens hemmelige kort",
        questions=["Hvad ved kun vi om legepladsen?"],
        by=world.leader,
    )
    assert "Solsikkens hemmelige kort" in text_of(client_for(world.leader).get(CARDS).content)
    assert "Solsikkens hemmelige kort" in text_of(client_for(world.staff).get(CARDS).content)
    assert "Solsikkens hemmelige kort" not in text_of(client.get(CARDS).content)
    assert "Solsikkens hemmelige kort" not in text_of(client_for(world.outsider).get(CARDS).content)
    # The leader and the staff member see the same cards: one PDF for both, one for the others.
    assert renders.call_count == 2


def test_a_full_disk_does_not_stop_the_download(client, dagtilbud):
    with mock.patch(
        "django.core.files.storage.InMemoryStorage.save", side_effect=OSError("No space left")
    ):
        response = client.get(CARDS)
    assert response.status_code == 200
    assert "Faglige arrangementer i dagtilbuddet" in text_of(response.content)


def test_a_pdf_cut_short_in_storage_is_never_served_and_is_replaced(client, dagtilbud, renders):
    whole = client.get(CARDS).content
    (name,) = default_storage.listdir(STORED_PDFS)[1]
    default_storage.delete(f"{STORED_PDFS}/{name}")
    default_storage.save(f"{STORED_PDFS}/{name}", ContentFile(whole[: len(whole) // 2]))
    assert client.get(CARDS).content == whole
    assert client.get(CARDS).content == whole
    assert renders.call_count == 2  # the cut file was rendered again once, then served
