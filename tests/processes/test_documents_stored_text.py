"""The plan's documents survive text that was stored before it was cleaned at the door."""

import io

import pytest
from django.urls import reverse
from docx import Document

from kompetencedialog.processes.models import Outcome
from tests.conftest import client_for
from tests.factories import make_goal, make_outcome, make_process
from tests.processes.test_documents import pdf_text


@pytest.fixture
def process(world, toolkit):
    process = make_process(world.institution, title="Ro\x0bog nærvær", challenge="Uro\x0cnu")
    process.goals.set([make_goal(world.municipality, title="Trivsel\x0bfor alle")])
    make_outcome(process, "challenge", "Uro ved\x0bfrokost\x01")
    # As a live contribution promoted before the cleaning could have brought it in.
    Outcome.objects.filter(process=process).update(description="Fra mødet\x01 i dag")
    return process


def _get(world, process, name):
    address = reverse(f"processes:{name}", kwargs={"process_id": process.pk})
    response = client_for(world.leader).get(address)
    assert response.status_code == 200
    return response.content


def test_the_docx_answers_with_the_text_cleaned(world, process):
    text = "\n".join(
        p.text for p in Document(io.BytesIO(_get(world, process, "plan_docx"))).paragraphs
    )
    assert "Ro\nog nærvær" in text
    assert "Uro ved\nfrokost" in text
    assert "Fra mødet i dag" in text


def test_the_pdf_answers_with_the_text_cleaned(world, process):
    text = pdf_text(_get(world, process, "plan_pdf"))
    assert "Uro ved" in text and "frokost" in text
