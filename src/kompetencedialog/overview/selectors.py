"""The figures of an organisation's subtree, in a fixed number of SQL queries.

Every aggregate is one ``GROUP BY`` over processes or outcomes, grouped by the process's
organisation. The organisations of the subtree are read once; the institution an
organisation belongs to is derived from its materialised path in Python, so the number of
queries never grows with the data (only the number of grouped rows does, bounded by
organisations times categories).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.utils import timezone

from kompetencedialog.organisations.models import Organisation
from kompetencedialog.processes.models import CompetenceArea, Goal, Outcome, PlanVersion, Process
from kompetencedialog.processes.visibility import figures_q, inside_q, readable_q

PHASES = [key for key, _label in Process.PhaseKey.choices]
INSTITUTION = Organisation.Kind.INSTITUTION
#: Shown newest first; the page and the export show at most this many plan versions.
PLAN_LIMIT = 50
#: Time in phase is shown in these buckets (days).
PHASE_AGE_BUCKETS = (90, 180)


@dataclass(frozen=True)
class Filters:
    """What the viewer narrowed the overview to; every field is optional."""

    area: CompetenceArea | None = None
    institution_type: str = ""
    goal: Goal | None = None
    period_from: datetime.date | None = None
    period_to: datetime.date | None = None
    #: The figures as they stood at the end of this date (from the created timestamps).
    as_of: datetime.date | None = None


@dataclass
class Institution:
    id: int
    name: str
    institution_type: str
    path: str


@dataclass
class Overview:
    organisation: Organisation
    filters: Filters
    today: datetime.date
    institutions: list[Institution]
    areas: dict[int, CompetenceArea]
    phase_status: dict[tuple[str, str], int]
    phase_age: dict[str, list[int]]
    oldest_in_phase: dict[str, datetime.datetime]
    processes_by_institution: dict[int, int]
    needs: dict[tuple[int, int], int]
    need_periods: dict[tuple[int, int], tuple[datetime.datetime, datetime.datetime]]
    interventions: dict[tuple[int, str], int]
    resources: dict[tuple[int, str], Decimal]
    markers: dict[str, int]
    actions_overdue: int
    actions_open: int
    goals: list[Goal]
    goal_processes: dict[int, dict[int, int]]
    plans: list[PlanVersion]
    shared_needs: list["SharedNeed"] = field(default_factory=list)

    # -- totals derived from the grouped rows ---------------------------------------------

    @cached_property
    def processes_by_phase(self) -> dict[str, int]:
        totals = dict.fromkeys(PHASES, 0)
        for (phase, _status), n in self.phase_status.items():
            totals[phase] = totals.get(phase, 0) + n
        return totals

    @cached_property
    def processes_total(self) -> int:
        return sum(self.phase_status.values())

    @cached_property
    def institutions_without_process(self) -> list[Institution]:
        return [i for i in self.institutions if not self.processes_by_institution.get(i.id)]

    @cached_property
    def needs_by_area(self) -> dict[int, int]:
        totals: dict[int, int] = defaultdict(int)
        for (area_id, _institution_id), n in self.needs.items():
            totals[area_id] += n
        return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))

    @cached_property
    def needs_total(self) -> int:
        return sum(self.needs.values())

    @cached_property
    def needs_max(self) -> int:
        return max(self.needs.values(), default=0)

    @cached_property
    def heat_institutions(self) -> list[Institution]:
        """The institutions with at least one need, in tree order (the heat map's columns)."""
        with_needs = {institution_id for _area, institution_id in self.needs}
        return [i for i in self.institutions if i.id in with_needs]

    @cached_property
    def interventions_by_format(self) -> dict[str, int]:
        totals: dict[str, int] = {key: 0 for key, _label in Outcome.Format.choices}
        for (_institution, fmt), n in self.interventions.items():
            totals[fmt] = totals.get(fmt, 0) + n
        return totals

    @cached_property
    def resources_by_unit(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = {}
        for (_institution, unit), amount in self.resources.items():
            totals[unit] = totals.get(unit, Decimal(0)) + amount
        return totals

    @cached_property
    def resource_units(self) -> list[str]:
        used = {unit for _i, unit in self.resources}
        return [key for key, _label in Outcome.Unit.choices if key in used]

    @cached_property
    def resource_institutions(self) -> list[Institution]:
        used = {institution_id for institution_id, _unit in self.resources}
        return [i for i in self.institutions if i.id in used]

    @cached_property
    def institution_names(self) -> dict[int, str]:
        return {i.id: i.name for i in self.institutions}


@dataclass
class SharedNeed:
    """A competence area needed by several institutions whose processes overlap in time."""

    area: CompetenceArea
    institutions: list[Institution]
    count: int
    start: datetime.datetime
    end: datetime.datetime


# --- the building blocks ----------------------------------------------------------------------


def subtree_institutions(organisation: Organisation) -> tuple[list[Institution], dict[int, int]]:
    """The institutions of the subtree, and organisation id → institution id (one query).

    An organisation above the institutions (the municipality, an area) maps to none.
    """
    rows = list(
        Organisation.objects.filter(path__startswith=organisation.path)
        .order_by("path")
        .values_list("id", "name", "kind", "institution_type", "path")
    )
    institutions = [
        Institution(id=pk, name=name, institution_type=itype, path=path)
        for pk, name, kind, itype, path in rows
        if kind == INSTITUTION
    ]
    by_id = {i.id for i in institutions}
    owner: dict[int, int] = {}
    for pk, _name, _kind, _itype, path in rows:
        for part in path.strip("/").split("/"):
            if int(part) in by_id:
                owner[pk] = int(part)
                break
    if organisation.kind == Organisation.Kind.TEAM:
        # the team's own institution sits above the subtree: read it from the path
        ancestor = (
            Organisation.objects.filter(pk__in=organisation.ancestor_ids, kind=INSTITUTION)
            .values_list("id", "name", "institution_type", "path")
            .first()
        )
        if ancestor:
            institutions = [Institution(*ancestor)]
            owner = dict.fromkeys(owner, ancestor[0])
            owner[organisation.pk] = ancestor[0]
    return institutions, owner


def process_filter(
    organisation: Organisation,
    filters: Filters,
    prefix: str = "",
    *,
    viewer=None,
    figures: bool = False,
) -> Q:
    """The overview's processes as a condition on a query of processes (``prefix`` "") or of
    rows that point at a process (``prefix`` "process__"): a join, not a subquery.

    Every process counts as existing; with ``figures`` (or a filter that reads its figures),
    only those whose figures ``viewer`` may count (``processes.visibility``; no viewer: only
    processes that have sent a plan).
    """
    p = prefix
    condition = Q(**{f"{p}organisation__path__startswith": organisation.path})
    if figures or filters.area is not None or filters.goal is not None:
        condition &= figures_q(viewer, p)
    if filters.institution_type:
        condition &= Q(**{f"{p}organisation__institution_type": filters.institution_type}) | Q(
            **{f"{p}organisation__parent__institution_type": filters.institution_type}
        )
    if filters.goal is not None:
        condition &= Q(**{f"{p}goals": filters.goal})
    if filters.area is not None:
        condition &= Q(
            Exists(
                Outcome.objects.filter(
                    process=OuterRef(f"{p}pk" if not p else "process_id"),
                    kind=Outcome.Kind.COMPETENCE,
                    competence_status=Outcome.CompetenceStatus.NEEDED,
                    area=filters.area,
                )
            )
        )
    if filters.period_to is not None:
        condition &= Q(**{f"{p}created__date__lte": filters.period_to})
    if filters.period_from is not None:
        condition &= ~Q(**{f"{p}status": Process.Status.COMPLETED}) | Q(
            **{f"{p}updated__date__gte": filters.period_from}
        )
    if filters.as_of is not None:
        condition &= Q(**{f"{p}created__date__lte": filters.as_of})
    return condition


def processes(organisation: Organisation, filters: Filters, *, viewer=None) -> QuerySet[Process]:
    """The processes behind the overview, with the filters applied (a lazy query)."""
    return Process.objects.filter(process_filter(organisation, filters, viewer=viewer))


def _outcomes(organisation: Organisation, filters: Filters, kind: str, viewer) -> QuerySet[Outcome]:
    """Outcomes of one kind, of the processes whose figures the viewer may count."""
    qs = Outcome.objects.filter(
        process_filter(organisation, filters, "process__", viewer=viewer, figures=True), kind=kind
    )
    if filters.as_of is not None:
        qs = qs.filter(created__date__lte=filters.as_of)
    return qs


def _needs(organisation, filters, viewer) -> QuerySet[Outcome]:
    qs = _outcomes(organisation, filters, Outcome.Kind.COMPETENCE, viewer).filter(
        competence_status=Outcome.CompetenceStatus.NEEDED, area__isnull=False
    )
    if filters.area is not None:
        qs = qs.filter(area=filters.area)
    return qs


def relevant_goals(organisation: Organisation) -> QuerySet[Goal]:
    """The strategic goals of the organisation and of the organisations above it."""
    return Goal.objects.filter(
        organisation_id__in=[*organisation.ancestor_ids, organisation.pk]
    ).select_related("organisation")


# --- the overview -----------------------------------------------------------------------------


def build_overview(
    organisation: Organisation, filters: Filters | None = None, *, viewer=None
) -> Overview:
    """Every figure of the overview for the organisation's subtree, in a fixed number of queries.

    ``viewer`` is who looks (``processes.visibility`` decides what counts for them); without
    one, as for the monthly snapshots, only processes that have sent a plan count their figures.
    """
    filters = filters or Filters()
    now = timezone.now()
    today = timezone.localdate()
    institutions, owner = subtree_institutions(organisation)  # 1 query (2 for a team)
    if filters.institution_type:
        institutions = [i for i in institutions if i.institution_type == filters.institution_type]
    shown = {i.id for i in institutions}
    process_qs = processes(organisation, filters, viewer=viewer)

    # processes by phase and status, and by institution, with time in phase — 1 query
    phase_status: dict[tuple[str, str], int] = defaultdict(int)
    phase_age: dict[str, list[int]] = {phase: [0, 0, 0] for phase in PHASES}
    oldest: dict[str, datetime.datetime] = {}
    by_institution: dict[int, int] = defaultdict(int)
    young, middle = (now - datetime.timedelta(days=days) for days in PHASE_AGE_BUCKETS)
    rows = process_qs.values("organisation_id", "phase", "status").annotate(
        n=Count("id"),
        young=Count("id", filter=Q(phase_started__gt=young)),
        middle=Count("id", filter=Q(phase_started__lte=young, phase_started__gt=middle)),
        started=Min("phase_started"),
    )
    for row in rows:
        phase_status[(row["phase"], row["status"])] += row["n"]
        institution_id = owner.get(row["organisation_id"])
        if institution_id is not None:
            by_institution[institution_id] += row["n"]
        if row["status"] == Process.Status.ACTIVE:
            ages = phase_age.setdefault(row["phase"], [0, 0, 0])
            ages[0] += row["young"]
            ages[1] += row["middle"]
            ages[2] += row["n"] - row["young"] - row["middle"]
            if row["phase"] not in oldest or row["started"] < oldest[row["phase"]]:
                oldest[row["phase"]] = row["started"]

    # needed competences by area and institution, with the period they span — 1 query
    needs: dict[tuple[int, int], int] = defaultdict(int)
    periods: dict[tuple[int, int], list] = {}
    rows = (
        _needs(organisation, filters, viewer)
        .values("area_id", "process__organisation_id")
        .annotate(
            n=Count("id"),
            start=Min("process__created"),
            last=Max("process__updated"),
            active=Count("id", filter=~Q(process__status=Process.Status.COMPLETED)),
        )
    )
    for row in rows:
        institution_id = owner.get(row["process__organisation_id"])
        if institution_id not in shown:
            continue
        key = (row["area_id"], institution_id)
        needs[key] += row["n"]
        end = now if row["active"] else row["last"]
        if key in periods:
            periods[key] = [min(periods[key][0], row["start"]), max(periods[key][1], end)]
        else:
            periods[key] = [row["start"], end]

    # the competence areas: the taxonomy for the filters and the names — 1 query
    areas = {area.pk: area for area in CompetenceArea.objects.all()}

    # interventions by format per institution — 1 query
    interventions: dict[tuple[int, str], int] = defaultdict(int)
    rows = (
        _outcomes(organisation, filters, Outcome.Kind.INTERVENTION, viewer)
        .values("process__organisation_id", "format")
        .annotate(n=Count("id"))
    )
    for row in rows:
        institution_id = owner.get(row["process__organisation_id"], 0)
        interventions[(institution_id, row["format"] or Outcome.Format.OTHER)] += row["n"]

    # resources by unit per institution — 1 query
    resources: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    rows = (
        _outcomes(organisation, filters, Outcome.Kind.RESOURCE, viewer)
        .filter(amount__isnull=False)
        .values("process__organisation_id", "unit")
        .annotate(total=Sum("amount"))
    )
    for row in rows:
        institution_id = owner.get(row["process__organisation_id"], 0)
        resources[(institution_id, row["unit"] or Outcome.Unit.OTHER)] += row["total"] or 0

    # markers on track / late / reached, and actions overdue — 1 query
    reached = Q(status=Outcome.Status.REACHED)
    late = ~reached & (Q(status=Outcome.Status.LATE) | Q(due__lt=today))
    finished = Q(status__in=[Outcome.Status.DONE, Outcome.Status.CANCELLED])
    follow = (
        Outcome.objects.filter(
            process_filter(organisation, filters, "process__", viewer=viewer, figures=True),
            kind__in=[Outcome.Kind.MARKER, Outcome.Kind.ACTION],
        )
        .filter(Q(created__date__lte=filters.as_of) if filters.as_of else Q())
        .aggregate(
            markers=Count("id", filter=Q(kind=Outcome.Kind.MARKER)),
            markers_reached=Count("id", filter=Q(kind=Outcome.Kind.MARKER) & reached),
            markers_late=Count("id", filter=Q(kind=Outcome.Kind.MARKER) & late),
            actions_open=Count("id", filter=Q(kind=Outcome.Kind.ACTION) & ~finished),
            actions_overdue=Count(
                "id", filter=Q(kind=Outcome.Kind.ACTION) & ~finished & Q(due__lt=today)
            ),
        )
    )
    markers = {
        "reached": follow["markers_reached"],
        "late": follow["markers_late"],
        "on_track": follow["markers"] - follow["markers_reached"] - follow["markers_late"],
    }

    # strategic goals, and which institutions' processes serve each — 2 queries
    goals = list(relevant_goals(organisation))
    goal_processes: dict[int, dict[int, int]] = {goal.pk: {} for goal in goals}
    rows = (
        Process.goals.through.objects.filter(
            process_filter(organisation, filters, "process__", viewer=viewer, figures=True),
            goal_id__in=list(goal_processes),
        )
        .values("goal_id", "process__organisation_id")
        .annotate(n=Count("process_id"))
    )
    for row in rows:
        institution_id = owner.get(row["process__organisation_id"], 0)
        served = goal_processes[row["goal_id"]]
        served[institution_id] = served.get(institution_id, 0) + row["n"]

    # plans sent in, newest first, each marked whether the viewer may read its texts — 1 query
    plans = PlanVersion.objects.filter(
        process_filter(organisation, filters, "process__", viewer=viewer)
    ).annotate(readable=ExpressionWrapper(readable_q(viewer, "process__"), BooleanField()))
    if filters.as_of is not None:
        plans = plans.filter(sent_at__date__lte=filters.as_of)
    plans = list(
        plans.select_related("process__organisation", "sent_by").order_by("-sent_at", "-id")[
            :PLAN_LIMIT
        ]
    )

    overview = Overview(
        organisation=organisation,
        filters=filters,
        today=today,
        institutions=institutions,
        areas=areas,
        phase_status=dict(phase_status),
        phase_age=phase_age,
        oldest_in_phase=oldest,
        processes_by_institution=dict(by_institution),
        needs=dict(needs),
        need_periods={key: (start, end) for key, (start, end) in periods.items()},
        interventions=dict(interventions),
        resources=dict(resources),
        markers=markers,
        actions_overdue=follow["actions_overdue"],
        actions_open=follow["actions_open"],
        goals=goals,
        goal_processes=goal_processes,
        plans=plans,
    )
    overview.shared_needs = shared_needs(overview)
    return overview


def shared_needs(overview: Overview) -> list[SharedNeed]:
    """Areas needed by two or more institutions whose periods overlap (no query)."""
    by_area: dict[int, list[tuple[int, datetime.datetime, datetime.datetime]]] = defaultdict(list)
    for (area_id, institution_id), (start, end) in overview.need_periods.items():
        by_area[area_id].append((institution_id, start, end))
    names = {i.id: i for i in overview.institutions}
    result = []
    for area_id, spans in by_area.items():
        if len(spans) < 2 or area_id not in overview.areas:
            continue
        overlapping = _overlapping(spans)
        if len(overlapping) < 2:
            continue
        chosen = [s for s in spans if s[0] in overlapping]
        result.append(
            SharedNeed(
                area=overview.areas[area_id],
                institutions=sorted(
                    (names[i] for i in overlapping if i in names), key=lambda i: i.path
                ),
                count=sum(overview.needs[(area_id, i)] for i in overlapping),
                start=min(s[1] for s in chosen),
                end=max(s[2] for s in chosen),
            )
        )
    result.sort(key=lambda need: (-len(need.institutions), -need.count, need.area.name))
    return result


def _overlapping(spans: list[tuple[int, datetime.datetime, datetime.datetime]]) -> set[int]:
    """The ids whose period overlaps another's: one sort and one sweep, not all pairs."""
    spans = sorted(spans, key=lambda s: (s[1], s[2]))
    found: set[int] = set()
    latest = None  # the earlier span that ends last
    for index, span in enumerate(spans):
        if latest is not None and latest[2] >= span[1]:
            found.update((latest[0], span[0]))
        if index + 1 < len(spans) and spans[index + 1][1] <= span[2]:
            found.update((span[0], spans[index + 1][0]))
        if latest is None or span[2] > latest[2]:
            latest = span
    return found


# --- drill-down --------------------------------------------------------------------------------


def drill_down(
    organisation: Organisation,
    filters: Filters,
    *,
    phase: str = "",
    status: str = "",
    need_area: int | None = None,
    institution: Organisation | None = None,
    format: str = "",
    unit: str = "",
    marker: str = "",
    overdue: bool = False,
    goal: Goal | None = None,
    without_goal: bool = False,
    viewer=None,
) -> QuerySet[Process]:
    """The processes behind one number of the overview (a lazy query, one row per process),
    each marked ``inside`` (the viewer works in it) and ``readable`` (may read its texts). A
    number read from outcomes or goals lists only the processes whose figures the viewer may
    count."""
    latest = PlanVersion.objects.filter(process=OuterRef("pk")).order_by("-number")
    qs = (
        processes(organisation, filters, viewer=viewer)
        .select_related("organisation")
        .annotate(
            inside=ExpressionWrapper(inside_q(viewer), BooleanField()),
            readable=ExpressionWrapper(readable_q(viewer), BooleanField()),
            # those above read the title the plan was sent with, never a later draft's
            sent_title=Subquery(latest.values("content__process__title")[:1]),
        )
    )
    if need_area is not None or format or unit or marker or overdue or goal is not None:
        qs = qs.filter(figures_q(viewer))
    today = timezone.localdate()
    if phase:
        qs = qs.filter(phase=phase)
    if status:
        qs = qs.filter(status=status)
    if institution is not None:
        qs = qs.filter(organisation__path__startswith=institution.path)
    if goal is not None:
        qs = qs.filter(goals=goal)
    outcome = Outcome.objects.filter(process=OuterRef("pk"))
    if filters.as_of is not None:
        outcome = outcome.filter(created__date__lte=filters.as_of)
    if need_area is not None:
        qs = qs.filter(
            Exists(
                outcome.filter(
                    kind=Outcome.Kind.COMPETENCE,
                    competence_status=Outcome.CompetenceStatus.NEEDED,
                    area_id=need_area,
                )
            )
        )
    if format:
        qs = qs.filter(Exists(outcome.filter(kind=Outcome.Kind.INTERVENTION, format=format)))
    if unit:
        qs = qs.filter(
            Exists(outcome.filter(kind=Outcome.Kind.RESOURCE, unit=unit, amount__isnull=False))
        )
    if marker:
        reached = Q(status=Outcome.Status.REACHED)
        late = ~reached & (Q(status=Outcome.Status.LATE) | Q(due__lt=today))
        condition = {"reached": reached, "late": late, "on_track": ~reached & ~late}.get(marker)
        if condition is not None:
            qs = qs.filter(Exists(outcome.filter(condition, kind=Outcome.Kind.MARKER)))
    if overdue:
        qs = qs.filter(
            Exists(
                outcome.filter(kind=Outcome.Kind.ACTION, due__lt=today).exclude(
                    status__in=[Outcome.Status.DONE, Outcome.Status.CANCELLED]
                )
            )
        )
    return qs.order_by("organisation__path", "title", "id")


# --- history ----------------------------------------------------------------------------------


def snapshot_figures(overview: Overview) -> dict:
    """The figures a monthly snapshot keeps (JSON: numbers, keys as strings)."""
    return {
        "processes_by_phase": overview.processes_by_phase,
        "processes_total": overview.processes_total,
        "institutions_without_process": len(overview.institutions_without_process),
        "needs_total": overview.needs_total,
        "needs_by_area": {str(k): v for k, v in overview.needs_by_area.items()},
        "interventions_by_format": overview.interventions_by_format,
        "resources": {k: float(v) for k, v in overview.resources_by_unit.items()},
        "markers": overview.markers,
        "actions_overdue": overview.actions_overdue,
    }


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def previous_months(today: datetime.date, count: int) -> list[datetime.date]:
    """The first days of the last ``count`` months, oldest first, this month included."""
    months, month = [], month_start(today)
    for _i in range(count):
        months.append(month)
        month = month_start(month - datetime.timedelta(days=1))
    return list(reversed(months))


@dataclass
class HistoryMonth:
    month: datetime.date
    processes: int
    needs: int
    interventions: int
    dkk: Decimal
    hours: Decimal
    #: From the month's snapshot, when one was taken; else None (phases are not kept otherwise).
    snapshot: dict | None


def history(
    organisation: Organisation, filters: Filters, months: int = 12, *, viewer=None
) -> list[HistoryMonth]:
    """The figures month by month, as they stood at each month's end (5 queries).

    Counts come from the created timestamps (what had been created by then and still exists);
    phases and statuses come from the monthly snapshots, when the command had taken one.
    """
    from django.db.models.functions import TruncMonth

    from kompetencedialog.overview.models import OverviewSnapshot

    today = timezone.localdate()
    span = previous_months(today, months)
    process_qs = processes(organisation, filters, viewer=viewer)

    def per_month(qs, value=None):
        qs = qs.annotate(m=TruncMonth("created")).values("m")
        qs = qs.annotate(v=Sum(value) if value else Count("id"))
        result: dict[datetime.date, Decimal] = defaultdict(Decimal)
        for row in qs.order_by():
            m = row["m"]
            m = m.date() if isinstance(m, datetime.datetime) else m
            result[month_start(m)] += row["v"] or 0
        return result

    created = per_month(process_qs)
    needs = per_month(_needs(organisation, filters, viewer))
    interventions = per_month(_outcomes(organisation, filters, Outcome.Kind.INTERVENTION, viewer))
    resources = _outcomes(organisation, filters, Outcome.Kind.RESOURCE, viewer)
    dkk = per_month(resources.filter(unit=Outcome.Unit.DKK), "amount")
    hours = per_month(resources.filter(unit=Outcome.Unit.HOURS), "amount")
    snapshots = {
        s.month: s.figures
        for s in OverviewSnapshot.objects.filter(organisation=organisation, month__gte=span[0])
    }

    def upto(series, month):
        return sum((v for m, v in series.items() if m <= month), Decimal(0))

    return [
        HistoryMonth(
            month=month,
            processes=int(upto(created, month)),
            needs=int(upto(needs, month)),
            interventions=int(upto(interventions, month)),
            dkk=upto(dkk, month),
            hours=upto(hours, month),
            snapshot=snapshots.get(month),
        )
        for month in span
    ]
