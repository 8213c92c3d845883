"""The administration's overview in a real browser: filter, drill down, download, axe."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.overview import worlds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administration_filters_drills_down_and_downloads_matching_numbers(
    page, live_server, login, axe, world, toolkit
):
    f = worlds.build(world)
    login(world.administration)
    page.goto(f"{live_server.url}/overblik/")
    assert page.get_by_role("heading", level=1).inner_text() == "Overblik over Eksempel Kommune"
    page.screenshot(path="/tmp/overview-page.png", full_page=True)
    axe(page)

    page.get_by_label("Kompetenceområde", exact=True).select_option(label="Sprog")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url(re.compile(rf"/overblik/\?area={f.language.pk}&"))
    heat = page.locator("#table-heatmap")
    assert heat.locator("thead th").all_inner_texts()[1:] == ["Sprog", "I alt"]
    solsikken = heat.locator("tbody tr", has_text="Børnehuset Solsikken")
    assert solsikken.locator("td").first.inner_text() == "3"
    page_total = heat.locator("tfoot td").last.inner_text()
    assert page_total == "4"

    # the Excel file of the same (filtered) view holds the same numbers
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent alle tabeller (Excel)").click()
    with open(download.value.path(), "rb") as file:
        book = load_workbook(io.BytesIO(file.read()))
    rows = list(book[book.sheetnames[3]].iter_rows(values_only=True))
    assert rows[0] == ("Institution", "Sprog", "I alt")
    assert rows[1] == ("Børnehuset Solsikken", 3, 3)
    assert rows[-1][-1] == int(page_total)
    figures = dict(list(book[book.sheetnames[0]].iter_rows(values_only=True))[1:])
    assert figures["Forløb"] == int(page.locator("#figure-processes").inner_text())

    # drill down from a number to the processes behind it, then to one process
    solsikken.locator("td").first.get_by_role("link", name="3").click()
    page.wait_for_url("**/forloeb/?**")
    assert page.get_by_role("heading", level=1).inner_text() == "Forløbene bag tallet"
    axe(page)
    page.get_by_role("link", name="Sprog i hverdagen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sprog i hverdagen"
    assert page.get_by_text("Dialogisk læsning").is_visible()
    axe(page)


def test_the_other_overview_pages_pass_axe(page, live_server, login, axe, world, toolkit):
    f = worlds.build(world)
    login(world.administration)
    base = f"{live_server.url}/overblik/{world.municipality.pk}"
    page.goto(f"{base}/historik/")
    axe(page)
    page.goto(f"{base}/forloeb/{f.p2.pk}/")
    assert page.get_by_text("Institutionen deler kun tallene").is_visible()
    axe(page)
    page.goto(f"{base}/")
    page.get_by_role("link", name=re.compile("Lav fælles indsats")).first.click()
    axe(page)
    page.get_by_role("button", name="Opret den fælles indsats").click()
    assert page.get_by_role("status").inner_text().startswith("Den fælles indsats")
    page.screenshot(path="/tmp/overview-after-joint.png", full_page=True)
    axe(page)


def test_an_outsider_gets_404_for_eksempel_kommunes_overview(page, live_server, login, world):
    login(world.outsider)
    response = page.goto(f"{live_server.url}/overblik/{world.municipality.pk}/")
    assert response.status == 404
