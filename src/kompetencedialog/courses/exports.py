"""A team's participants and waitlist as CSV or Excel, in the overview's export formats."""

from django.utils.translation import gettext as _

from kompetencedialog.courses import selectors
from kompetencedialog.courses.models import CourseRun
from kompetencedialog.overview.tables import Cell, Table


def participants_table(run: CourseRun) -> Table:
    enrolments = selectors.participants(run).prefetch_related("person__memberships__organisation")
    rows = []
    for enrolment in enrolments:
        person = enrolment.person
        organisations = sorted({m.organisation.name for m in person.memberships.all()})
        mapping = getattr(enrolment, "mapping", None)
        rows.append(
            [
                Cell(person.get_full_name()),
                Cell(person.email),
                Cell(", ".join(organisations)),
                Cell(enrolment.get_status_display()),
                Cell(enrolment.created.date().isoformat()),
                Cell(_("Yes") if mapping else _("No")),
            ]
        )
    return Table(
        key="participants",
        title=_("Participants"),
        headers=[
            _("Name"),
            _("E-mail"),
            _("Organisation"),
            _("Status"),
            _("Enrolled on"),
            _("Mapping filled in"),
        ],
        rows=rows,
    )
