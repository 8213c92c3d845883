"""A live meeting in real browsers: a facilitator, the projector and three phones.

pytest-django's live server speaks only WSGI, so the meeting runs on uvicorn in a thread of this
test process, serving the same ASGI application (and so the same test database) as production.
"""

import threading
import time

import pytest
import uvicorn
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.test import Client
from playwright.sync_api import expect

from kompetencedialog.asgi import application
from kompetencedialog.meetings.models import Contribution, PromotedOutcome
from kompetencedialog.meetings.services import open_meeting
from kompetencedialog.processes.models import Outcome
from tests.factories import make_outcome, make_process
from tests.meetings.servers import free_port

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def asgi_server(transactional_db, settings):
    # Plain static names, served from the apps' folders whatever storage the settings name.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    port = free_port()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(application),
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def log_in(context, url: str, user) -> None:
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}]
    )


@pytest.fixture
def meeting(world, toolkit):
    process = make_process(world.institution, toolkit=toolkit, title="Sprog i hverdagen")
    make_outcome(process, "action", "Ring til PPR", status="open")
    return open_meeting(process=process, by=world.leader, phase="investigate", hidden=True)


def new_phone(browser, url: str):
    context = browser.new_context(
        viewport={"width": 360, "height": 640}, locale="da-DK", is_mobile=True, has_touch=True
    )
    return context, context.new_page()


def test_a_meeting_from_phones_to_a_needed_competence(
    browser, context, page, asgi_server, meeting, world, axe
):
    log_in(context, asgi_server, world.leader)
    page.goto(f"{asgi_server}/moeder/{meeting.pk}/")
    expect(page.get_by_text("Ring til PPR")).to_be_visible()
    expect(page.locator("#kd-status")).to_have_text("Forbundet")
    axe(page)

    projector = context.new_page()
    projector.set_viewport_size({"width": 1600, "height": 900})
    projector.goto(f"{asgi_server}/moeder/{meeting.pk}/projektor/")
    expect(projector.locator("#kd-code")).to_have_text(meeting.code)
    expect(projector.locator("#kd-question")).to_have_text("Spørgsmål 1.1.1?")
    axe(projector)

    phones = []
    texts = ["Sprogstimulering i garderoben", "Sproglige aktiviteter <b>hver dag</b>", "Udeliv"]
    for n, text in enumerate(texts):
        phone_context, phone = new_phone(browser, asgi_server)
        phones.append((phone_context, phone))
        phone.goto(f"{asgi_server}/m/{meeting.code}/")
        if n == 0:
            axe(phone)
        phone.get_by_label("Dit navn (valgfrit)").fill(f"Deltager {n + 1}")
        phone.get_by_role("button", name="Deltag").click()
        expect(phone.locator("#kd-question")).to_have_text("Spørgsmål 1.1.1?")
        phone.get_by_label("Spørgsmål 1.1.1?").fill(text)
        phone.get_by_role("button", name="Send").click()
        expect(phone.locator("#kd-mine")).to_contain_text(text)
        expect(phone.locator("#kd-mine")).to_contain_text("Sendt")
    axe(phones[0][1])
    phones[0][1].screenshot(path="/tmp/meetings-phone.png", full_page=True)

    # Hidden until revealed: the projector shows only how many there are.
    expect(projector.locator("#kd-hidden")).to_contain_text("3 bidrag er skjult")
    expect(projector.locator(".kd-note")).to_have_count(0)
    page.get_by_role("button", name="Vis bidrag", exact=True).click()
    expect(projector.locator(".kd-note")).to_have_count(3)
    expect(projector.locator("#kd-board")).to_contain_text("Sproglige aktiviteter <b>hver dag</b>")
    assert projector.locator("#kd-board b").count() == 0  # text, never markup

    # Group the two about language with the keyboard: focus, Space, then "Saml i tema".
    for text in texts[:2]:
        note = page.locator(".kd-note", has_text=text)
        note.focus()
        page.keyboard.press(" ")
        expect(page.locator(".kd-note", has_text=text)).to_have_attribute("aria-selected", "true")
    page.get_by_label("Titel på nyt tema").fill("Sprog")
    page.get_by_role("button", name="Saml i tema").click()
    sprog = projector.locator(".kd-column", has=projector.get_by_role("heading", name="Sprog"))
    expect(sprog.locator(".kd-note")).to_have_count(2)

    # Dot voting: three dots each; two phones put theirs on "Sprog".
    page.get_by_role("button", name="Start afstemning").click()
    for _context, phone in phones[:2]:
        for _ in range(3):
            phone.get_by_role("button", name="Giv en prik: Sprog").click()
        expect(phone.locator("#kd-dots-left")).to_have_text("Prikker tilbage: 0")
    phones[2][1].get_by_role("button", name="Giv en prik: Udeliv").click()
    expect(phones[2][1].locator("#kd-dots-left")).to_have_text("Prikker tilbage: 2")
    axe(phones[2][1])
    page.get_by_role("button", name="Vis resultatet").click()
    expect(projector.locator(".kd-result").first).to_contain_text("Sprog 6 prikker")
    projector.screenshot(path="/tmp/meetings-projector.png", full_page=True)

    # The winner becomes a needed competence of the process.
    page.get_by_label("Slags resultat").select_option("competence")
    page.get_by_label("Fra", exact=True).select_option(label="Sprog")
    page.get_by_role("button", name="Gør til resultat", exact=True).click()
    expect(page.locator("#kd-promoted")).to_contain_text("Sprog")
    page.screenshot(path="/tmp/meetings-facilitator.png", full_page=True)
    axe(page)

    outcome = Outcome.objects.get(process=meeting.process, kind="competence")
    assert outcome.text == "Sprog" and outcome.competence_status == "needed"
    assert set(
        PromotedOutcome.objects.get(outcome=outcome).contributions.values_list("text", flat=True)
    ) == set(texts[:2])
    assert Contribution.objects.filter(meeting=meeting).count() == 3

    page.get_by_role("button", name="Afslut mødet").click()
    expect(page.get_by_role("heading", name="Referat af mødet")).to_be_visible()
    expect(page.get_by_text("Sprog", exact=True).first).to_be_visible()
    axe(page)
    for phone_context, _phone in phones:
        phone_context.close()


def test_a_phone_offline_queues_and_sends_when_the_connection_is_back(
    browser, asgi_server, meeting
):
    meeting.hidden = False
    meeting.save()
    phone_context, phone = new_phone(browser, asgi_server)
    phone.goto(f"{asgi_server}/m/{meeting.code}/")
    phone.get_by_role("button", name="Deltag").click()
    expect(phone.locator("#kd-status")).to_have_text("Forbundet")
    phone_context.set_offline(True)
    expect(phone.locator("#kd-status")).to_contain_text("sendes, når forbindelsen er tilbage")
    phone.get_by_label("Spørgsmål 1.1.1?").fill("Skrevet uden net")
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".kd-mine-item--queued")).to_contain_text("sendes, når forbindelsen")
    assert not Contribution.objects.exists()
    phone_context.set_offline(False)
    expect(phone.locator(".kd-mine-item--queued")).to_have_count(0, timeout=15000)
    expect(phone.locator("#kd-mine")).to_contain_text("Skrevet uden net · Sendt")
    assert Contribution.objects.get().text == "Skrevet uden net"
    phone_context.close()


def test_a_leader_opens_a_meeting_from_the_form(context, page, asgi_server, world, toolkit, axe):
    process = make_process(world.institution, toolkit=toolkit)
    log_in(context, asgi_server, world.leader)
    page.goto(f"{asgi_server}/moeder/nyt/{process.pk}/")
    axe(page)
    page.get_by_label("Fase").select_option("intervene")
    page.get_by_text("Skjul bidrag, indtil jeg viser dem").click()
    page.get_by_role("button", name="Åbn mødet").click()
    expect(page.get_by_role("heading", name="Dialogmøde: Sprog i hverdagen")).to_be_visible()
    expect(page.locator("#kd-question")).to_have_text("Spørgsmål 2.1.1?")
    expect(page.get_by_label("Skjul nye bidrag")).to_be_checked()
    page.keyboard.press("?")
    expect(page.locator("#kd-help")).to_be_visible()
    page.keyboard.press("n")
    expect(page.locator("#kd-question")).to_have_text("Spørgsmål 2.1.2?")


def test_small_groups_write_on_their_own_boards_and_report_back(
    browser, context, page, asgi_server, meeting, world, axe
):
    meeting.hidden = False
    meeting.save()
    log_in(context, asgi_server, world.leader)
    page.goto(f"{asgi_server}/moeder/{meeting.pk}/")
    projector = context.new_page()
    projector.set_viewport_size({"width": 1600, "height": 900})
    projector.goto(f"{asgi_server}/moeder/{meeting.pk}/projektor/")

    phones = []
    for n in range(3):
        phone_context, phone = new_phone(browser, asgi_server)
        phones.append((phone_context, phone))
        phone.goto(f"{asgi_server}/m/{meeting.code}/")
        phone.get_by_label("Dit navn (valgfrit)").fill(f"Deltager {n + 1}")
        phone.get_by_role("button", name="Deltag").click()
        expect(phone.locator("#kd-status")).to_have_text("Forbundet")
    anna, bo, cecilie = (phone for _context, phone in phones)

    # Two groups, dealt in turn: Anna and Cecilie in group 1, Bo in group 2.
    page.get_by_label("Antal grupper").fill("2")
    page.get_by_role("button", name="Del rummet op").click()
    expect(anna.get_by_role("heading", name="Du er i: Gruppe 1")).to_be_visible()
    expect(bo.get_by_role("heading", name="Du er i: Gruppe 2")).to_be_visible()
    expect(cecilie.get_by_role("heading", name="Du er i: Gruppe 1")).to_be_visible()
    expect(projector.get_by_role("heading", name="Gruppe 1 · 2 deltagere")).to_be_visible()
    expect(projector.get_by_role("heading", name="Gruppe 2 · 1 deltager")).to_be_visible()

    anna.get_by_label("Spørgsmål 1.1.1?").fill("Vi mangler tid til sprog")
    anna.get_by_role("button", name="Send").click()
    bo.get_by_label("Spørgsmål 1.1.1?").fill("Flere voksne på legepladsen")
    bo.get_by_role("button", name="Send").click()
    # Each group sees its own board; the other group's words are not on it.
    expect(cecilie.locator("#kd-group-items")).to_contain_text("Vi mangler tid til sprog")
    expect(cecilie.locator("#kd-group-items")).not_to_contain_text("legepladsen")
    expect(bo.locator("#kd-group-items")).to_have_text("Flere voksne på legepladsenFremlæg dette")
    group_one = projector.locator(
        ".kd-column", has=projector.get_by_role("heading", name="Gruppe 1 · 2 deltagere")
    )
    expect(group_one.locator(".kd-note")).to_have_text("Vi mangler tid til sprogDeltager 1")

    # Cecilie chooses her group's point for the report-back, with the keyboard.
    choose = cecilie.get_by_role("button", name="Fremlæg dette: Vi mangler tid til sprog")
    choose.focus()
    cecilie.keyboard.press("Enter")
    expect(choose).to_have_attribute("aria-pressed", "true")
    expect(
        anna.get_by_role("button", name="Fremlæg dette: Vi mangler tid til sprog")
    ).to_have_attribute("aria-pressed", "true")
    axe(cecilie)
    cecilie.screenshot(path="/tmp/meetings-group-phone.png", full_page=True)

    # Group 1 reports back: the projector shows only its board, large; its phones are told.
    page.get_by_role("button", name="Gruppe 1 fremlægger (2 deltagere)").click()
    expect(projector.get_by_role("heading", name="Gruppe 1 fremlægger")).to_be_visible()
    expect(projector.locator(".kd-note")).to_have_count(1)
    expect(projector.locator(".kd-note--reported")).to_contain_text("Vi mangler tid til sprog")
    expect(anna.get_by_text("Din gruppe fremlægger nu.")).to_be_visible()
    expect(bo.get_by_text("Din gruppe fremlægger nu.")).to_be_hidden()
    axe(projector)
    projector.screenshot(path="/tmp/meetings-group-projector.png", full_page=True)
    # "f" hands the floor to the next group.
    page.locator("body").press("f")
    expect(projector.get_by_role("heading", name="Gruppe 2 fremlægger")).to_be_visible()
    expect(projector.locator(".kd-note")).to_have_text("Flere voksne på legepladsenDeltager 2")
    axe(page)
    page.screenshot(path="/tmp/meetings-group-facilitator.png", full_page=True)

    # Back in one room: the board is themes again, and the phones no longer show groups.
    page.get_by_role("button", name="Saml rummet igen").click()
    expect(projector.get_by_role("heading", name="Ikke i et tema")).to_be_visible()
    expect(projector.locator(".kd-note")).to_have_count(2)
    expect(anna.locator("#kd-group")).to_be_hidden()

    page.get_by_role("button", name="Afslut mødet").click()
    expect(page.get_by_role("heading", name="Grupperne fremlagde")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Vi mangler tid til sprog")
    expect(page.get_by_text("Gruppen valgte ingen punkter at fremlægge.")).to_be_visible()
    axe(page)
    for phone_context, _phone in phones:
        phone_context.close()
