import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_front_page_is_danish_and_accessible(page, live_server, axe):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.get_by_role("link", name="Se dialogredskabet").is_visible()
    axe(page)
