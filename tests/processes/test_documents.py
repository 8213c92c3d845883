"""The plan's PDF and DOCX show what the page shows, in Danish, in the right sections."""

import io
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from kompetencedialog.processes.documents import plan_docx, plan_pdf
from kompetencedialog.processes.selectors import plan_for
from kompetencedialog.processes.services import add_outcome, send_plan
from tests.conftest import client_for
from tests.factories import make_goal, make_process
from tests.processes.helpers import fill


@pytest.fixture
def process(world, toolkit):
    process = make_process(world.institution, title="Ro og nærvær", challenge="Uro i overgangene")
    process.goals.set([make_goal(world.municipality, title="Trivsel for alle børn")])
    fill(process, owner=world.leader)
    return process


def pdf_text(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()


def docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def in_order(text: str, *parts: str) -> bool:
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


def test_the_pdf_has_a_cover_and_every_section(process):
    content = plan_pdf(process, plan_for(process))
    text = pdf_text(content)
    assert in_order(text, "Eksempel Kommune", "Børnehuset Solsikken", "Ro og nærvær")
    assert in_order(
        text,
        "Trivsel for alle børn",
        "Udfordringen",
        "Uro ved frokost 0",
        "Kompetencer, vi har brug for",
        "Konflikthåndtering 0",
        "Kompetenceindsatser",
        "Kollegial sparring 0",
        "Ressourcer",
        "12.500 kr.",
        "Handlinger",
        "Book PPR 0",
    )
    assert "Side 2 af" in text


def test_the_docx_has_every_section_in_danish(process):
    text = docx_text(plan_docx(process, plan_for(process)))
    assert in_order(
        text,
        "Kompetenceudviklingsplan",
        "Ro og nærvær",
        "Udfordringen",
        "Uro ved frokost 0",
        "Forankring i praksis",
        "Fast punkt på stuemøder 0",
        "Tegn på udvikling",
        "Færre konflikter 0",
        "12. marts 2027",
    )


def test_a_version_document_shows_what_changed(process, world):
    send_plan(process=process, by=world.leader)
    add_outcome(process=process, by=world.leader, kind="challenge", text="Larm i garderoben")
    version = send_plan(process=process, by=world.leader)
    text = pdf_text(plan_pdf(process, version.content, version=version))
    assert "Version 2, sendt til forvaltningen" in text
    assert "Ændret siden forrige version" in text and "Larm i garderoben" in text


def test_the_cover_carries_the_municipality_logo(process, world):
    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (27, 95, 170)).save(buffer, format="PNG")
    world.municipality.logo.save("eksempel.png", ContentFile(buffer.getvalue()))
    content = plan_pdf(process, plan_for(process))
    listing = subprocess.run(
        ["pdfimages", "-list", "-"], input=content, capture_output=True, check=True
    )
    images = listing.stdout.decode().strip().splitlines()[2:]
    assert len(images) == 1 and " 40 " in images[0]


@pytest.mark.parametrize("extension", ["pdf", "docx"])
def test_the_download_name_keeps_danish_letters_as_ae_oe_aa(process, world, extension):
    process.title = "Vælg grøn år - Æble Øst Åen"
    process.save()
    response = client_for(world.leader).get(
        reverse(f"processes:plan_{extension}", kwargs={"process_id": process.pk})
    )
    assert response.status_code == 200
    assert (
        f'filename="kompetenceudviklingsplan-vaelg-groen-aar-aeble-oest-aaen.{extension}"'
        in response["Content-Disposition"]
    )
