"""On a 375 px phone no page is wider than the screen: wide tables scroll in their own region."""

import pytest

from kompetencedialog.organisations.models import AccessToken
from kompetencedialog.processes.services import send_plan
from tests.factories import make_goal, make_process
from tests.processes.helpers import fill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 375


def test_the_main_pages_fit_a_375_px_screen(page, live_server, login, axe, world, toolkit):
    for n in range(3):
        AccessToken.issue(world.leader, f"Integration med lønsystemet nummer {n}")
    make_goal(
        world.municipality,
        title="Alle børn skal trives i fællesskaber",
        description="Et langt mål med en beskrivelse, der fylder godt i tabellen på en telefon.",
    )
    process = make_process(world.institution, title="Sprog i hverdagen")
    fill(process, owner=world.leader)
    send_plan(process=process, by=world.leader)
    login(world.leader)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    pages = [
        "/profil/",
        "/forloeb/maal/",
        f"/forloeb/{process.pk}/plan/",
        f"/forloeb/{process.pk}/",
        "/forloeb/",
        f"/opfoelgning/forloeb/{process.pk}/",
        "/opfoelgning/",
        "/dialogredskab/",
        "/",
    ]
    for address in pages:
        page.goto(live_server.url + address)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= WIDTH, f"{address} is {width} px wide"
        for region in page.locator(".table--responsive-scroll").all():
            assert region.get_attribute("tabindex") == "0"
            assert region.get_attribute("role") == "region"
        page.screenshot(path=f"/tmp/small-{address.strip('/').replace('/', '-') or 'front'}.png")
        if page.locator(".table--responsive-scroll").count():
            axe(page)  # the scroll regions are focusable and labelled
    page.goto(live_server.url + f"/forloeb/{process.pk}/plan/")
    textarea = page.locator("textarea[name=message]")
    assert textarea.bounding_box()["width"] <= WIDTH


def test_the_overview_fits_a_375_px_screen(page, live_server, login, axe, world, toolkit):
    process = make_process(world.institution)
    fill(process, owner=world.leader)
    send_plan(process=process, by=world.leader)
    login(world.administration)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    for address in (
        f"/overblik/{world.municipality.pk}/",
        f"/overblik/{world.municipality.pk}/historik/",
    ):
        page.goto(live_server.url + address)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= WIDTH, f"{address} is {width} px wide"
        axe(page)
