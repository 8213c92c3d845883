"""The overview's tables: the page shows them and the exports write them, from the same rows.

A cell is a value (numbers stay numbers) and, for a count, the drill-down parameters that list
the processes behind it.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kompetencedialog.overview.selectors import PHASES, Overview
from kompetencedialog.processes.models import Outcome, Process


@dataclass
class Cell:
    value: object
    drill: dict | None = None
    #: 0 to 5: how strong the heat map colours the cell.
    heat: int | None = None
    url: str = ""

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, int | float | Decimal) and not isinstance(self.value, bool)


def display_number(value, separators: tuple[str, str] | None = None) -> str:
    """A number as the page shows it: grouped digits, decimals only when there are any."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    thousands, decimal = separators or _separators()
    if isinstance(value, int):
        return f"{value:,}".replace(",", thousands)
    return f"{value:,.2f}".replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def _separators() -> tuple[str, str]:
    """The current language's separators (looked up per call of the page, not per cell)."""
    from django.utils.translation import get_language

    language = get_language()
    if language not in _SEPARATORS:
        _SEPARATORS[language] = (
            formats.get_format("THOUSAND_SEPARATOR"),
            formats.get_format("DECIMAL_SEPARATOR"),
        )
    return _SEPARATORS[language]


_SEPARATORS: dict[str, tuple[str, str]] = {}


def cell_html(cell: Cell, header: bool, separators: tuple[str, str]) -> str:
    """One cell; rendered in Python because the heat map of a large municipality has
    thousands of cells, which the template language renders too slowly."""
    if header:
        return f'<th scope="row">{escape(str(cell.value))}</th>'
    classes = []
    attrs = ""
    if cell.is_number:
        classes.append("kd-num")
        attrs = f' data-value="{cell.value}"'
        text = display_number(cell.value, separators)
    else:
        text = escape(str(cell.value))
    if cell.heat is not None:
        classes.append(f"kd-heat-{cell.heat}")
    if cell.url:
        text = f'<a href="{escape(cell.url)}">{text}</a>'
    class_attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<td{class_attr}{attrs}>{text}</td>"


@dataclass
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    footer: list[Cell] | None = None
    #: The first column names the row (a ``th`` with ``scope="row"``).
    row_headers: bool = True

    @property
    def html_rows(self) -> SafeString:
        separators = _separators()
        return mark_safe(
            "\n".join(
                "<tr>"
                + "".join(
                    cell_html(cell, i == 0 and self.row_headers, separators)
                    for i, cell in enumerate(row)
                )
                + "</tr>"
                for row in self.rows
            )
        )

    @property
    def html_footer(self) -> SafeString:
        if not self.footer:
            return mark_safe("")
        separators = _separators()
        cells = "".join(cell_html(cell, i == 0, separators) for i, cell in enumerate(self.footer))
        return mark_safe(f"<tr>{cells}</tr>")

    @property
    def all_rows(self) -> list[list[Cell]]:
        return [*self.rows, *([self.footer] if self.footer else [])]


def _c(value, drill=None, heat=None) -> Cell:
    return Cell(value, drill, heat)


def heat_level(n: int, maximum: int) -> int:
    """0 for none, else 1 to 5 in proportion to the largest cell."""
    if not n or not maximum:
        return 0
    return max(1, min(5, round(5 * n / maximum)))


def phase_labels() -> dict[str, str]:
    return {key: str(label) for key, label in Process.PhaseKey.choices}


def processes_table(overview: Overview) -> Table:
    statuses = [key for key, _label in Process.Status.choices]
    labels = phase_labels()
    table = Table(
        "processes",
        _("Processes by phase and status"),
        [
            _("Phase"),
            *[str(label) for _key, label in Process.Status.choices],
            _("Total"),
            _("Active, under 3 months in the phase"),
            _("Active, 3 to 6 months in the phase"),
            _("Active, over 6 months in the phase"),
        ],
    )
    for phase in PHASES:
        counts = [overview.phase_status.get((phase, status), 0) for status in statuses]
        ages = overview.phase_age.get(phase, [0, 0, 0])
        table.rows.append(
            [
                _c(labels[phase]),
                *[
                    _c(n, {"phase": phase, "status": status})
                    for n, status in zip(counts, statuses, strict=True)
                ],
                _c(sum(counts), {"phase": phase}),
                *[_c(n) for n in ages],
            ]
        )
    totals = [sum(overview.phase_status.get((p, s), 0) for p in PHASES) for s in statuses]
    table.footer = [
        _c(_("Total")),
        *[_c(n, {"status": s}) for n, s in zip(totals, statuses, strict=True)],
        _c(sum(totals), {}),
        *[_c(sum(overview.phase_age.get(p, [0, 0, 0])[i] for p in PHASES)) for i in range(3)],
    ]
    return table


def key_figures_table(overview: Overview) -> Table:
    by_phase = overview.processes_by_phase
    labels = phase_labels()
    table = Table("key_figures", _("Key figures"), [_("Figure"), _("Number")])
    table.rows = [
        [_c(_("Processes")), _c(overview.processes_total, {})],
        *[[_c(labels[p]), _c(by_phase[p], {"phase": p})] for p in PHASES],
        [_c(_("Institutions")), _c(len(overview.institutions))],
        [_c(_("Institutions without a process")), _c(len(overview.institutions_without_process))],
        [_c(_("Needed competences")), _c(overview.needs_total)],
        [_c(_("Markers on track")), _c(overview.markers["on_track"], {"marker": "on_track"})],
        [_c(_("Markers late")), _c(overview.markers["late"], {"marker": "late"})],
        [_c(_("Markers reached")), _c(overview.markers["reached"], {"marker": "reached"})],
        [_c(_("Open actions")), _c(overview.actions_open)],
        [_c(_("Actions overdue")), _c(overview.actions_overdue, {"overdue": "1"})],
    ]
    return table


def needs_table(overview: Overview) -> Table:
    table = Table(
        "needs_by_area",
        _("Needed competences by area"),
        [_("Competence area"), _("Needed competences"), _("Institutions")],
    )
    institutions_per_area: dict[int, int] = {}
    for area_id, _i in overview.needs:
        institutions_per_area[area_id] = institutions_per_area.get(area_id, 0) + 1
    for area_id, n in overview.needs_by_area.items():
        area = overview.areas.get(area_id)
        table.rows.append(
            [
                _c(area.name_i18n if area else "?"),
                _c(n, {"need_area": area_id}),
                _c(institutions_per_area.get(area_id, 0)),
            ]
        )
    table.footer = [_c(_("Total")), _c(overview.needs_total), _c(len(overview.heat_institutions))]
    return table


def heatmap_table(overview: Overview) -> Table:
    """Institutions (rows) by competence areas (columns): the number of needed competences."""
    area_ids = list(overview.needs_by_area)
    maximum = overview.needs_max
    table = Table(
        "heatmap",
        _("Needed competences: institution by competence area"),
        [
            _("Institution"),
            *[overview.areas[a].name_i18n if a in overview.areas else "?" for a in area_ids],
            _("Total"),
        ],
    )
    for institution in overview.heat_institutions:
        counts = [overview.needs.get((a, institution.id), 0) for a in area_ids]
        table.rows.append(
            [
                _c(institution.name),
                *[
                    _c(
                        n,
                        {"need_area": a, "institution": institution.id} if n else None,
                        heat_level(n, maximum),
                    )
                    for n, a in zip(counts, area_ids, strict=True)
                ],
                _c(sum(counts), {"institution": institution.id}),
            ]
        )
    table.footer = [
        _c(_("Total")),
        *[_c(overview.needs_by_area[a], {"need_area": a}) for a in area_ids],
        _c(overview.needs_total),
    ]
    return table


def interventions_table(overview: Overview) -> Table:
    table = Table(
        "interventions_by_format",
        _("Interventions by format"),
        [_("Format"), _("Interventions")],
    )
    counts = overview.interventions_by_format
    for key, label in Outcome.Format.choices:
        table.rows.append([_c(str(label)), _c(counts.get(key, 0), {"format": key})])
    table.footer = [_c(_("Total")), _c(sum(counts.values()))]
    return table


def resources_table(overview: Overview) -> Table:
    units = overview.resource_units
    labels = dict(Outcome.Unit.choices)
    table = Table(
        "resources",
        _("Resources committed"),
        [_("Institution"), *[str(labels[u]) for u in units]],
    )
    institutions = overview.resource_institutions
    for institution in institutions:
        table.rows.append(
            [
                _c(institution.name),
                *[
                    _c(
                        overview.resources.get((institution.id, u), Decimal(0)),
                        {"unit": u, "institution": institution.id},
                    )
                    for u in units
                ],
            ]
        )
    if any(i == 0 for i, _u in overview.resources):
        table.rows.append(
            [
                _c(pgettext("resources", "Above the institutions")),
                *[_c(overview.resources.get((0, u), Decimal(0))) for u in units],
            ]
        )
    totals = overview.resources_by_unit
    table.footer = [
        _c(_("Total")),
        *[_c(totals.get(u, Decimal(0)), {"unit": u}) for u in units],
    ]
    return table


def goals_table(overview: Overview) -> Table:
    table = Table(
        "goals",
        _("Strategic goals"),
        [
            _("Goal"),
            _("Set by"),
            _("Processes serving it"),
            _("Institutions with a process"),
            _("Institutions without any"),
        ],
    )
    shown = {i.id for i in overview.institutions}
    for goal in overview.goals:
        served = overview.goal_processes.get(goal.pk, {})
        without = [i.name for i in overview.institutions if i.id not in served]
        table.rows.append(
            [
                _c(goal.title),
                _c(goal.organisation.name),
                _c(sum(served.values()), {"goal_processes": goal.pk}),
                _c(len([i for i in served if i in shown])),
                _c(", ".join(without) if without else "\u2013"),
            ]
        )
    return table


def _visibility_label(process: Process) -> str:
    """The leader's choice, and when it last changed (a change of setting, not of the plan)."""
    label = str(process.get_plan_visibility_display())
    if process.plan_visibility_changed:
        changed = formats.date_format(process.plan_visibility_changed, "DATE_FORMAT")
        label += " (" + _("setting changed %(date)s") % {"date": changed} + ")"
    return label


def plans_table(overview: Overview) -> Table:
    """The plans sent in. A plan shared only as figures is listed by a neutral label, and what
    changed in it (which quotes its texts) is not told."""
    table = Table(
        "plans",
        _("Plans sent in"),
        [
            _("Sent"),
            _("Process"),
            _("Organisation"),
            _("Version"),
            _("What changed"),
            _("The administration sees"),
        ],
        row_headers=False,
    )
    for plan in overview.plans:
        if plan.readable:
            title = plan.content.get("process", {}).get("title") or plan.process.neutral_label
            changes = plan.change_summary
        else:
            title = plan.process.neutral_label
            changes = _("Only the figures are shared.")
        table.rows.append(
            [
                _c(formats.date_format(plan.sent_at, "DATE_FORMAT")),
                _c(title, {"process": plan.process_id}),
                _c(plan.process.organisation.name),
                _c(plan.number),
                _c(changes),
                _c(_visibility_label(plan.process)),
            ]
        )
    return table


def without_process_table(overview: Overview) -> Table:
    table = Table(
        "without_process", _("Institutions without a process"), [_("Institution"), _("Type")]
    )
    labels = {key: str(label) for key, label in overview.organisation.InstitutionType.choices}
    for institution in overview.institutions_without_process:
        table.rows.append([_c(institution.name), _c(labels.get(institution.institution_type, ""))])
    return table


def shared_needs_table(overview: Overview) -> Table:
    table = Table(
        "shared_needs",
        _("Shared needs"),
        [_("Competence area"), _("Institutions"), _("Needed competences"), _("Period")],
    )
    for need in overview.shared_needs:
        table.rows.append(
            [
                _c(need.area.name_i18n),
                _c(", ".join(i.name for i in need.institutions)),
                _c(need.count, {"need_area": need.area.pk}),
                _c(
                    f"{formats.date_format(need.start, 'DATE_FORMAT')} \u2013 "
                    f"{formats.date_format(need.end, 'DATE_FORMAT')}"
                ),
            ]
        )
    return table


def all_tables(overview: Overview) -> dict[str, Table]:
    tables = [
        key_figures_table(overview),
        processes_table(overview),
        needs_table(overview),
        heatmap_table(overview),
        interventions_table(overview),
        resources_table(overview),
        goals_table(overview),
        plans_table(overview),
        without_process_table(overview),
        shared_needs_table(overview),
    ]
    return {table.key: table for table in tables}
