"""The printable cards (A6, front and back, crop marks) and the poster (A3)."""

import io
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.toolkit.test_content import SEED_CARDS, SEED_PHASES

pytestmark = pytest.mark.django_db

A6 = (297.6, 419.5)  # points
A3 = (841.9, 1190.6)


def text_of(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    # Joined lines and hyphens, so a question broken over two lines is found whole.
    return " ".join(result.stdout.decode().split())


def normalised(text: str) -> str:
    return " ".join(text.split())


def words_of(text: str) -> list[str]:
    return [w.strip('?.,;"”') for w in text.split()]


@pytest.fixture
def cards_pdf(client, dagtilbud):
    response = client.get(reverse("toolkit:cards_pdf", args=["dagtilbud"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_cards_are_two_a6_pages_each_with_bleed_for_the_crop_marks(cards_pdf):
    reader = PdfReader(io.BytesIO(cards_pdf))
    assert len(reader.pages) == 2 * len(SEED_CARDS)
    for page in reader.pages:
        trim = page.trimbox
        assert (round(float(trim.width), 1), round(float(trim.height), 1)) == A6
        assert float(page.mediabox.width) > float(trim.width)  # room for bleed and marks


def test_cards_contain_every_question_and_title(cards_pdf):
    text = text_of(cards_pdf)
    # pdftotext keeps the hyphen of a word broken at a line end: compare word by word without it.
    flat = text.replace("- ", "").replace("-", "")
    for title, questions in SEED_CARDS.values():
        assert title in text
        for question in questions:
            assert " ".join(words_of(question)).replace("-", "") in " ".join(words_of(flat))
    assert "Faglige arrangementer i dagtilbuddet" in text


def test_the_poster_is_one_a3_page_with_every_central_question(client, dagtilbud):
    response = client.get(reverse("toolkit:poster_pdf", args=["skole"]))
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == A3
    text = " ".join(words_of(text_of(response.content)))
    assert "Strategisk kompetenceudvikling i pædagogisk arbejde" in text
    for phase in SEED_PHASES.values():
        for question in phase.get("poster_questions", phase["central_questions"]):
            assert " ".join(words_of(question)) in text
