"""Follow-up in a real browser: the meeting's opening screen, MUS points, and axe everywhere."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from kompetencedialog.followup import reminders, services
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def followed_process(world, toolkit):
    process = factories.make_process(world.institution, toolkit=toolkit, title="Sprog i hverdagen")
    process.participants.add(world.leader, world.staff)
    today = timezone.localdate()
    action = factories.make_outcome(
        process,
        "action",
        "Aftal sprogpauser på stuerne",
        owner=world.staff,
        due=today - timedelta(days=3),
        status="open",
    )
    marker = factories.make_outcome(
        process,
        "marker",
        "Børnene fortæller om deres dag",
        owner=world.leader,
        due=today + timedelta(days=30),
        status="not_started",
    )
    factories.make_outcome(process, "decision", "Skal vi købe bøger?", status="pending")
    services.add_checkin(marker=marker, by=world.leader, status="on_track", evidence="Fire stuer")
    services.schedule_meeting(
        process=process,
        by=world.leader,
        title="Sidste opfølgning",
        starts_at=timezone.now() - timedelta(days=14),
    )
    services.schedule_meeting(
        process=process,
        by=world.leader,
        title="Næste opfølgning",
        starts_at=datetime.combine(today + timedelta(days=7), datetime.min.time()).replace(
            hour=14, tzinfo=CPH
        ),
        place="Personalestuen",
    )
    return process, action, marker


def test_a_leader_updates_last_meetings_actions_from_the_opening_screen(
    page, live_server, login, axe, world, followed_process
):
    process, action, _marker = followed_process
    login(world.leader)
    page.goto(f"{live_server.url}/opfoelgning/forloeb/{process.pk}/start/")
    page.wait_for_function("window.htmx !== undefined")
    assert page.get_by_role("heading", name="Siden sidst").is_visible()
    axe(page)
    item = page.locator(f"#followup-item-{action.pk}")
    assert "Overskredet siden" in item.inner_text()
    # Keyboard only: focus the status, choose "Færdig", and press the item's save button.
    select = page.get_by_label('Status for "Aftal sprogpauser på stuerne"')
    select.focus()
    select.select_option("done")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.get_by_role("status").get_by_text("er nu Færdig").wait_for()
    action.refresh_from_db()
    assert action.status == "done"
    # The item stays in place, updated, and the page is still clean.
    assert page.locator(f"#followup-item-{action.pk} select").input_value() == "done"
    axe(page)
    page.screenshot(path="/tmp/followup-start.png", full_page=True)


def test_staff_see_their_own_mus_point_and_404_for_a_colleagues(
    page, live_server, login, axe, world, followed_process
):
    process, _action, _marker = followed_process
    colleague = factories.make_member(world.institution, "staff", name="Kim Kollega")
    mine = services.add_development_point(
        process=process, by=world.leader, person=world.staff, text="Kursus i dialogisk læsning"
    )
    theirs = services.add_development_point(
        process=process, by=world.leader, person=colleague, text="Mere sparring"
    )
    login(world.staff)
    page.goto(f"{live_server.url}/opfoelgning/forloeb/{process.pk}/mus/")
    assert page.get_by_text("Kursus i dialogisk læsning").is_visible()
    assert page.get_by_text("Mere sparring").count() == 0
    axe(page)
    page.goto(f"{live_server.url}/opfoelgning/mus/{mine.pk}/")
    assert page.get_by_text("Kursus i dialogisk læsning").is_visible()
    axe(page)
    response = page.goto(f"{live_server.url}/opfoelgning/mus/{theirs.pk}/")
    assert response.status == 404


def test_every_follow_up_page_passes_axe(page, live_server, login, axe, world, followed_process):
    process, action, marker = followed_process
    point = services.add_development_point(
        process=process, by=world.leader, person=world.staff, text="Dialogisk læsning"
    )
    services.add_course_change(
        process=process,
        by=world.leader,
        what="Kun om formiddagen",
        why="Travlt",
        decided_by="Personalemødet",
        on=date(2027, 1, 5),
        outcomes=[marker],
    )
    template = services.save_as_template(
        process=process, by=world.leader, organisation=world.institution, title="Sprogskabelon"
    )
    services.create_calendar_feed(process=process, by=world.leader)
    meeting = process.followup_meetings.last()
    unsubscribe = reminders.unsubscribe_url(world.leader, "digest").split("8000", 1)[1]
    login(world.leader)
    paths = [
        "/",
        "/opfoelgning/",
        f"/opfoelgning/forloeb/{process.pk}/",
        f"/opfoelgning/forloeb/{process.pk}/start/",
        f"/opfoelgning/moeder/{meeting.pk}/",
        f"/opfoelgning/markoerer/{marker.pk}/",
        f"/opfoelgning/punkter/{action.pk}/status/",
        f"/opfoelgning/forloeb/{process.pk}/kursaendringer/",
        f"/opfoelgning/forloeb/{process.pk}/mus/",
        f"/opfoelgning/mus/{point.pk}/",
        "/opfoelgning/skabeloner/",
        f"/opfoelgning/forloeb/{process.pk}/skabelon/",
        f"/opfoelgning/skabeloner/{template.pk}/start/",
        f"/opfoelgning/forloeb/{process.pk}/kopier/",
        unsubscribe,
    ]
    for number, path in enumerate(paths):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        axe(page)
        page.screenshot(path=f"/tmp/followup-page-{number:02d}.png", full_page=True)


def test_form_errors_are_shown_next_to_the_field_and_pass_axe(
    page, live_server, login, axe, world, followed_process
):
    process, _action, marker = followed_process
    login(world.leader)
    page.goto(f"{live_server.url}/opfoelgning/markoerer/{marker.pk}/")
    page.get_by_label("Note").fill("Behold denne tekst")
    page.get_by_label("Dato").fill("")
    page.get_by_role("button", name="Gem opfølgningen").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Note").input_value() == "Behold denne tekst"
    axe(page)
    page.goto(f"{live_server.url}/opfoelgning/forloeb/{process.pk}/")
    page.get_by_label("Titel").fill("Ekstra møde")
    page.get_by_role("button", name="Føj til mødeplanen").click()
    assert page.get_by_label("Titel").input_value() == "Ekstra møde"
    axe(page)
    page.screenshot(path="/tmp/followup-errors.png", full_page=True)
