"""The example page reads like KL's document; the form says in Danish what to fix."""

import re
import subprocess

import pytest
from django.urls import reverse

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.examples.models import PracticeExample
from tests.conftest import client_for
from tests.factories import make_example

SEED_HEADINGS = [
    "Praksis og proces",
    "Kontekst og formål",
    "Sammenhæng til kommunal politik og strategi",
    "Erfaringer og opmærksomhedspunkter",
    "De næste skridt",
    "Nødvendige ressourcer",
    "Det vigtigste råd til andre",
    "Hvis du vil vide mere",
]


@pytest.fixture
def example(world):
    return make_example(
        world.municipality,
        title="Helhed og sammenhæng",
        policy="4 Udviklingsmål\n\n• Design/innovation\n• Rammesætning",
        contact_role="Konsulent",
    )


def test_the_page_has_the_seeds_headings_in_order(world, example):
    html = client_for(world.outsider).get(reverse("examples:detail", args=[example.pk]))
    text = html.content.decode()
    headings = re.findall(r"<h2 id=\"section-[a-z_]+\">([^<]+)</h2>", text)
    assert headings == SEED_HEADINGS
    assert "<h1>Eksempel Kommune: Helhed og sammenhæng</h1>" in text
    assert "<ul><li>Design/innovation</li><li>Rammesætning</li></ul>" in text
    assert "Lene Leder, Konsulent" in text
    assert 'href="mailto:lene@eksempel.test"' in text
    assert "Redigér" not in text  # a reader elsewhere may not change it


def test_the_pdf_reads_like_the_page(world, example):
    response = client_for(world.outsider).get(reverse("examples:pdf", args=[example.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True
    ).stdout.decode()
    positions = [text.index(heading) for heading in SEED_HEADINGS]
    assert positions == sorted(positions)
    assert "Eksempel Kommune: Helhed og sammenhæng" in text
    assert "KOMMUNALE PRAKSISEKSEMPLER" in text
    assert 'filename="praksiseksempel-helhed-og-sammenhaeng.pdf"' in response["Content-Disposition"]


def _form_data(world, **changes) -> dict:
    data = {
        "organisation": world.institution.pk,
        "title": "Legeguider",
        "date": "2027-03-12",
        "institution_type": "daycare",
        "practice": "Faste legeguider.",
        "context": "Børn stod uden for legen.",
        "policy": "",
        "experiences": "Det virker.",
        "next_steps": "",
        "resources": "",
        "advice": "Start småt.",
        "contact_name": "Lene Leder",
        "contact_role": "Leder",
        "contact_email": "lene@eksempel.test",
        "competence_areas": [],
    }
    return {**data, **changes}


def test_a_leader_writes_a_draft_and_publishes_it_later(world):
    client = client_for(world.leader)
    response = client.post(reverse("examples:new"), _form_data(world, advice=""))
    example = PracticeExample.objects.get()
    assert response["Location"] == reverse("examples:detail", args=[example.pk])
    assert not example.is_published
    response = client.post(reverse("examples:publish", args=[example.pk]))
    assert response.status_code == 422
    assert "Skriv først disse dele: Det vigtigste råd til andre." in response.content.decode()
    client.post(
        reverse("examples:edit", args=[example.pk]), _form_data(world, publish="1"), follow=True
    )
    example.refresh_from_db()
    assert example.is_published and example.advice == "Start småt."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Dette felt er påkrævet."),
        ({"contact_email": "ikke en"}, "contact_email", "Indtast en gyldig e-mail-adresse."),
        ({"date": "i morgen"}, "date", "Indtast en gyldig dato."),
        ({"publish": "1", "practice": ""}, "practice", "Skriv dette afsnit, før I udgiver."),
        (
            {"publish": "1", "contact_email": ""},
            "contact_email",
            "Skriv en e-mailadresse, som andre kan skrive til, før I udgiver.",
        ),
        (
            {"competence_areas": ["999999"]},
            "competence_areas",
            "Marker en gyldig valgmulighed.",
        ),
    ],
)
def test_bad_input_is_answered_in_danish_and_nothing_is_saved(world, changes, field, message):
    response = client_for(world.leader).post(reverse("examples:new"), _form_data(world, **changes))
    assert response.status_code == 422
    errors = response.context["form"].errors[field]
    assert any(error.startswith(message[:25]) for error in errors), errors
    assert not PracticeExample.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_leader_cannot_write_for_another_organisation(world):
    response = client_for(world.leader).post(
        reverse("examples:new"), _form_data(world, organisation=world.other_institution.pk)
    )
    assert response.status_code == 422
    assert "organisation" in response.context["form"].errors
    assert not PracticeExample.objects.exists()


def test_a_published_example_keeps_its_sections_when_edited(world):
    example = make_example(world.institution)
    response = client_for(world.leader).post(
        reverse("examples:edit", args=[example.pk]), _form_data(world, experiences="")
    )
    assert response.status_code == 422
    example.refresh_from_db()
    assert example.experiences and example.title == "Sprog i hele huset"


def test_a_draft_shows_its_author_the_empty_sections(world):
    draft = make_example(world.institution, published=False, resources="")
    text = client_for(world.leader).get(reverse("examples:detail", args=[draft.pk]))
    assert "Ikke skrevet endnu." in text.content.decode()
    assert "Kun personer i Børnehuset Solsikken kan se dette udkast." in text.content.decode()
