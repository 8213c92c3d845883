"""A leader drafts a practice example from a process: each section from its outcomes."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.examples.services import draft_from_process
from kompetencedialog.followup.models import CheckIn
from kompetencedialog.processes.models import CompetenceArea
from tests.conftest import client_for
from tests.factories import make_goal, make_outcome, make_process


@pytest.fixture
def process(world, toolkit):
    process = make_process(
        world.team, title="Sprog i hverdagen", challenge="Sprog i garderoben", status="completed"
    )
    process.goals.add(
        make_goal(
            world.municipality,
            "Et styrket sprogmiljø",
            description="Sproget understøttes hele dagen.",
        )
    )
    make_outcome(process, "challenge", "Garderoben er travl", description="Få ord bliver sagt.")
    make_outcome(process, "desired_practice", "Alle voksne sætter ord på")
    make_outcome(
        process,
        "competence",
        "Sprogstrategier",
        competence_status="needed",
        area=CompetenceArea.objects.get(slug="language"),
    )
    make_outcome(
        process,
        "competence",
        "Dialogisk læsning",
        competence_status="existing",
        area=CompetenceArea.objects.get(slug="play"),
    )
    make_outcome(
        process,
        "intervention",
        "Sparring hver anden uge",
        format="peer_sparring",
        details={"worked": "Korte møder på stuen"},
    )
    make_outcome(process, "engagement_action", "Fortællinger på personalemødet")
    make_outcome(process, "anchoring_action", "Fast sprogvært i garderoben")
    marker = make_outcome(process, "marker", "Børnene fortæller mere", status="on_track")
    CheckIn.objects.create(
        marker=marker, date=date(2027, 3, 12), status="on_track", evidence="Fire stuer"
    )
    make_outcome(
        process, "action", "Book kursus", status="open", owner_name="Lene", due=date(2027, 5, 1)
    )
    make_outcome(process, "action", "Køb bøger", status="done")
    make_outcome(process, "decision", "Mødetid til sparring", status="pending")
    make_outcome(process, "resource", "Vikartimer", amount=Decimal("18000"), unit="DKK")
    return process


def test_each_section_is_written_from_its_outcomes(world, process):
    example = draft_from_process(process=process, by=world.leader)
    assert example.status == PracticeExample.Status.DRAFT
    assert example.organisation == world.team
    assert example.process == process
    assert example.title == "Sprog i garderoben"
    assert example.institution_type == "daycare"  # from Børnehuset Solsikken above the team
    assert example.context == (
        "Kontekst:\n\n• Sprog i garderoben\n• Garderoben er travl: Få ord bliver sagt.\n\n"
        "Formål:\n\n• Alle voksne sætter ord på"
    )
    assert example.policy == "• Et styrket sprogmiljø: Sproget understøttes hele dagen."
    assert "• Sparring hver anden uge (kollegial sparring)" in example.practice
    assert "Synlighed og engagement:\n\n• Fortællinger på personalemødet" in example.practice
    assert "• Fast sprogvært i garderoben" in example.practice
    assert "• Børnene fortæller mere: på rette spor (12. marts 2027: Fire stuer)" in (
        example.experiences
    )
    assert "Det virkede:\n\n• Sparring hver anden uge: Korte møder på stuen" in (
        example.experiences
    )
    assert example.next_steps == "• Book kursus (Lene, 1. maj 2027)\n• Mødetid til sparring"
    assert example.resources == "• Vikartimer: 18.000 kr."
    assert example.advice == ""  # the leader's own words
    assert (example.contact_name, example.contact_email) == ("Lene Leder", "leder@eksempel.test")
    assert [area.slug for area in example.competence_areas.all()] == ["language"]
    assert AuditEntry.objects.get(action="example.drafted").data == {"process": process.pk}


def test_a_draft_from_a_teams_process_can_be_edited_and_published(world, process):
    example = draft_from_process(process=process, by=world.leader)
    client = client_for(world.leader)
    form = client.get(reverse("examples:edit", args=[example.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(advice="Start i garderoben.", publish="1", competence_areas=[])
    response = client.post(reverse("examples:edit", args=[example.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    example.refresh_from_db()
    assert example.is_published and example.organisation == world.team


def test_a_process_without_outcomes_gives_a_draft_with_empty_sections(world, toolkit):
    process = make_process(world.institution, title="Nyt forløb")
    example = draft_from_process(process=process, by=world.leader)
    assert example.title == "Nyt forløb"
    assert example.context == example.practice == example.experiences == ""


def test_the_button_on_the_process_page_drafts_and_opens_the_form(world, process):
    client = client_for(world.leader)
    page = client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    assert "Lav et praksiseksempel" in page
    response = client.post(reverse("examples:from_process", args=[process.pk]))
    example = PracticeExample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("examples:edit", args=[example.pk])
    page = client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    assert reverse("examples:detail", args=[example.pk]) in page


def test_staff_see_no_button_and_may_not_draft(world, process):
    client = client_for(world.staff)
    page = client.get(reverse("processes:detail", args=[process.pk])).content.decode()
    assert "Lav et praksiseksempel" not in page
    assert client.post(reverse("examples:from_process", args=[process.pk])).status_code == 403
    assert not PracticeExample.objects.exists()


def test_another_municipality_cannot_draft_from_the_process(world, process):
    response = client_for(world.outsider).post(reverse("examples:from_process", args=[process.pk]))
    assert response.status_code == 404
