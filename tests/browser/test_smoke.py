"""Every page reachable from the front page, as each demo person: it answers, it is Danish,
and axe finds no WCAG 2.1 A/AA violation."""

from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from kompetencedialog.organisations.models import User

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

DEMO_PEOPLE = [
    None,  # not logged in
    "admin@kompetencedialog.test",
    "forvaltning@eksempel.test",
    "leder@eksempel.test",
    "paedagog@eksempel.test",
    "leder@nabo.test",
]
# Not pages: downloads, the admin and API docs (third-party pages), and actions behind links.
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/i18n/", "/konto/logout")
SKIPPED_SUFFIXES = (".pdf", ".docx", ".xlsx", ".csv", ".ics", ".json", ".svg", ".png")
MOST_PAGES_PER_PERSON = 40


def reachable_pages(page, start: str) -> Iterator[str]:
    origin = urlsplit(start).netloc
    queue, seen, visited = [start], {start}, []
    while queue and len(visited) < MOST_PAGES_PER_PERSON:
        url = queue.pop(0)
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url} answered {response.status}"
        visited.append(url)
        yield url
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(urljoin(url, href))
            if parts.netloc != origin or parts.path.startswith(SKIPPED_PREFIXES):
                continue
            if parts.path.endswith(SKIPPED_SUFFIXES):
                continue
            target = f"{parts.scheme}://{parts.netloc}{parts.path}" + (
                f"?{parts.query}" if parts.query else ""
            )
            if target not in seen:
                seen.add(target)
                queue.append(target)


@pytest.mark.parametrize("email", DEMO_PEOPLE)
def test_every_reachable_page_works_in_danish_and_passes_axe(email, page, live_server, login, axe):
    call_command("demo", verbosity=0)
    if email:
        login(User.objects.get(email=email))
    for url in reachable_pages(page, live_server.url + "/"):
        assert page.locator("html").get_attribute("lang") == "da", url
        assert page.locator("h1").count() >= 1, f"{url} has no heading"
        axe(page)
