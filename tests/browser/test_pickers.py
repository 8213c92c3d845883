"""The people picker in a real browser: search as you type, pick with the keyboard, submit."""

import pytest
from playwright.sync_api import expect

from kompetencedialog.organisations.models import User
from kompetencedialog.processes.models import Process
from tests.organisations.test_pickers import crowd

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_finds_and_picks_participants_with_the_keyboard(
    page, live_server, login, axe, world, dagtilbud
):
    crowd(world.institution, 40)
    login(world.leader)
    page.goto(live_server.url + "/forloeb/nyt/")
    page.fill("#id_title", "Sprog i hverdagen")
    page.get_by_label("De personer, jeg vælger").check()
    search = page.get_by_label("Find en person ud fra navn eller e-mail")
    expect(page.get_by_text("Person 07")).to_have_count(0)

    # Typing searches after a pause; Enter in the search box searches and sends nothing.
    search.fill("person")
    search.press("Enter")
    expect(page.locator("#id_participants_status")).to_contain_text(
        "Mere end 20 personer passer på “person”."
    )
    search.fill("Person 07")
    expect(page.locator("#id_participants_status")).to_have_text("1 person passer på “Person 07”.")
    assert not Process.objects.exists()
    axe(page)

    # Tab past the search button to the match and tick it with the space bar.
    search.press("Tab")
    page.keyboard.press("Tab")
    match = page.get_by_label("Person 07")
    expect(match).to_be_focused()
    page.keyboard.press("Space")
    expect(match).to_be_checked()
    # A new search keeps the person: they move up among the chosen.
    search.fill("Pædagog")
    expect(page.locator("#id_participants_chosen")).to_contain_text("Person 07")
    page.get_by_label("Per Pædagog").check()
    axe(page)

    # Enter in another field sends the form (the search button is no longer its default).
    page.locator("#id_title").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprog i hverdagen")
    process = Process.objects.get()
    assert set(process.participants.all()) == {User.objects.get(name="Person 07"), world.staff}
