"""Changes to courses, teams and enrolments. Each is one transaction with one audit entry.

Seats are counted under a lock on the team's row (``select_for_update``), so two people who
take the last seat at the same moment cannot both get it, and a cancelled seat goes to the
first on the waitlist in the same transaction that frees it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.courses.models import (
    ActivityMapping,
    Course,
    CourseInterest,
    CourseRun,
    Enrolment,
)
from kompetencedialog.processes.models import Outcome, Process
from kompetencedialog.processes.services import add_outcome

COURSE_FIELDS = (
    "title",
    "introduction",
    "audience",
    "target_group",
    "purpose",
    "scope",
    "content",
    "learning_goals",
    "price",
    "provider",
    "contact",
    "preparation",
    "day",
    "follow_up",
)


@transaction.atomic
def save_course(*, by, organisation, course: Course | None = None, **fields) -> Course:
    """Create a course offered by ``organisation``, or change ``course``."""
    creating = course is None
    course = course or Course(organisation=organisation, created_by=by)
    for name in COURSE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(course, name, value.strip() if isinstance(value, str) else value)
    course.full_clean(exclude=["organisation", "created_by"])
    course.save()
    log_action(by, "course.created" if creating else "course.changed", course)
    return course


@transaction.atomic
def add_run(*, course: Course, by, starts_on: date, place: str, capacity: int) -> CourseRun:
    """Open a team, and queue an e-mail to everyone waiting to hear about the next one."""
    from kompetencedialog.courses.tasks import send_run_opened

    if starts_on < timezone.localdate():
        raise ValidationError({"starts_on": _("Choose a date from today onwards.")})
    run = CourseRun(course=course, starts_on=starts_on, place=place.strip(), capacity=capacity)
    run.full_clean(exclude=["course"])
    run.save()
    waiting = list(
        CourseInterest.objects.filter(course=course, notified__isnull=True).values_list(
            "pk", flat=True
        )
    )
    # With the database queue the tasks are rows in this same transaction: no team, no e-mail.
    for interest_id in waiting:
        send_run_opened.enqueue(interest_id, run.pk)
    log_action(
        by, "course.run.added", run, {"starts_on": starts_on.isoformat(), "notify": len(waiting)}
    )
    return run


def _lock(run: CourseRun) -> CourseRun:
    return CourseRun.objects.select_for_update().get(pk=run.pk)


@transaction.atomic
def enrol(*, run: CourseRun, person, by) -> Enrolment:
    """A seat if there is one, else a place on the waitlist. Enrolling twice changes nothing."""
    run = _lock(run)
    if run.starts_on < timezone.localdate():
        raise ValidationError(_("This team has already started. Choose another team."))
    current = run.enrolments.filter(person=person, status__in=Enrolment.ACTIVE).first()
    if current is not None:
        return current
    taken = run.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
    status = Enrolment.Status.ENROLLED if taken < run.capacity else Enrolment.Status.WAITLISTED
    enrolment = Enrolment.objects.create(run=run, person=person, status=status, enrolled_by=by)
    log_action(by, f"course.enrolment.{status}", enrolment, {"person": person.pk})
    return enrolment


@transaction.atomic
def cancel_enrolment(*, enrolment: Enrolment, by) -> Enrolment | None:
    """Give up a seat or a waitlist place. Returns the enrolment that moved up into the seat."""
    run = _lock(enrolment.run)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status == Enrolment.Status.CANCELLED:
        return None
    freed_a_seat = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.save(update_fields=["status", "updated"])
    log_action(by, "course.enrolment.cancelled", enrolment, {"person": enrolment.person_id})
    if not freed_a_seat:
        return None
    taken = run.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
    first = run.enrolments.filter(status=Enrolment.Status.WAITLISTED).order_by("created", "id")
    promoted = first.first() if taken < run.capacity else None
    if promoted is not None:
        promoted.status = Enrolment.Status.ENROLLED
        promoted.save(update_fields=["status", "updated"])
        log_action(by, "course.enrolment.promoted", promoted, {"person": promoted.person_id})
    return promoted


@transaction.atomic
def save_mapping(*, enrolment: Enrolment, by, activities: str, organisation: str, needs: str):
    mapping = ActivityMapping.objects.filter(enrolment=enrolment).first() or ActivityMapping(
        enrolment=enrolment
    )
    mapping.activities = activities.strip()
    mapping.organisation = organisation.strip()
    mapping.needs = needs.strip()
    mapping.full_clean(exclude=["enrolment"])
    mapping.save()
    log_action(by, "course.mapping.saved", mapping)
    return mapping


@transaction.atomic
def ask_to_be_told(*, course: Course, person) -> CourseInterest:
    """Remember that the person wants an e-mail when the next team opens."""
    interest, created = CourseInterest.objects.get_or_create(course=course, person=person)
    if not created and interest.notified is not None:
        interest.notified = None
        interest.save(update_fields=["notified"])
    log_action(person, "course.interest.added", interest)
    return interest


@transaction.atomic
def add_to_plan(*, enrolment: Enrolment, process: Process, by) -> Outcome:
    """The course becomes an intervention (format: course) in one of the person's processes."""
    course = enrolment.run.course
    outcome = add_outcome(
        process=process,
        by=by,
        kind=Outcome.Kind.INTERVENTION,
        text=course.title,
        format=Outcome.Format.COURSE,
        description=course.follow_up,
        details={
            "participants": enrolment.person.get_full_name(),
            "external_partners": course.provider or course.organisation.name,
        },
    )
    enrolment.intervention = outcome
    enrolment.save(update_fields=["intervention", "updated"])
    log_action(by, "course.enrolment.planned", enrolment, {"process": process.pk})
    return outcome
