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
    # the administration above does not lead an institution's process
    assert 'name="status"' not in render(snippet, world.administration, process=process)
    action.owner = None
    action.save()
    from tests import factories

    colleague = factories.make_member(world.institution, "staff")
    assert 'name="status"' not in render(snippet, colleague, process=process)


def test_the_plan_shows_each_markers_history_and_the_course_changes(world, process, marker):
    from datetime import date

    from kompetencedialog.followup import services

    services.add_checkin(marker=marker, by=world.leader, status="on_track", on=date(2027, 1, 5))
    services.add_checkin(marker=marker, by=world.leader, status="late", on=date(2027, 2, 5))
    services.add_course_change(
        process=process,
        by=world.leader,
        what="Færre stuer",
        why="Sygdom",
        decided_by="Lederen",
        outcomes=[marker],
    )
    html = render('{% include "followup/_plan_followup.html" %}', world.staff, process=process)
    assert html.index("5. januar 2027: På rette vej") < html.index("5. februar 2027: Forsinket")
    assert "Færre stuer" in html and "Sygdom" in html
