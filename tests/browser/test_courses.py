"""A leader finds a learning day, enrols, fills in the mapping and sees it under My enrolments;
axe on every page, at desktop and phone widths."""

import pytest

from kompetencedialog.courses.models import ActivityMapping
from kompetencedialog.demo.courses import STRONG_DAYCARE, load_courses
from tests.courses.conftest import make_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed_courses(world):
    load_courses(world.municipality, world.administration)
    return world


def test_a_leader_enrols_fills_in_the_mapping_and_sees_it(
    page, live_server, login, axe, seed_courses
):
    world = seed_courses
    login(world.leader)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Kurser og læringsdage").first.click()
    assert page.locator("h1").inner_text() == "Kurser og læringsdage"
    axe(page)
    page.screenshot(path="/tmp/courses-catalogue-1280.png", full_page=True)

    page.get_by_label("Kun kurser med ledige pladser").check()
    page.get_by_role("button", name="Vis").click()
    page.get_by_role("link", name=STRONG_DAYCARE["title"], exact=True).click()
    assert "7,5 timer" in page.content()
    axe(page)
    page.screenshot(path="/tmp/courses-detail-1280.png", full_page=True)

    page.get_by_role("button", name="Tilmeld").first.click()
    assert "er tilmeldt" in page.locator(".kd-messages").inner_text()
    assert page.locator("h1").inner_text() == "Før læringsdagen: kortlægning"
    page.get_by_role("button", name="Gem kortlægningen").click()
    assert "Dette felt er påkrævet." in page.content()
    axe(page)
    page.get_by_label("Hvilke udviklingsaktiviteter er i gang i dag?").fill(
        "Sprognetværk for pædagoger og et lederforum om læreplanen"
    )
    page.get_by_role("button", name="Gem kortlægningen").click()

    assert page.locator("h1").inner_text() == "Mine tilmeldinger"
    row = page.locator("tr", has_text=STRONG_DAYCARE["title"])
    assert "Tilmeldt" in row.inner_text()
    assert "Kortlægning udfyldt" in row.inner_text()
    axe(page)
    page.screenshot(path="/tmp/courses-mine-1280.png", full_page=True)
    assert ActivityMapping.objects.get().activities.startswith("Sprognetværk")

    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path="/tmp/courses-mine-375.png", full_page=True)
    page.get_by_role("link", name=STRONG_DAYCARE["title"], exact=True).click()
    axe(page)
    page.screenshot(path="/tmp/courses-detail-375.png", full_page=True)


def test_the_administration_sees_teams_and_waitlist(page, live_server, login, axe, seed_courses):
    world = seed_courses
    course = world.municipality.courses.get(title=STRONG_DAYCARE["title"])
    make_run(course, capacity=1)
    login(world.administration)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + f"/kurser/{course.pk}/hold/")
    assert page.locator("h1").inner_text() == "Hold og deltagere"
    axe(page)
    page.screenshot(path="/tmp/courses-runs-1280.png", full_page=True)
