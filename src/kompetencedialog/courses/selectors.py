"""Reads for the course pages, each in a fixed number of queries."""

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from kompetencedialog.courses.models import Course, CourseInterest, CourseRun, Enrolment

ENROLLED = Q(enrolments__status=Enrolment.Status.ENROLLED)
WAITLISTED = Q(enrolments__status=Enrolment.Status.WAITLISTED)


def upcoming_runs() -> QuerySet[CourseRun]:
    """Teams from today on, with their seats taken and their waitlist counted."""
    return CourseRun.objects.filter(starts_on__gte=timezone.localdate()).annotate(
        taken=Count("enrolments", filter=ENROLLED),
        waiting=Count("enrolments", filter=WAITLISTED),
    )


def catalogue(courses: QuerySet[Course], *, audience: str = "", open_seats: bool = False):
    """The courses with their next team and whether any team has a free seat; one query."""
    runs = upcoming_runs().filter(course=OuterRef("pk"))
    courses = courses.annotate(
        next_run=Subquery(runs.order_by("starts_on").values("starts_on")[:1]),
        has_open_seats=Exists(runs.filter(taken__lt=F("capacity"))),
    )
    if audience:
        courses = courses.filter(audience__in=[audience, Course.Audience.EVERYONE])
    if open_seats:
        courses = courses.filter(has_open_seats=True)
    return courses.order_by("title")


def course_page(course: Course, user) -> dict:
    """The course's upcoming teams, the person's places on them and whether they wait to hear."""
    runs = list(upcoming_runs().filter(course=course))
    mine = {
        enrolment.run_id: enrolment
        for enrolment in Enrolment.objects.filter(
            run__in=runs, person=user, status__in=Enrolment.ACTIVE
        )
    }
    for run in runs:
        run.free = max(run.capacity - run.taken, 0)
        run.mine = mine.get(run.pk)
    waiting = CourseInterest.objects.filter(
        course=course, person=user, notified__isnull=True
    ).exists()
    return {"runs": runs, "waiting_to_hear": waiting}


def my_enrolments(user) -> QuerySet[Enrolment]:
    """The person's seats and waitlist places, with their place in the queue; one query."""
    ahead = (
        Enrolment.objects.filter(
            run=OuterRef("run"),
            status=Enrolment.Status.WAITLISTED,
            created__lte=OuterRef("created"),
        )
        .values("run")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Enrolment.objects.filter(person=user, status__in=Enrolment.ACTIVE)
        .select_related("run__course", "mapping", "intervention__process")
        .annotate(queue_position=Subquery(ahead))
        .order_by("run__starts_on", "id")
    )


def runs_with_people(course: Course) -> list[CourseRun]:
    """Every team of the course with its participants and waitlist in order; two queries."""
    active = (
        Enrolment.objects.filter(status__in=Enrolment.ACTIVE)
        .select_related("person", "mapping")
        .order_by("created", "id")
    )
    runs = list(
        course.runs.annotate(taken=Count("enrolments", filter=ENROLLED)).prefetch_related(
            Prefetch("enrolments", queryset=active, to_attr="active")
        )
    )
    for run in runs:
        run.participants = [e for e in run.active if e.status == Enrolment.Status.ENROLLED]
        run.waitlist = [e for e in run.active if e.status == Enrolment.Status.WAITLISTED]
    return runs


def participants(run: CourseRun) -> QuerySet[Enrolment]:
    """The people on a team, then those waiting, for the export."""
    return (
        run.enrolments.filter(status__in=Enrolment.ACTIVE)
        .select_related("person", "mapping")
        .order_by("status", "created", "id")
    )
