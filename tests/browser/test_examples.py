"""The practice example journey in a real browser: a leader drafts one from a process, edits
and publishes it; a leader in another municipality finds it by searching. Axe on every page."""

from decimal import Decimal

import pytest

from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.processes.models import CompetenceArea
from kompetencedialog.processes.taxonomy import ensure_areas
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def finished_process(world, toolkit):
    # Transactional tests empty every table between tests, the migrated taxonomy too.
    ensure_areas(CompetenceArea)
    process = factories.make_process(
        world.institution,
        toolkit=toolkit,
        title="Legeguider",
        challenge="Børn, der står uden for legen",
        status="completed",
    )
    process.goals.add(factories.make_goal(world.municipality, "Stærke børnefællesskaber"))
    factories.make_outcome(process, "challenge", "Nogle børn står ofte uden for legen")
    factories.make_outcome(process, "desired_practice", "Alle børn er en del af en leg hver dag")
    factories.make_outcome(
        process,
        "competence",
        "Guidning af leg",
        competence_status="needed",
        area=CompetenceArea.objects.get(slug="play"),
    )
    factories.make_outcome(
        process, "intervention", "Supervision fra PPR om legeguidning", format="supervision"
    )
    factories.make_outcome(
        process, "marker", "Alle børn er med i en leg hver formiddag", status="reached"
    )
    factories.make_outcome(process, "resource", "Supervision", amount=Decimal("18000"), unit="DKK")
    return process


def test_a_leader_shares_a_process_and_another_municipality_finds_it(
    page, context, live_server, login, axe, world, finished_process
):
    login(world.leader)
    page.goto(f"{live_server.url}/forloeb/{finished_process.pk}/")
    page.get_by_role("button", name="Lav et praksiseksempel").click()
    page.get_by_role("heading", name="Redigér praksiseksemplet", level=1).wait_for()
    axe(page)
    assert (
        "Supervision fra PPR om legeguidning"
        in page.get_by_label("Praksis og proces").input_value()
    )
    assert "18.000 kr." in page.get_by_label("Nødvendige ressourcer").input_value()
    assert page.get_by_label("Leg", exact=True).is_checked()

    # Publishing without the advice says what is missing, next to the field.
    page.get_by_role("button", name="Gem og udgiv").click()
    page.get_by_text("Skriv dette afsnit, før I udgiver.").wait_for()
    axe(page)
    page.get_by_label("Det vigtigste råd til andre").fill(
        "Giv legeguiden en fast tid hver dag, og tal om legen på personalemødet."
    )
    page.get_by_role("button", name="Gem og udgiv").click()
    page.get_by_text("Praksiseksemplet er gemt og udgivet").wait_for()
    assert PracticeExample.objects.get().is_published
    axe(page)

    # A leader in Nabo Kommune finds it through the menu and a search.
    context.clear_cookies()
    login(world.outsider)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Praksiseksempler"
    ).click()
    page.get_by_role("heading", name="Praksiseksempler", level=1).wait_for()
    axe(page)
    page.get_by_label("Søg", exact=True).fill("legeguiden personalemødet")
    page.get_by_label("Kompetenceområde", exact=True).select_option(label="Leg")
    page.get_by_role("button", name="Søg", exact=True).click()
    page.get_by_role("heading", name="1 praksiseksempel").wait_for()
    axe(page)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"/tmp/examples-library-{width}.png", full_page=True)
    page.get_by_role("link", name="Børnehuset Solsikken: Børn, der står uden for legen").click()
    page.get_by_role("heading", name="Det vigtigste råd til andre").wait_for()
    assert page.get_by_role("link", name="Redigér").count() == 0
    axe(page)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"/tmp/examples-detail-{width}.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path="/tmp/examples-detail-print.png", full_page=True)
    assert not page.get_by_role("button", name="Log ud").is_visible()
