"""Who sees and does what with courses. Views and exports use only these lookups.

The rule:

- A course belongs to the organisation that offers it, usually a municipality, whose
  administration made it. It exists for everyone with a role in that organisation, above it or
  below it: the people of Eksempel Kommune see Eksempel Kommune's courses, and those of an area's
  own courses. For anyone else it does not exist (404).
- The administration (``OVERVIEW_ROLES`` on the course's organisation) manages the course: edits
  it, adds teams (hold), sees participants and waitlists and exports them. Anyone else who sees
  the course gets 403 for those.
- Everyone who sees a course may enrol themselves on its teams; a leader may also enrol the people
  of the organisations they lead.
- An enrolment (and its mapping) exists only for its person and the course's administration.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kompetencedialog.courses.models import Course, CourseRun, Enrolment
from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import Membership, Organisation, User

#: Roles that may enrol the people of the organisations they lead.
ENROL_OTHERS_ROLES = frozenset({access.Role.ADMIN, access.Role.LEADER})


def _visible(queryset: QuerySet, user, path_field: str) -> QuerySet:
    """Rows offered by an organisation on the path of one of the person's memberships."""
    if user.is_authenticated and user.is_superuser:
        return queryset
    paths = {path for path, _role in access.memberships(user)}
    if not paths:
        return queryset.none()
    above = {int(part) for path in paths for part in path.strip("/").split("/") if part.isdigit()}
    condition = Q(**{f"{path_field.removesuffix('__path')}__in": above})
    for path in paths:
        condition |= Q(**{f"{path_field}__startswith": path})
    return queryset.filter(condition)


def courses_for(user) -> QuerySet[Course]:
    return _visible(Course.objects.select_related("organisation"), user, "organisation__path")


def may_manage(user, course: Course) -> bool:
    return access.has_role(user, course.organisation, access.OVERVIEW_ROLES)


def get_course_for(user, pk, *, write: bool = False) -> Course:
    """A course the person sees; ``write`` asks for the administration of its organisation."""
    try:
        course = courses_for(user).get(pk=pk)
    except (Course.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not may_manage(user, course):
        raise PermissionDenied
    return course


def get_run_for(user, pk, *, write: bool = False) -> CourseRun:
    try:
        run = _visible(
            CourseRun.objects.select_related("course__organisation"),
            user,
            "course__organisation__path",
        ).get(pk=pk)
    except (CourseRun.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write and not may_manage(user, run.course):
        raise PermissionDenied
    return run


def get_enrolment_for(user, pk) -> Enrolment:
    """The person's own enrolment, or one on a course they manage; nobody else's."""
    enrolments = Enrolment.objects.select_related("run__course__organisation", "person")
    try:
        enrolment = _visible(enrolments, user, "run__course__organisation__path").get(pk=pk)
    except (Enrolment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if enrolment.person_id != user.pk and not may_manage(user, enrolment.run.course):
        raise Http404
    return enrolment


def offering_organisations(user) -> QuerySet[Organisation]:
    """Where the person may offer courses: the organisations they see the overview of."""
    return access.scope(
        Organisation.objects.exclude(kind=Organisation.Kind.TEAM),
        user,
        path_field="path",
        roles=access.OVERVIEW_ROLES,
    ).order_by("path")


def enrollable_people(user, organisation: Organisation) -> QuerySet[User]:
    """The person, and for a leader the people of the organisations they lead, for a course the
    organisation offers (if they see it: a course of an area is not for the rest of the
    municipality)."""
    led = {path for path, role in access.memberships(user) if role in ENROL_OTHERS_ROLES}
    offered_by = organisation.path
    subtrees = Q()
    for path in led:
        if path.startswith(offered_by) or offered_by.startswith(path):
            subtrees |= Q(organisation__path__startswith=max(path, offered_by, key=len))
    condition = Q(pk=user.pk)
    if subtrees:
        # A subquery, not a join: no DISTINCT over thousands of people before the first few.
        condition |= Q(pk__in=Membership.objects.filter(subtrees).values("user_id"))
    return User.objects.filter(condition, is_active=True).order_by("name", "email")
