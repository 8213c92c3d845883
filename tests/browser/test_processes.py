"""Journeys 1, 2, 3 and 5 in a real browser: start a process, fill every card, send the plan."""

import io
import subprocess

import pytest
from docx import Document
from playwright.sync_api import expect

from kompetencedialog.processes.models import CompetenceArea, Outcome, PlanVersion, Process
from tests.factories import make_goal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/processes"


def add(page, kind: str, text: str, **fields) -> None:
    """Fill the add form of a kind on the card page and wait for the item to be listed."""
    section = page.locator(f"#outcomes-{kind}")
    details = section.locator("details.kd-add")
    if not details.evaluate("el => el.open"):
        details.locator("summary").click()
    page.fill(f"#{kind}-new-text", text)
    for name, value in fields.items():
        field = page.locator(f"#{kind}-new-{name}")
        if name in ("competence_status",):
            page.locator(f"#outcomes-{kind} input[name={name}][value={value}]").check()
        elif field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    section.locator("form[hx-post*='tilfoej'] button[type=submit]").click()
    expect(page.locator(f"#outcomes-{kind} .kd-list-form")).to_contain_text(text)
    expect(page.locator(f"#outcomes-{kind} [role=status]")).to_contain_text("Gemt.")


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_a_leader_goes_from_a_new_process_to_a_sent_plan(
    page, live_server, login, axe, world, toolkit
):
    make_goal(world.municipality, title="Alle børn skal trives", description="Trivsel og læring")
    # A transactional test before this one may have flushed the migrated taxonomy.
    area_id = str(
        CompetenceArea.objects.get_or_create(
            slug="social_development", defaults={"name": "Social udvikling"}
        )[0].pk
    )
    login(world.leader)
    page.goto(live_server.url + "/forloeb/")
    expect(page.get_by_role("heading", name="Ingen forløb endnu")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Start et nyt forløb").first.click()

    # Journey 1: start with as little as possible; a bad title is refused next to the field.
    expect(page.locator("#id_organisation")).to_have_value(str(world.institution.pk))
    page.fill("#id_challenge", "Uro")
    page.get_by_role("button", name="Start forløbet").click()
    expect(page.locator("#id_title_error")).to_contain_text("Udfyld feltet.")
    expect(page.locator("#id_challenge")).to_have_value("Uro")
    axe(page)
    page.fill("#id_title", "Ro og nærvær i overgangene")
    page.fill("#id_challenge", "Uro når børnene skifter aktivitet")
    page.get_by_label("Alle børn skal trives").check()
    page.screenshot(path=f"{SHOTS}-start.png", full_page=True)
    page.get_by_role("button", name="Start forløbet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ro og nærvær i overgangene")
    process = Process.objects.get()
    expect(page.locator("[aria-current=step]")).to_contain_text("Undersøgelse")
    axe(page)

    # Journey 3, phase 1.
    page.get_by_role("link", name="Kort 1.1").click()
    expect(page.get_by_text("Spørgsmål 1.1.1?")).to_be_visible()
    add(page, "challenge", "Uro ved garderoben", who_experiences="Børn og pædagoger på Bikuben")
    page.screenshot(path=f"{SHOTS}-card.png", full_page=True)
    axe(page)
    page.goto(f"{live_server.url}/forloeb/{process.pk}/kort/investigate/investigate-2/")
    add(page, "desired_practice", "Rolige overgange", for_children="Tryghed og ro")
    add(page, "competence", "Sprogstøttende samtaler", competence_status="existing")
    add(page, "competence", "Konflikthåndtering", competence_status="needed", area=area_id)
    add(page, "competence", "Æstetiske læreprocesser", competence_status="needed")
    # Prioritise with the keyboard alternative to drag and drop.
    page.get_by_role("button", name="Op: Æstetiske læreprocesser").click()
    expect(page.locator("#outcomes-competence ol.kd-items > li").first).to_contain_text(
        "Æstetiske læreprocesser"
    )
    page.screenshot(path=f"{SHOTS}-competences.png", full_page=True)
    axe(page)

    # Journey 2: on to the next phase.
    page.get_by_role("link", name="Ro og nærvær i overgangene").click()
    page.get_by_role("button", name="Gå videre til Kompetenceindsats").click()
    expect(page.locator("[aria-current=step]")).to_contain_text("Kompetenceindsats")
    expect(page.get_by_role("status").first).to_contain_text("Forløbet er nu i fasen")
    page.get_by_role("link", name="Kort 2.1").click()
    add(
        page,
        "intervention",
        "Kollegial sparring i par",
        format="peer_sparring",
        worked="Faste makkerpar",
        did_not_work="Store møder",
    )
    page.goto(f"{live_server.url}/forloeb/{process.pk}/kort/intervene/intervene-2/")
    add(
        page,
        "intervention",
        "Kursus i konfliktløsning",
        format="course",
        participants="Alle pædagoger",
        why="Fælles sprog",
        external_partners="PPR",
    )

    page.goto(f"{live_server.url}/forloeb/{process.pk}/")
    page.get_by_role("button", name="Gå videre til Planlægning").click()
    page.get_by_role("link", name="Kort 3.1").click()
    add(page, "engagement_action", "Fortælle om forløbet på personalemødet")
    page.goto(f"{live_server.url}/forloeb/{process.pk}/kort/plan/plan-2/")
    add(page, "anchoring_action", "Fast punkt på stuemøderne", replaces="Morgenbriefing")
    add(
        page, "marker", "Færre konflikter i garderoben", how_we_see_it="Vi tæller", due="2027-03-12"
    )
    add(page, "follow_up", "Ledelsesteamet følger op", how_often="Hver måned")
    add(page, "resource", "Vikardækning", amount="12500", unit="DKK")
    add(page, "decision", "Budgettet godkendes", owner_name="Bestyrelsen")
    # A bad date is refused next to the field and what was typed is kept.
    expect(page.locator("#outcomes-action details.kd-add")).to_have_attribute("open", "")
    page.fill("#action-new-text", "Book PPR")
    page.fill("#action-new-owner_name", "Søren Særlig")
    page.locator("#action-new-due").evaluate("el => el.type = 'text'")
    page.fill("#action-new-due", "31-02-2027")
    page.locator("#outcomes-action form[hx-post*='tilfoej'] button[type=submit]").click()
    expect(page.locator("#action-new-due_error")).to_contain_text("Skriv datoen som dd-mm-åååå")
    expect(page.locator("#action-new-text")).to_have_value("Book PPR")
    assert not Outcome.objects.filter(kind="action").exists()
    page.locator("#action-new-due").evaluate("el => el.type = 'date'")
    page.fill("#action-new-due", "2027-04-01")
    page.locator("#outcomes-action form[hx-post*='tilfoej'] button[type=submit]").click()
    expect(page.locator("#outcomes-action .kd-items")).to_contain_text("Book PPR")
    page.screenshot(path=f"{SHOTS}-plan-card.png", full_page=True)
    axe(page)

    # Every card of every phase produced something.
    cards_used = set(Outcome.objects.values_list("card__slug", flat=True))
    assert cards_used == {f"{p}-{n}" for p in ("investigate", "intervene", "plan") for n in (1, 2)}

    # Journey 5: the plan, sent to the administration, downloaded as PDF and Word.
    page.goto(f"{live_server.url}/forloeb/{process.pk}/")
    expect(page.get_by_text("Book PPR")).to_be_visible()  # an open action beside the cards
    page.screenshot(path=f"{SHOTS}-process.png", full_page=True)
    page.get_by_role("link", name="Se planen").click()
    expect(page.get_by_text("Udkast")).to_be_visible()
    axe(page)
    page.fill("#id_message", "Vores første plan")
    page.get_by_role("button", name="Send til forvaltningen").click()
    expect(page.get_by_role("status").first).to_contain_text("version 1")
    page.screenshot(path=f"{SHOTS}-plan.png", full_page=True)
    axe(page)
    assert PlanVersion.objects.get().sent_by == world.leader

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som PDF").click()
    pdf = pdf_text(download.value.path().read_bytes())
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som Word").click()
    docx = "\n".join(
        p.text for p in Document(io.BytesIO(download.value.path().read_bytes())).paragraphs
    )

    expected = [
        ("Mål, forløbet understøtter", "Alle børn skal trives"),
        ("Udfordringen", "Uro ved garderoben"),
        ("Udfordringen", "Børn og pædagoger på Bikuben"),
        ("Ønsket fremtidig praksis", "Rolige overgange"),
        ("Ønsket fremtidig praksis", "Tryghed og ro"),
        ("Kompetencer, vi har", "Sprogstøttende samtaler"),
        ("Kompetencer, vi har brug for", "Æstetiske læreprocesser"),
        ("Kompetencer, vi har brug for", "Konflikthåndtering"),
        ("Kompetenceindsatser", "Kollegial sparring i par"),
        ("Kompetenceindsatser", "Faste makkerpar"),
        ("Kompetenceindsatser", "Kursus i konfliktløsning"),
        ("Kompetenceindsatser", "Fælles sprog"),
        ("Synlighed og engagement", "Fortælle om forløbet på personalemødet"),
        ("Forankring i praksis", "Fast punkt på stuemøderne"),
        ("Forankring i praksis", "Morgenbriefing"),
        ("Tegn på udvikling", "Færre konflikter i garderoben"),
        ("Tegn på udvikling", "12. marts 2027"),
        ("Organisering og opfølgning", "Ledelsesteamet følger op"),
        ("Ressourcer", "12.500 kr."),
        ("Beslutninger", "Budgettet godkendes"),
        ("Beslutninger", "Bestyrelsen"),
        ("Handlinger", "Book PPR"),
        ("Handlinger", "1. april 2027"),
    ]
    headings = [h for h, _ in expected]
    for text in (pdf, docx):
        for heading, item in expected:
            start = text.index(heading)
            later = [text.find(h, start + len(heading)) for h in headings if h != heading]
            end = min([p for p in later if p > start] or [len(text)])
            assert item in text[start:end], (heading, item)
    assert "Ro og nærvær i overgangene" in pdf and "Eksempel Kommune" in pdf

    # Title, challenge and goals can be changed later.
    page.goto(f"{live_server.url}/forloeb/{process.pk}/ret/")
    expect(page.locator("#id_title")).to_have_value("Ro og nærvær i overgangene")
    axe(page)
    page.goto(f"{live_server.url}/forloeb/{process.pk}/plan/")

    # The version has its own page and files.
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_text("Vores første plan")).to_be_visible()
    axe(page)


def test_goals_page_is_accessible(page, live_server, login, axe, world):
    make_goal(world.municipality, title="Alle børn skal trives", description="Trivsel og læring")
    login(world.administration)
    page.goto(live_server.url + "/forloeb/maal/")
    page.get_by_role("button", name="Gem målet").click()
    expect(page.locator("#id_title_error")).to_contain_text("Udfyld feltet.")
    page.screenshot(path=f"{SHOTS}-goals.png", full_page=True)
    axe(page)
