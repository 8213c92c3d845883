"""The partials other pages include: the process page's panel and the meeting's open items."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def render(snippet: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template(snippet).render(Context({"request": request, "user": user, **context}))


def test_the_process_panel_shows_open_items_with_overdue_marked(world, process, action, marker):
    html = render('{% include "followup/_process_panel.html" %}', world.staff, process=process)
    assert "Aftal sprogpauser" in html and "Børnene fortæller mere" in html
    assert f"/opfoelgning/forloeb/{process.pk}/start/" in html


def test_the_open_items_partial_offers_status_forms_to_leaders_only(world, process, action):
    snippet = '{% include "followup/_open_items.html" %}'
    assert 'name="status"' in render(snippet, world.leader, process=process)
    colleague_html = render(snippet, world.administration, process=process)
    assert 'name="status"' in colleague_html  # the administration may lead too
    action.owner = None
    action.save()
    from tests import factories

    colleague = factories.make_member(world.institution, "staff")
    assert 'name="status"' not in render(snippet, colleague, process=process)
