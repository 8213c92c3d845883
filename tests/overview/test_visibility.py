"""The overview counts a process's figures only once its plan is sent (processes.visibility).

Before that, the administration sees that the process exists, where, and its phase: it counts
among the processes by phase, and nothing of what it holds counts anywhere else.
"""

import io
from decimal import Decimal

from django.urls import reverse
from openpyxl import load_workbook

from kompetencedialog.overview.selectors import Filters, build_overview, drill_down
from kompetencedialog.processes.models import CompetenceArea
from kompetencedialog.processes.services import send_plan
from tests import factories
from tests.conftest import client_for


def _unsent(world):
    area = CompetenceArea.objects.create(slug="sprog", name="Sprogarbejde", position=1)
    process = factories.make_process(world.institution, title="Kladde", phase="intervene")
    factories.make_outcome(process, "competence", "Ny viden", competence_status="needed", area=area)
    factories.make_outcome(process, "intervention", "Kursus", format="course")
    factories.make_outcome(process, "resource", "Penge", amount=Decimal("7000"), unit="DKK")
    return process, area


def test_an_unsent_process_exists_in_the_overview_but_none_of_its_figures_count(world, toolkit):
    process, area = _unsent(world)
    overview = build_overview(world.municipality, viewer=world.administration)
    assert overview.processes_total == 1 and overview.processes_by_phase["intervene"] == 1
    assert overview.needs_total == 0 and overview.needs == {}
    assert sum(overview.interventions_by_format.values()) == 0
    assert overview.resources_by_unit == {}
    assert not list(drill_down(world.municipality, Filters(), need_area=area.pk))
    assert not build_overview(world.municipality, Filters(area=area)).processes_total
    # the institution itself counts its own drafts
    own = build_overview(world.institution, viewer=world.leader)
    assert own.needs_total == 1 and own.resources_by_unit == {"DKK": Decimal("7000")}

    send_plan(process=process, by=world.leader)
    overview = build_overview(world.municipality, viewer=world.administration)
    assert overview.needs_total == 1 and overview.resources_by_unit == {"DKK": Decimal("7000")}


def test_the_pages_exports_and_api_leave_out_an_unsent_processs_figures(world, toolkit):
    process, _area = _unsent(world)
    client = client_for(world.administration)
    organisation = world.municipality.pk
    api = client.get(f"/api/v1/overview/?organisation={organisation}").json()
    assert api["processes_by_phase"]["intervene"] == 1
    assert api["needs_by_area"] == {} and api["resources"] == {}
    book = load_workbook(
        io.BytesIO(client.get(reverse("overview:export", args=[organisation])).content)
    )
    rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    cells = [value for row in rows for value in row]
    assert 7000 not in cells and "Sprogarbejde" not in cells
    detail = client.get(reverse("overview:process", args=[organisation, process.pk]))
    text = detail.content.decode()
    assert f"Forløb {process.pk}" in text and "Kompetenceindsats" in text
    assert "Kladde" not in text and "Kursus" not in text
    assert "The process in figures" not in text and "Forløbet i tal" not in text
    listing = client.get(reverse("overview:processes", args=[organisation])).content.decode()
    assert f"Forløb {process.pk}" in listing and "Kladde" not in listing
