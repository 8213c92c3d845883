"""``GET /api/v1/overview/?organisation=<id>``: the aggregated overview of a subtree."""

from ninja import Router, Schema

from kompetencedialog.api.errors import answers
from kompetencedialog.api.types import Id
from kompetencedialog.overview.access import get_overview_organisation_for
from kompetencedialog.overview.selectors import build_overview

router = Router(tags=["overview"])


class OverviewOut(Schema):
    organisation: int
    processes_by_phase: dict[str, int]
    processes_by_status: dict[str, int]
    needs_by_area: dict[str, int]
    needs_by_area_and_institution: dict[str, dict[str, int]]
    interventions_by_format: dict[str, int]
    resources: dict[str, float]
    resources_by_institution: dict[str, dict[str, float]]
    markers: dict[str, int]
    actions_overdue: int
    institutions_without_process: list[int]


@router.get(
    "/",
    response=answers({200: OverviewOut}, 401, 403, 404, 422),
    summary="The overview of an organisation's subtree",
)
def overview(request, organisation: Id):
    """Keys of the maps: phase keys, competence area slugs, institution ids, format keys, units.

    404 for an organisation the caller cannot see; 403 without the overview role there.
    """
    org = get_overview_organisation_for(request.user, organisation)
    data = build_overview(org, viewer=request.user)
    slugs = {pk: area.slug for pk, area in data.areas.items()}
    by_status: dict[str, int] = {}
    for (_phase, status), n in data.phase_status.items():
        by_status[status] = by_status.get(status, 0) + n
    matrix: dict[str, dict[str, int]] = {}
    for (area_id, institution_id), n in data.needs.items():
        matrix.setdefault(slugs.get(area_id, str(area_id)), {})[str(institution_id)] = n
    per_institution: dict[str, dict[str, float]] = {}
    for (institution_id, unit), amount in data.resources.items():
        per_institution.setdefault(str(institution_id), {})[unit] = float(amount)
    return {
        "organisation": org.pk,
        "processes_by_phase": data.processes_by_phase,
        "processes_by_status": by_status,
        "needs_by_area": {slugs.get(k, str(k)): v for k, v in data.needs_by_area.items()},
        "needs_by_area_and_institution": matrix,
        "interventions_by_format": data.interventions_by_format,
        "resources": {k: float(v) for k, v in data.resources_by_unit.items()},
        "resources_by_institution": per_institution,
        "markers": data.markers,
        "actions_overdue": data.actions_overdue,
        "institutions_without_process": [i.id for i in data.institutions_without_process],
    }
