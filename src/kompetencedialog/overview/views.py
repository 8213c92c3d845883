"""The administration's overview: figures, heat map, goals, plans, shared needs, exports."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kompetencedialog.organisations import access as org_access
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.overview import exports, selectors, services, tables
from kompetencedialog.overview.access import (
    default_overview_organisation,
    get_overview_organisation_for,
    get_overview_process_for,
)
from kompetencedialog.overview.forms import FilterForm, JointInitiativeForm
from kompetencedialog.overview.models import JointInitiative
from kompetencedialog.processes import visibility
from kompetencedialog.processes.models import CompetenceArea, Outcome, Process
from kompetencedialog.processes.selectors import plan_for

FILTER_FIELDS = ("area", "institution_type", "goal", "period_from", "period_to", "as_of")
DRILL_FIELDS = (
    "phase",
    "status",
    "need_area",
    "institution",
    "format",
    "unit",
    "marker",
    "overdue",
    "goal_processes",
)


def _areas(organisation: Organisation):
    return CompetenceArea.objects.filter(
        Q(organisation__isnull=True)
        | Q(organisation_id__in=[*organisation.ancestor_ids, organisation.pk])
    )


def _filter_form(request: HttpRequest, organisation: Organisation) -> FilterForm:
    data = {k: request.GET[k] for k in FILTER_FIELDS if request.GET.get(k)}
    return FilterForm(
        data or None, areas=_areas(organisation), goals=selectors.relevant_goals(organisation)
    )


def _filter_query(request: HttpRequest) -> dict[str, str]:
    return {k: request.GET[k] for k in FILTER_FIELDS if request.GET.get(k)}


def _link_cells(table_map, organisation: Organisation, query: dict[str, str]) -> None:
    """Give every number with drill-down parameters the URL of the processes behind it."""
    base = reverse("overview:processes", kwargs={"organisation_id": organisation.pk})
    prefix = f"{base}?{urlencode(query)}&" if query else f"{base}?"
    for table in table_map.values():
        for row in table.all_rows:
            for cell in row:
                if cell.drill is None:
                    continue
                if "process" in cell.drill:
                    cell.url = reverse(
                        "overview:process",
                        kwargs={
                            "organisation_id": organisation.pk,
                            "process_id": cell.drill["process"],
                        },
                    )
                elif cell.is_number and cell.value:
                    # drill values are ids and choice keys: nothing to quote
                    cell.url = prefix + "&".join(f"{k}={v}" for k, v in cell.drill.items())


def _overview_context(request, organisation: Organisation) -> dict:
    form = _filter_form(request, organisation)
    filters = form.filters()
    overview = selectors.build_overview(organisation, filters, viewer=request.user)
    table_map = tables.all_tables(overview)
    query = _filter_query(request)
    _link_cells(table_map, organisation, query)
    return {
        "organisation": organisation,
        "form": form,
        "overview": overview,
        "legend": _legend(overview.needs_max),
        "tables": table_map,
        "query": urlencode(query),
        "joint_initiatives": JointInitiative.objects.filter(
            organisation__path__startswith=organisation.path
        )
        .select_related("area", "organisation")
        .prefetch_related("institutions")[:50],
    }


def _legend(maximum: int) -> list[tuple[int, str]]:
    """The heat map's colours with the numbers each stands for."""
    ranges: dict[int, list[int]] = {}
    for n in range(1, maximum + 1):
        ranges.setdefault(tables.heat_level(n, maximum), []).append(n)
    legend = [(0, "0")]
    for level, numbers in sorted(ranges.items()):
        low, high = numbers[0], numbers[-1]
        legend.append((level, str(low) if low == high else f"{low}\u2013{high}"))
    return legend


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organisation = default_overview_organisation(request.user)
    if organisation is None:
        raise PermissionDenied
    return _render_overview(request, organisation)


@login_required
def organisation_overview(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_overview_organisation_for(request.user, organisation_id)
    return _render_overview(request, organisation)


def _render_overview(request, organisation):
    context = _overview_context(request, organisation)
    context["choices"] = _organisation_choices(request.user, organisation)
    status = 422 if context["form"].errors else 200
    return render(request, "overview/overview.html", context, status=status)


def _organisation_choices(user, organisation: Organisation) -> list[Organisation]:
    """The organisation and its areas and institutions, to move between overviews."""
    if organisation.kind == Organisation.Kind.INSTITUTION:
        return []
    return list(
        org_access.scope(Organisation.objects.all(), user, path_field="path").filter(
            path__startswith=organisation.path,
            kind__in=[Organisation.Kind.AREA, Organisation.Kind.INSTITUTION],
        )[:500]
    )


@login_required
def export_all(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_overview_organisation_for(request.user, organisation_id)
    context = _overview_context(request, organisation)
    content = exports.workbook(list(context["tables"].values()))
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="overblik-{organisation.pk}.xlsx"'
    return response


@login_required
def export_table(request: HttpRequest, organisation_id: int, table: str, fmt: str) -> HttpResponse:
    organisation = get_overview_organisation_for(request.user, organisation_id)
    context = _overview_context(request, organisation)
    chosen = context["tables"].get(table)
    if chosen is None or fmt not in ("csv", "xlsx"):
        raise Http404
    name = f"overblik-{organisation.pk}-{table}"
    if fmt == "csv":
        response = HttpResponse(exports.csv_text(chosen), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    else:
        response = HttpResponse(exports.workbook([chosen]), content_type=exports.XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _drill_parameters(request, organisation: Organisation) -> tuple[dict, list[str]]:
    """The drill-down's parameters, checked, and a description of each for the heading."""
    get = request.GET
    params: dict = {}
    described: list[str] = []
    phases = dict(Process.PhaseKey.choices)
    if get.get("phase") in phases:
        params["phase"] = get["phase"]
        described.append(str(phases[get["phase"]]))
    statuses = dict(Process.Status.choices)
    if get.get("status") in statuses:
        params["status"] = get["status"]
        described.append(str(statuses[get["status"]]))
    if get.get("need_area", "").isdigit():
        area = _areas(organisation).filter(pk=int(get["need_area"])).first()
        if area is None:
            raise Http404
        params["need_area"] = area.pk
        described.append(_("needs %(area)s") % {"area": area.name_i18n})
    if get.get("institution", "").isdigit():
        institution = org_access.get_organisation_for(request.user, int(get["institution"]))
        if not institution.is_within(organisation):
            raise Http404
        params["institution"] = institution
        described.append(institution.name)
    formats = dict(Outcome.Format.choices)
    if get.get("format") in formats:
        params["format"] = get["format"]
        described.append(str(formats[get["format"]]))
    units = dict(Outcome.Unit.choices)
    if get.get("unit") in units:
        params["unit"] = get["unit"]
        described.append(_("resources in %(unit)s") % {"unit": units[get["unit"]]})
    markers = {
        "on_track": _("markers on track"),
        "late": _("markers late"),
        "reached": _("markers reached"),
    }
    if get.get("marker") in markers:
        params["marker"] = get["marker"]
        described.append(str(markers[get["marker"]]))
    if get.get("overdue") == "1":
        params["overdue"] = True
        described.append(_("actions overdue"))
    if get.get("goal_processes", "").isdigit():
        goal = selectors.relevant_goals(organisation).filter(pk=int(get["goal_processes"])).first()
        if goal is None:
            raise Http404
        params["goal"] = goal
        described.append(_("serving “%(goal)s”") % {"goal": goal.title})
    return params, described


@login_required
def process_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The processes behind a number of the overview."""
    organisation = get_overview_organisation_for(request.user, organisation_id)
    form = _filter_form(request, organisation)
    params, described = _drill_parameters(request, organisation)
    qs = selectors.drill_down(organisation, form.filters(), viewer=request.user, **params)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = _filter_query(request)
    drill_query = {k: request.GET[k] for k in DRILL_FIELDS if request.GET.get(k)}
    return render(
        request,
        "overview/processes.html",
        {
            "organisation": organisation,
            "page": page,
            "described": described,
            "back_query": urlencode(query),
            "page_query": urlencode({**query, **drill_query}),
        },
    )


@login_required
def process_detail(request: HttpRequest, organisation_id: int, process_id: int) -> HttpResponse:
    """One process as the overview shows it, as much as ``processes.visibility`` lets the viewer
    read: its plan (the sent one, for those above), else its figures, else that it exists."""
    organisation = get_overview_organisation_for(request.user, organisation_id)
    process = get_overview_process_for(request.user, organisation, process_id)
    inside = visibility.is_inside(request.user, process)
    latest = None if inside else visibility.latest_sent(process)
    readable = visibility.may_read_plan(request.user, process, latest)
    figures = visibility.may_see_figures(request.user, process, latest)
    counts: dict[str, int] = {}
    if figures:
        for kind in Outcome.objects.filter(process=process).values_list("kind", flat=True):
            counts[kind] = counts.get(kind, 0) + 1
    kinds = dict(Outcome.Kind.choices)
    plan = None
    if readable:
        plan = plan_for(process) if inside else latest.content
    return render(
        request,
        "overview/process.html",
        {
            "organisation": organisation,
            "process": process,
            "label": plan["process"]["title"] if plan else process.neutral_label,
            "plan": plan,
            "figures": figures,
            "counts": [(kinds[k], n) for k, n in sorted(counts.items())],
            "plans": process.plan_versions.order_by("-number")[:10] if readable else [],
            "back_query": urlencode(_filter_query(request)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def joint_initiative_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Lav fælles indsats: a joint initiative out of a shared need."""
    organisation = get_overview_organisation_for(request.user, organisation_id)
    institutions = Organisation.objects.filter(
        path__startswith=organisation.path, kind=Organisation.Kind.INSTITUTION
    )
    areas = _areas(organisation)
    if request.method == "POST":
        form = JointInitiativeForm(request.POST, areas=areas, institutions=institutions)
        if form.is_valid():
            initiative = services.create_joint_initiative(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
            messages.success(
                request,
                _("The joint initiative “%(title)s” is created.") % {"title": initiative.title},
            )
            url = reverse("overview:organisation", kwargs={"organisation_id": organisation.pk})
            return redirect(f"{url}#joint-initiatives")
    else:
        area = (
            areas.filter(pk=request.GET.get("area")).first()
            if request.GET.get("area", "").isdigit()
            else None
        )
        chosen = [int(i) for i in request.GET.getlist("institution") if i.isdigit()]
        form = JointInitiativeForm(
            initial={
                "area": area,
                "title": _("Joint initiative: %(area)s") % {"area": area.name_i18n} if area else "",
                "institutions": chosen,
            },
            areas=areas,
            institutions=institutions,
        )
    return render(
        request,
        "overview/joint_initiative_form.html",
        {"organisation": organisation, "form": form},
    )


@login_required
def history(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_overview_organisation_for(request.user, organisation_id)
    form = _filter_form(request, organisation)
    months = selectors.history(organisation, form.filters(), viewer=request.user)
    phases = dict(Process.PhaseKey.choices)
    return render(
        request,
        "overview/history.html",
        {
            "organisation": organisation,
            "months": list(reversed(months)),
            "phases": [(key, str(label)) for key, label in phases.items()],
            "back_query": urlencode(_filter_query(request)),
        },
    )
