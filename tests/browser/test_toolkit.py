"""The dialogue tool in a real browser: axe on every page, and a whole phase run in the meeting
view with the keyboard alone, notes recorded, reloaded and found again."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from kompetencedialog.toolkit.models import Note, Notebook, Question, Toolkit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded(transactional_db):
    call_command("load_toolkits", verbosity=0)
    return Toolkit.objects.get(slug="dagtilbud-2023")


def test_overview_phase_and_card_pages_pass_axe(page, live_server, axe, loaded, world, login):
    login(world.leader)
    page.goto(live_server.url + "/dialogredskab/")
    expect(page.get_by_role("heading", name="Strategisk kompetenceudvikling i pædagogisk arbejde"))
    axe(page)
    page.screenshot(path="/tmp/toolkit-overview.png", full_page=True)
    page.get_by_role("link", name="Gå til fasen Kompetenceindsats").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hvad kalder det på?")
    axe(page)
    page.screenshot(path="/tmp/toolkit-phase.png", full_page=True)
    page.get_by_role("link", name="Muligheder for kompetenceudvikling").click()
    expect(page.get_by_text("Faglige arrangementer i dagtilbuddet")).to_be_visible()
    axe(page)
    page.screenshot(path="/tmp/toolkit-card.png", full_page=True)
    page.get_by_role("link", name="Skole").click()
    expect(page.get_by_text("Faglige arrangementer på skolen")).to_be_visible()
    page.goto(live_server.url + f"/dialogredskab/organisation/{world.institution.pk}/")
    axe(page)


def test_a_whole_phase_with_the_keyboard_alone_keeps_the_notes(
    page, live_server, axe, loaded, world, login
):
    login(world.staff)
    notebook = Notebook.objects.create(toolkit=loaded, organisation=world.institution, title="Møde")
    questions = list(
        Question.objects.filter(card__phase__toolkit=loaded, card__phase__key="plan").order_by(
            "card__position", "position"
        )
    )
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(live_server.url + f"/dialogredskab/noter/{notebook.pk}/plan/")
    progress = page.locator("[data-progress-text]")
    expect(page.get_by_role("heading", name="Synlighed og engagement", level=2)).to_be_visible()
    axe(page)
    written = {}
    for number, question in enumerate(questions, start=1):
        page.keyboard.press("ArrowRight")
        if question.position == 1 and number > 1:  # past the next card's title slide
            page.keyboard.press("ArrowRight")
        expect(page.get_by_role("heading", name=question.text, level=2)).to_be_visible()
        expect(progress).to_have_text(f"Spørgsmål {number} af {len(questions)}")
        if number % 3 == 1:
            page.keyboard.press("n")
            page.keyboard.type(f"Svar {number}: vi aftaler det på personalemødet")
            written[question.pk] = f"Svar {number}: vi aftaler det på personalemødet"
            status = page.locator(f"#note-status-{question.pk}")
            expect(status).to_contain_text("Gemt kl.")
            if number == 1:
                page.screenshot(path="/tmp/toolkit-meeting.png")
                axe(page)
            page.keyboard.press("Escape")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_text("I har været igennem alle fasens dialogkort.")).to_be_visible()
    assert {n.question_id: n.text for n in Note.objects.filter(notebook=notebook)} == written

    page.reload()
    for pk, text in written.items():
        expect(page.locator(f"#note-{pk}")).to_have_value(text)
    page.keyboard.press("Home")
    expect(page.get_by_role("heading", name="Synlighed og engagement", level=2)).to_be_visible()


def test_text_typed_while_offline_is_kept_and_sent_when_back(
    page, live_server, context, loaded, world, login
):
    login(world.leader)
    notebook = Notebook.objects.create(toolkit=loaded, organisation=world.institution, title="Møde")
    question = Question.objects.get(
        card__phase__toolkit=loaded, card__slug="forstaaelse-af-udfordringen", position=1
    )
    page.goto(live_server.url + f"/dialogredskab/noter/{notebook.pk}/investigate/#2")
    expect(page.get_by_role("heading", name=question.text, level=2)).to_be_visible()
    context.set_offline(True)
    page.keyboard.press("n")
    page.keyboard.type("Uro ved frokosten")
    expect(page.locator(f"#note-status-{question.pk}")).to_contain_text("Ikke gemt endnu")
    assert not Note.objects.exists()
    stored = page.evaluate(f"localStorage.getItem('kd-note:{notebook.pk}:{question.pk}')")
    assert stored == "Uro ved frokosten"
    context.set_offline(False)
    expect(page.locator(f"#note-status-{question.pk}")).to_have_text(re.compile("Gemt kl."))
    assert Note.objects.get().text == "Uro ved frokosten"
