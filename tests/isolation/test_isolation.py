"""Strict isolation: every page and API route that takes an object id, for every method.

The routes are found by walking Django's URL resolver (the ninja API included), so a new view is
covered the moment it is added. Each object id in a URL is a kwarg named ``<model>_id``;
``MAKE_OBJECT`` below says how to make such an object inside Eksempel Kommune. For each route:

- ``leder@nabo.test`` (another municipality) gets 404 for GET and POST: the object does not
  exist for them (405 is fine for a method the route does not take);
- ``paedagog@eksempel.test`` (staff in Eksempel Kommune) gets 403 or 404, unless the route is
  listed in ``STAFF_MAY`` as something staff may do (then 200, or a redirect after a POST
  that did its work).

One rule lets people read across municipalities: a *published* practice example is written to
be shared (see examples/access.py). ``MAKE_OBJECT`` makes a draft, which the rules above cover;
``test_a_published_practice_example_is_read_everywhere_and_changed_only_at_home`` covers the rule.

Status codes say who reaches a page, not what it shows: ``test_content.py`` sweeps every page,
file and API answer for the texts of an institution's process, as another municipality and as
the administration above it (``processes/visibility.py``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kompetencedialog.courses.models import Course, CourseRun, Enrolment
from kompetencedialog.followup.models import (
    CheckIn,
    DevelopmentPoint,
    FollowUpMeeting,
    ProcessTemplate,
)
from kompetencedialog.meetings.services import open_meeting
from kompetencedialog.organisations.models import AccessToken, Membership
from kompetencedialog.organisations.services import invite
from kompetencedialog.processes.models import PlanVersion
from kompetencedialog.sso.models import IdentityProvider, RoleMapping
from kompetencedialog.toolkit.models import Card, Phase, Question
from tests.conftest import World, client_for
from tests.factories import make_example, make_goal, make_outcome, make_process


def _process(world: World):
    return make_process(world.institution)


def _own_card(world: World) -> Card:
    """A card of the institution's own, on the toolkit its processes use."""
    phase = Phase.objects.get(toolkit=_process(world).toolkit, key="investigate")
    return Card.objects.create(
        phase=phase,
        slug="egne-spoergsmaal",
        position=9,
        title="Egne spørgsmål",
        organisation=world.institution,
    )


def _own_question(world: World) -> Question:
    return Question.objects.create(
        card=_own_card(world),
        position=1,
        text="Hvad siger børnene?",
        organisation=world.institution,
    )


def _checkin(world: World) -> CheckIn:
    marker = make_outcome(_process(world), kind="marker", text="Alle børn er med i legen")
    return CheckIn.objects.create(marker=marker, status="on_track", note="Godt på vej")


def _followup_meeting(world: World) -> FollowUpMeeting:
    return FollowUpMeeting.objects.create(
        process=_process(world), title="Opfølgning", starts_at=timezone.now()
    )


def _development_point(world: World) -> DevelopmentPoint:
    """The leader's own MUS point: nobody else's business."""
    return DevelopmentPoint.objects.create(
        process=_process(world), person=world.leader, text="Sprogstrategier"
    )


def _template(world: World) -> ProcessTemplate:
    process = _process(world)
    return ProcessTemplate.objects.create(
        organisation=world.institution, title="Sprogforløb", toolkit=process.toolkit
    )


def _role_mapping(world: World) -> RoleMapping:
    provider = IdentityProvider.objects.create(
        organisation=world.municipality, protocol="oidc", name="Entra ID"
    )
    return RoleMapping.objects.create(
        identity_provider=provider,
        claim_value="paedagoger",
        organisation=world.institution,
        role="staff",
    )


def _course(world: World) -> Course:
    """A course offered by Eksempel Kommune's administration."""
    return Course.objects.create(
        organisation=world.municipality, title="Læringsdag", target_group="Ledere"
    )


def _course_run(world: World) -> CourseRun:
    return CourseRun.objects.create(
        course=_course(world),
        starts_on=timezone.localdate() + timedelta(days=30),
        place="Rådhuset",
        capacity=10,
    )


#: How to make an object of each kind inside Eksempel Kommune; returns its id.
MAKE_OBJECT: dict[str, Callable[[World], int]] = {
    "organisation_id": lambda world: world.institution.pk,
    "person_id": lambda world: world.leader.pk,
    "membership_id": lambda world: Membership.objects.get(user=world.leader).pk,
    "invitation_id": lambda world: (
        invite(organisation=world.institution, email="ny@eksempel.test", role="staff", by=None)[
            0
        ].pk
    ),
    "mapping_id": lambda world: _role_mapping(world).pk,
    "meeting_id": lambda world: (
        open_meeting(process=_process(world), by=world.leader, phase="investigate").pk
    ),
    "token_id": lambda world: AccessToken.issue(world.leader, "Rapport")[0].pk,
    "process_id": lambda world: _process(world).pk,
    "outcome_id": lambda world: make_outcome(_process(world)).pk,
    "goal_id": lambda world: make_goal(world.municipality).pk,
    "notebook_id": lambda world: _process(world).notebook_id,
    "card_id": lambda world: _own_card(world).pk,
    "question_id": lambda world: _own_question(world).pk,
    "checkin_id": lambda world: _checkin(world).pk,
    "followup_meeting_id": lambda world: _followup_meeting(world).pk,
    "point_id": lambda world: _development_point(world).pk,
    "template_id": lambda world: _template(world).pk,
    "course_id": lambda world: _course(world).pk,
    "course_run_id": lambda world: _course_run(world).pk,
    # The leader's own enrolment: staff must not see a colleague's.
    "enrolment_id": lambda world: (
        Enrolment.objects.create(run=_course_run(world), person=world.leader, status="enrolled").pk
    ),
    "example_id": lambda world: make_example(world.institution, published=False).pk,
    "version_id": lambda world: (
        PlanVersion.objects.create(process=_process(world), number=1, content={}).pk
    ),
}

#: Values for the other kwargs a route with an object id may have.
OTHER_KWARGS = {
    "token": "not-a-real-token",
    "phase": "investigate",
    "slug": "investigate-1",
    "kind": "challenge",
    "phase_key": "investigate",
    "card_slug": "investigate-1",
    "table": "heatmap",
    "fmt": "csv",
}

#: (route name, method) that staff in Eksempel Kommune may use: they get 200, not 403/404.
STAFF_MAY = {
    ("organisations:detail", "GET"),
    # Staff take notes for the group in their institution's processes.
    ("toolkit:meeting", "GET"),
    ("toolkit:meeting_card", "GET"),
    ("toolkit:save_note", "POST"),
    # Staff follow their institution's processes: the follow-up pages, calendars and their
    # own MUS points (the list shows only their own).
    ("followup:process", "GET"),
    ("followup:start", "GET"),
    ("followup:course_changes", "GET"),
    ("followup:development_points", "GET"),
    ("followup:meeting", "GET"),
    ("followup:meeting_ics", "GET"),
    ("api-1:process_calendar", "GET"),
    # Staff read their institution's processes and plans; only leaders change them.
    ("processes:detail", "GET"),
    ("processes:card", "GET"),
    ("processes:plan", "GET"),
    ("processes:plan_pdf", "GET"),
    ("processes:plan_docx", "GET"),
    ("api-1:get_process", "GET"),
    ("api-1:plan_pdf", "GET"),
    ("api-1:plan_docx", "GET"),
    # Everyone who took part may read what a meeting of their institution said.
    ("meetings:summary", "GET"),
    ("api-1:get_organisation", "GET"),
    # Everyone in the municipality reads its courses, enrols on a team and asks to be told
    # when the next one opens.
    ("courses:detail", "GET"),
    ("courses:enrol", "GET"),
    ("courses:enrol", "POST"),
    ("courses:tell_me", "POST"),
    # Everyone in the organisation reads its draft practice examples; leaders change them.
    ("examples:detail", "GET"),
    ("examples:pdf", "GET"),
}

#: Routes that are public by design, and why: an identity provider must reach our single
#: sign-on endpoints without a session, and they reveal nothing of any organisation's data.
PUBLIC = {
    "sso:login",
    "sso:oidc_callback",
    "sso:saml_acs",
    "sso:saml_metadata",
    "sso:saml_sls",
}

#: Route namespaces left out, and why.
NOT_CHECKED = {
    # Django's admin is for platform staff only (is_staff); everyone else is sent to its
    # log-in page. test_the_django_admin_is_closed_to_everyone_else checks that.
    "admin",
}


@dataclass
class Route:
    name: str
    route: str
    kwargs: list[str]

    def url(self, values: dict[str, object]) -> str:
        return "/" + re.sub(
            r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), self.route
        )


def _walk(resolver, prefix: str = "", namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
            kwargs = list(getattr(pattern.pattern, "converters", {})) or list(
                pattern.pattern.regex.groupindex
            )
            yield Route(name=name, route=prefix + str(pattern.pattern), kwargs=kwargs)


def is_object_id(kwarg: str) -> bool:
    return kwarg.endswith("_id") or kwarg in ("id", "pk")


def routes_with_object_ids() -> list[Route]:
    return [
        route
        for route in _walk(get_resolver())
        if route.name.split(":")[0] not in NOT_CHECKED
        and route.name not in PUBLIC
        and any(is_object_id(kwarg) for kwarg in route.kwargs)
    ]


ROUTES = routes_with_object_ids()


def test_the_walk_finds_the_routes_it_must():
    names = {route.name for route in ROUTES}
    assert {"organisations:detail", "organisations:people", "api-1:get_organisation"} <= names


def test_every_object_id_in_a_url_is_known():
    unknown = {
        f"{kwarg} (in {route.name}: /{route.route})"
        for route in ROUTES
        for kwarg in route.kwargs
        if kwarg not in MAKE_OBJECT and kwarg not in OTHER_KWARGS
    }
    assert not unknown, (
        "These URL kwargs are not known to the isolation test. Name object ids `<model>_id` "
        "and add a function that makes such an object in Eksempel Kommune to MAKE_OBJECT (or "
        "a value for any other kwarg to OTHER_KWARGS) in tests/isolation/test_isolation.py: "
        + ", ".join(sorted(unknown))
    )


def _url_for(route: Route, world: World) -> str:
    values = {}
    for kwarg in route.kwargs:
        if kwarg in MAKE_OBJECT:
            values[kwarg] = MAKE_OBJECT[kwarg](world)
        elif kwarg in OTHER_KWARGS:
            values[kwarg] = OTHER_KWARGS[kwarg]
        else:
            pytest.fail(f"Unknown URL kwarg {kwarg}: see test_every_object_id_in_a_url_is_known")
    return route.url(values)


def _responses(user, url: str) -> dict[str, int]:
    client = client_for(user)
    return {
        "GET": client.get(url).status_code,
        "POST": client.post(url, {}).status_code,
    }


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_the_other_municipality_gets_404(route, world, toolkit):
    url = _url_for(route, world)
    statuses = _responses(world.outsider, url)
    assert set(statuses.values()) <= {404, 405}, f"{url}: {statuses}"
    assert 404 in statuses.values(), f"{url}: {statuses}"


@pytest.mark.parametrize("route", ROUTES, ids=[route.name for route in ROUTES])
def test_staff_get_403_or_404_for_what_is_not_theirs_to_do(route, world, toolkit):
    url = _url_for(route, world)
    statuses = _responses(world.staff, url)
    for method, status in statuses.items():
        if (route.name, method) in STAFF_MAY:
            done = {200, 302} if method == "POST" else {200}
            assert status in done, f"{method} {url}: staff may do this, got {status}"
        else:
            assert status in {403, 404, 405}, f"{method} {url}: {status}"
    if not any((route.name, method) in STAFF_MAY for method in statuses):
        assert {403, 404} & set(statuses.values()), f"{url}: {statuses}"


EXAMPLE_ROUTES = [route for route in ROUTES if route.name.startswith("examples:")]


@pytest.mark.parametrize("route", EXAMPLE_ROUTES, ids=[route.name for route in EXAMPLE_ROUTES])
def test_a_published_practice_example_is_read_everywhere_and_changed_only_at_home(
    route, world, toolkit
):
    url = route.url(
        {
            "example_id": make_example(world.institution).pk,
            "process_id": _process(world).pk,
        }
    )
    statuses = _responses(world.outsider, url)
    if route.name in ("examples:detail", "examples:pdf"):
        assert statuses["GET"] == 200, f"{url}: {statuses}"
    else:
        assert set(statuses.values()) <= {403, 404, 405}, f"{url}: {statuses}"
        assert {403, 404} & set(statuses.values()), f"{url}: {statuses}"


def test_the_django_admin_is_closed_to_everyone_else(world):
    for user in (world.leader, world.staff, world.outsider):
        response = client_for(user).get(
            f"/admin/organisations/organisation/{world.institution.pk}/change/"
        )
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
