"""The overview's figures on a small world where every number is known."""

from decimal import Decimal

import pytest

from kompetencedialog.overview.selectors import Filters, build_overview, drill_down
from tests.overview import worlds

pytestmark = pytest.mark.django_db


def test_processes_by_phase_count_only_the_subtree(world, toolkit):
    worlds.build(world)
    overview = build_overview(world.municipality)
    assert overview.processes_by_phase == {"investigate": 1, "intervene": 1, "plan": 1}
    assert overview.phase_status[("plan", "completed")] == 1


def test_needs_by_area_and_heat_map_roll_teams_up_to_their_institution(world, toolkit):
    f = worlds.build(world)
    overview = build_overview(world.municipality)
    assert overview.needs_by_area == {f.language.pk: 4, f.inclusion.pk: 1}
    assert overview.needs == {
        (f.language.pk, world.institution.pk): 3,
        (f.inclusion.pk, world.institution.pk): 1,
        (f.language.pk, f.school.pk): 1,
    }
    assert [i.name for i in overview.heat_institutions] == [
        "Børnehuset Solsikken",
        "Skolen ved Egen",
    ]


def test_interventions_resources_markers_and_overdue_actions(world, toolkit):
    f = worlds.build(world)
    overview = build_overview(world.municipality)
    assert overview.interventions_by_format["course"] == 2
    assert overview.interventions_by_format["peer_sparring"] == 1
    assert overview.resources_by_unit == {"DKK": Decimal("15000"), "hours": Decimal("20")}
    assert overview.resources[(world.institution.pk, "DKK")] == Decimal("15000")
    assert overview.markers == {"reached": 1, "late": 1, "on_track": 1}
    assert overview.actions_overdue == 1
    assert overview.actions_open == 1
    assert f.foreign.organisation_id == world.other_institution.pk


def test_goals_list_the_institutions_serving_them_and_those_without(world, toolkit):
    f = worlds.build(world)
    overview = build_overview(world.municipality)
    assert [g.title for g in overview.goals] == ["Alle børn skal trives", "Stærkt sprogmiljø"]
    assert overview.goal_processes[f.goal.pk] == {world.institution.pk: 1, f.school.pk: 1}
    assert overview.goal_processes[f.other_goal.pk] == {}
    assert [i.name for i in overview.institutions_without_process] == ["Vuggestuen Mos"]


def test_plans_come_newest_first_with_their_changes(world, toolkit):
    worlds.build(world)
    overview = build_overview(world.municipality)
    assert [(p.process.title, p.number) for p in overview.plans] == [
        ("Sprog i hverdagen", 2),
        ("Sprog i hverdagen", 1),
        ("Overgange", 1),
        ("Læsning", 1),
    ]
    assert overview.plans[0].changes[0]["added"] == ["Børn fortæller"]


def test_shared_needs_are_areas_several_institutions_need_at_the_same_time(world, toolkit):
    f = worlds.build(world)
    overview = build_overview(world.municipality)
    assert [
        (n.area.slug, [i.name for i in n.institutions], n.count) for n in overview.shared_needs
    ] == [("sprog", ["Børnehuset Solsikken", "Skolen ved Egen"], 4)]
    assert f.inclusion.pk not in {n.area.pk for n in overview.shared_needs}


def test_filters_narrow_every_figure(world, toolkit):
    f = worlds.build(world)
    by_type = build_overview(world.municipality, Filters(institution_type="school"))
    assert by_type.processes_total == 1
    assert by_type.needs_by_area == {f.language.pk: 1}
    by_area = build_overview(world.municipality, Filters(area=f.inclusion))
    assert by_area.processes_total == 1
    assert by_area.needs_by_area == {f.inclusion.pk: 1}
    by_goal = build_overview(world.municipality, Filters(goal=f.goal))
    assert by_goal.processes_by_phase == {"investigate": 1, "intervene": 1, "plan": 0}


def test_an_area_overview_covers_only_the_area(world, toolkit):
    worlds.build(world)
    overview = build_overview(world.area)
    assert overview.processes_total == 3
    assert [i.name for i in overview.institutions] == ["Børnehuset Solsikken", "Skolen ved Egen"]


def test_drill_down_lists_the_processes_behind_a_number(world, toolkit):
    f = worlds.build(world)
    titles = lambda qs: sorted(p.title for p in qs)  # noqa: E731
    assert titles(drill_down(world.municipality, Filters(), need_area=f.language.pk)) == [
        "Læsning",
        "Overgange",
        "Sprog i hverdagen",
    ]
    assert titles(
        drill_down(world.municipality, Filters(), need_area=f.language.pk, institution=f.school)
    ) == ["Læsning"]
    assert titles(drill_down(world.municipality, Filters(), marker="on_track")) == [
        "Sprog i hverdagen"
    ]
    assert titles(drill_down(world.municipality, Filters(), overdue=True)) == ["Sprog i hverdagen"]
    assert titles(drill_down(world.municipality, Filters(), format="course")) == [
        "Læsning",
        "Sprog i hverdagen",
    ]


def test_the_number_of_queries_does_not_grow_with_the_data(
    world, toolkit, django_assert_num_queries
):
    worlds.build(world, n_extra=2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        build_overview(world.municipality)
    for i in range(3):
        extra = worlds.factories.make_organisation(f"Ny institution {i}", parent=world.area)
        worlds.factories.make_process(extra, title=f"Mere {i}")
    with django_assert_num_queries(len(small.captured_queries)):
        overview = build_overview(world.municipality)
    assert overview.processes_total == 8


def test_needs_overlap_only_when_their_periods_meet():
    import datetime as dt

    from kompetencedialog.overview.selectors import _overlapping

    day = lambda n: dt.datetime(2026, 1, n, tzinfo=dt.UTC)  # noqa: E731
    spans = [(1, day(1), day(2)), (2, day(3), day(10)), (3, day(4), day(5)), (4, day(20), day(21))]
    assert _overlapping(spans) == {2, 3}
    assert _overlapping([(1, day(1), day(2)), (2, day(3), day(4))]) == set()
