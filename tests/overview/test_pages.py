"""The overview page, its drill-down, exports, history, joint initiatives and API: who sees what."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.organisations.models import AccessToken, Membership
from kompetencedialog.overview.models import JointInitiative, OverviewSnapshot
from tests import factories
from tests.conftest import client_for
from tests.overview import worlds

pytestmark = pytest.mark.django_db


def url(name, organisation, **kwargs):
    return reverse(f"overview:{name}", kwargs={"organisation_id": organisation.pk, **kwargs})


def pages(world, f):
    m = world.municipality
    return [
        url("organisation", m),
        url("processes", m) + f"?need_area={f.language.pk}",
        url("process", m, process_id=f.p1.pk),
        url("export", m),
        url("export_table", m, table="heatmap", fmt="csv"),
        url("history", m),
        url("joint_initiative_new", m),
    ]


def test_the_administration_sees_every_page(world, toolkit):
    f = worlds.build(world)
    client = client_for(world.administration)
    for address in pages(world, f):
        assert client.get(address).status_code == 200, address


def test_the_index_shows_the_administrations_own_municipality(world, toolkit):
    worlds.build(world)
    response = client_for(world.administration).get(reverse("overview:index"))
    assert response.status_code == 200
    assert "Eksempel Kommune" in response.content.decode()


def test_an_outsider_gets_404_for_every_page_and_the_api(world, toolkit):
    f = worlds.build(world)
    client = client_for(world.outsider)
    for address in pages(world, f):
        assert client.get(address).status_code == 404, address
    response = client.get(f"/api/v1/overview/?organisation={world.municipality.pk}")
    assert response.status_code == 404


def test_staff_get_403_inside_and_404_outside(world, toolkit):
    f = worlds.build(world)
    client = client_for(world.staff)
    assert client.get(url("organisation", world.institution)).status_code == 403
    assert client.get(url("export", world.institution)).status_code == 403
    # The municipality above them is one they see (by name): 403, not 404.
    assert client.get(url("organisation", world.municipality)).status_code == 403
    assert client.get(url("organisation", f.school)).status_code == 404
    assert client.get(f"/api/v1/overview/?organisation={world.institution.pk}").status_code == 403
    api_municipality = f"/api/v1/overview/?organisation={world.municipality.pk}"
    assert client.get(api_municipality).status_code == 403
    assert client.get(f"/api/v1/overview/?organisation={f.school.pk}").status_code == 404
    assert client.get(reverse("overview:index")).status_code == 403


def test_a_leader_of_an_area_sees_the_area_but_an_institution_leader_does_not(world, toolkit):
    worlds.build(world)
    area_leader = factories.make_member(world.area, Membership.Role.LEADER, "omraade@eksempel.test")
    assert client_for(area_leader).get(url("organisation", world.area)).status_code == 200
    assert client_for(world.leader).get(url("organisation", world.institution)).status_code == 403


def test_the_plan_shows_only_when_its_owner_shares_it(world, toolkit):
    f = worlds.build(world)
    client = client_for(world.administration)
    shared = client.get(url("process", world.municipality, process_id=f.p1.pk)).content.decode()
    assert "Dialogisk læsning" in shared
    hidden = client.get(url("process", world.municipality, process_id=f.p2.pk)).content.decode()
    assert "Sprogvurdering" not in hidden
    assert "kun tallene" in hidden or "only the figures" in hidden
    foreign = client.get(url("process", world.municipality, process_id=f.foreign.pk))
    assert foreign.status_code == 404


def test_the_excel_file_has_one_sheet_per_table_with_numbers_as_numbers(world, toolkit):
    worlds.build(world)
    response = client_for(world.administration).get(url("export", world.municipality))
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 10
    heat = book[book.sheetnames[3]]
    rows = list(heat.iter_rows(values_only=True))
    assert rows[0][0] in ("Institution", "Institution")
    assert rows[1] == ("Børnehuset Solsikken", 3, 1, 4)
    assert rows[-1][-1] == 4 + 1


def test_the_csv_is_utf8_with_bom_and_semicolons(world, toolkit):
    worlds.build(world)
    response = client_for(world.administration).get(
        url("export_table", world.municipality, table="resources", fmt="csv")
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert "Børnehuset Solsikken;15000;20" in text


def test_what_changed_in_a_plan_reads_as_danish_on_the_page_and_in_the_exports(world, toolkit):
    worlds.build(world)
    client = client_for(world.administration)
    changed = "Tegn på udvikling: tilføjet «Børn fortæller»; fjernet «Flere samtaler»."

    page = client.get(url("organisation", world.municipality)).content.decode()
    csv = client.get(url("export_table", world.municipality, table="plans", fmt="csv"))
    book = load_workbook(io.BytesIO(client.get(url("export", world.municipality)).content))

    sheet = [row for row in book[book.sheetnames[7]].iter_rows(values_only=True)]
    assert [row[4] for row in sheet[1:]] == [
        changed,
        "Første version.",
        "Kun tallene deles.",  # what changed quotes texts: not for a plan shared as figures
        "Første version.",
    ]
    text = csv.content.decode("utf-8")
    assert changed in text and "Første version." in text
    assert changed in page
    for dump in ("key:", "section:", "added:", "[]"):
        assert dump not in text and dump not in page


def test_the_page_uses_the_same_number_of_queries_at_two_data_sizes(world, toolkit):
    worlds.build(world, n_extra=1)
    client = client_for(world.administration)
    address = url("organisation", world.municipality)
    client.get(address)
    with CaptureQueriesContext(connection) as small:
        client.get(address)
    more = factories.make_organisation("Ny skole", parent=world.area, institution_type="school")
    for i in range(4):
        factories.make_process(more, title=f"Mere {i}")
    factories.make_goal(world.municipality, "Et mål mere")
    with CaptureQueriesContext(connection) as large:
        response = client.get(address)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_api_answers_per_the_contract(world, toolkit):
    f = worlds.build(world)
    _token, key = AccessToken.issue(world.administration, "test")
    from django.test import Client

    response = Client().get(
        f"/api/v1/overview/?organisation={world.municipality.pk}",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["processes_by_phase"] == {"investigate": 1, "intervene": 1, "plan": 1}
    assert data["needs_by_area"] == {"sprog": 4, "inklusion": 1}
    assert data["needs_by_area_and_institution"]["sprog"] == {
        str(world.institution.pk): 3,
        str(f.school.pk): 1,
    }
    assert data["interventions_by_format"]["course"] == 2
    assert data["resources"] == {"DKK": 15000.0, "hours": 20.0}


def test_the_api_uses_the_same_number_of_queries_at_two_data_sizes(world, toolkit):
    worlds.build(world)
    client = client_for(world.administration)
    address = f"/api/v1/overview/?organisation={world.municipality.pk}"
    with CaptureQueriesContext(connection) as small:
        client.get(address)
    for i in range(3):
        factories.make_process(world.institution, title=f"Mere {i}")
    with CaptureQueriesContext(connection) as large:
        client.get(address)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_joint_initiative_is_made_from_a_shared_need_and_audited(world, toolkit):
    f = worlds.build(world)
    client = client_for(world.administration)
    form = client.get(
        url("joint_initiative_new", world.municipality)
        + f"?area={f.language.pk}&institution={world.institution.pk}&institution={f.school.pk}"
    )
    assert "Sprog" in form.content.decode()
    response = client.post(
        url("joint_initiative_new", world.municipality),
        {
            "title": "Fælles sprogdag",
            "area": f.language.pk,
            "institutions": [world.institution.pk, f.school.pk],
            "note": "Vi samler jer om sprog.",
            "course_description": "En temadag om dialogisk læsning.",
        },
    )
    assert response.status_code == 302
    initiative = JointInitiative.objects.get()
    assert set(initiative.institutions.all()) == {world.institution, f.school}
    assert AuditEntry.objects.filter(action="overview.joint_initiative.created").count() == 1
    page = client.get(url("organisation", world.municipality)).content.decode()
    assert "Fælles sprogdag" in page


def test_a_joint_initiative_needs_two_institutions_and_keeps_what_was_typed(world, toolkit):
    f = worlds.build(world)
    response = client_for(world.administration).post(
        url("joint_initiative_new", world.municipality),
        {"title": "Alene", "area": f.language.pk, "institutions": [f.school.pk]},
    )
    assert response.status_code == 200
    assert 'value="Alene"' in response.content.decode()
    assert not JointInitiative.objects.exists()


def test_the_snapshot_command_is_safe_to_run_twice(world, toolkit):
    worlds.build(world)
    call_command("overview_snapshot", "--month", "2026-10")
    call_command("overview_snapshot", "--month", "2026-10")
    snapshot = OverviewSnapshot.objects.get(organisation=world.municipality)
    assert snapshot.figures["processes_by_phase"] == {"investigate": 1, "intervene": 1, "plan": 1}
    assert OverviewSnapshot.objects.filter(organisation=world.municipality).count() == 1
    page = client_for(world.administration).get(url("history", world.municipality)).content.decode()
    assert "oktober 2026" in page or "October 2026" in page


def test_a_period_that_ends_before_it_starts_is_refused_with_what_to_fix(world, toolkit):
    worlds.build(world)
    response = client_for(world.administration).get(
        url("organisation", world.municipality),
        {"period_from": "2027-01-01", "period_to": "2020-01-01"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Ret de markerede felter nedenfor." in page
    assert "Slutdatoen skal ligge efter startdatoen." in page
    assert response.context["overview"].filters.period_from is None
    assert response.context["overview"].filters.period_to is None
