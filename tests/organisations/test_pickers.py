"""People pickers: the search endpoint's scope, the pages that use a picker (with and without
JavaScript) and queries that do not grow with the number of people."""

import pytest
from django.urls import reverse

from kompetencedialog.courses.models import Course, CourseRun, Enrolment
from kompetencedialog.followup.models import DevelopmentPoint
from kompetencedialog.meetings.models import Facilitator
from kompetencedialog.organisations.models import Membership, User
from kompetencedialog.processes.models import Outcome, Process
from tests.conftest import client_for
from tests.factories import make_member, make_process

SEARCH = "/personer/soeg/"
PLAN_CARD = "organisering-opfoelgning-og-beslutning"


def crowd(organisation, count: int, prefix: str = "Person") -> list[User]:
    """``count`` staff members of the organisation, named "Person 00", "Person 01", …"""
    people = User.objects.bulk_create(
        User(email=f"{prefix.lower()}{n}@{organisation.pk}.test", name=f"{prefix} {n:02d}")
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=person, organisation=organisation, role="staff") for person in people
    )
    return people


def search(client, where, text: str = "", *, source: str = "process", **params):
    query = {"source": source, "org": where.pk, "field": "participants", "multiple": "1"}
    query["participants__q"] = text
    return client.get(SEARCH, {**query, **params})


def course_run(world) -> CourseRun:
    course = Course.objects.create(organisation=world.municipality, title="Sprog", target_group="A")
    return CourseRun.objects.create(
        course=course, starts_on="2027-03-12", place="Rådhus", capacity=5
    )


# --- the search endpoint ----------------------------------------------------------------------


def test_a_leader_finds_people_of_the_institution_by_name_or_e_mail(world):
    client = client_for(world.leader)
    text = search(client, world.institution, "pædagog").content.decode()
    assert "Per Pædagog" in text and "Lene Leder" not in text
    assert f'name="participants" value="{world.staff.pk}"' in text
    assert "1 person passer på “pædagog”." in text
    text = search(client, world.institution, "PAEDAGOG@EKSEMPEL").content.decode()
    assert "Per Pædagog" in text


def test_an_outsider_gets_404_and_learns_no_name(world):
    response = search(client_for(world.outsider), world.institution, "Per")
    assert response.status_code == 404
    assert "Per Pædagog" not in response.content.decode()


def test_another_municipality_s_people_never_match(world):
    crowd(world.other_institution, 3, prefix="Nabo")
    text = search(client_for(world.administration), world.municipality, "Nabo").content.decode()
    assert "Nabo 0" not in text and "Niels Nabo" not in text
    assert "Ingen andre passer på “Nabo”." in text


def test_staff_may_not_search_the_people_of_their_institution(world):
    assert search(client_for(world.staff), world.institution, "Lene").status_code == 403


def test_an_unknown_source_or_field_name_is_404(world):
    client = client_for(world.leader)
    assert search(client, world.institution, "Per", source="everyone").status_code == 404
    assert search(client, world.institution, "Per", field='x"><script>').status_code == 404


def test_chosen_people_outside_the_scope_are_not_shown(world):
    params = {"participants": [world.staff.pk, world.outsider.pk, "9" * 40, "x"]}
    text = search(client_for(world.leader), world.institution, "", **params).content.decode()
    assert "Per Pædagog" in text and "Niels Nabo" not in text


def test_at_most_twenty_matches_and_a_hint_to_write_more(world):
    crowd(world.institution, 25)
    text = search(client_for(world.leader), world.institution, "person").content.decode()
    assert "Person 19" in text and "Person 20" not in text
    assert "Mere end 20 personer passer på “person”." in text


def test_the_enrol_source_gives_staff_only_themselves(world):
    client = client_for(world.staff)
    text = search(client, world.municipality, "e", source="enrol").content.decode()
    assert "Per Pædagog" in text and "Lene Leder" not in text


def test_a_search_follows_the_organisation_chosen_in_the_form(world):
    team_leader = make_member(world.team, "staff", name="Tove Team")
    params = {"org_from": "organisation", "organisation": world.team.pk}
    text = search(client_for(world.leader), world.institution, "Tove", **params).content.decode()
    assert "Tove Team" in text
    params["organisation"] = world.other_institution.pk
    assert search(client_for(world.leader), world.institution, "x", **params).status_code == 404
    assert team_leader.pk


# --- the pages --------------------------------------------------------------------------------


def test_a_small_group_is_shown_whole_without_a_search(world):
    text = client_for(world.leader).get(reverse("processes:start")).content.decode()
    assert "Per Pædagog" in text and "Find en person" not in text


def test_a_large_group_is_searched_not_listed(world):
    crowd(world.institution, 40)
    text = client_for(world.leader).get(reverse("processes:start")).content.decode()
    assert "Person 05" not in text and "Find en person" in text
    assert f'hx-get="{SEARCH}"' in text and 'hx-trigger="input changed delay:300ms' in text


def test_without_javascript_the_search_button_shows_matches_and_keeps_what_was_written(
    world, dagtilbud
):
    crowd(world.institution, 40)
    client = client_for(world.leader)
    data = {
        "organisation": world.institution.pk,
        "title": "Sprog i hverdagen",
        "everyone": "0",
        "participants": [world.staff.pk],
        "participants__q": "Person 07",
        "participants__search": "1",
    }
    response = client.post(reverse("processes:start"), data)
    text = response.content.decode()
    assert response.status_code == 200 and not Process.objects.exists()
    assert 'value="Sprog i hverdagen"' in text and "Noget skal rettes" not in text
    assert "Person 07" in text and "Person 08" not in text
    person = User.objects.get(name="Person 07")
    assert f'value="{world.staff.pk}" id="id_participants_{world.staff.pk}" checked' in text
    assert f'value="{person.pk}" id="id_participants_{person.pk}">' in text

    del data["participants__search"]
    data["participants"] = [world.staff.pk, person.pk]
    response = client.post(reverse("processes:start"), data)
    assert response.status_code == 302
    assert set(Process.objects.get().participants.all()) == {world.staff, person}


@pytest.mark.parametrize("bad", ["outsider", "9" * 40, "Per"])
def test_a_chosen_person_outside_the_scope_is_refused(world, dagtilbud, bad):
    value = world.outsider.pk if bad == "outsider" else bad
    data = {
        "organisation": world.institution.pk,
        "title": "Sprog",
        "everyone": "0",
        "participants": [world.staff.pk, value],
    }
    response = client_for(world.leader).post(reverse("processes:start"), data)
    assert response.status_code == 200 and not Process.objects.exists()
    assert "Vælg en af mulighederne." in response.content.decode()


def _card(process) -> str:
    return reverse(
        "processes:card", kwargs={"process_id": process.pk, "phase": "plan", "slug": PLAN_CARD}
    )


def test_the_owner_of_an_action_is_searched_without_javascript_and_then_saved(world, dagtilbud):
    crowd(world.institution, 40)
    process = make_process(world.institution, toolkit=dagtilbud)
    client = client_for(world.leader)
    url = reverse(
        "processes:add_outcome",
        kwargs={"process_id": process.pk, "phase": "plan", "slug": PLAN_CARD, "kind": "action"},
    )
    data = {"text": "Book PPR", "owner__q": "Pæda", "owner__search": "1", "status": "open"}
    text = client.post(url, data).content.decode()
    assert not Outcome.objects.exists()
    assert 'value="Book PPR"' in text and "Per Pædagog" in text and "Person 01" not in text

    response = client.post(url, {"text": "Book PPR", "owner": world.staff.pk, "status": "open"})
    assert response.status_code == 302
    assert Outcome.objects.get().owner == world.staff
    response = client.post(url, {"text": "Book PPR", "owner": world.outsider.pk})
    assert "Vælg en af mulighederne." in response.content.decode()


def test_a_mus_point_s_person_is_searched_and_validated(world, dagtilbud):
    crowd(world.institution, 40)
    process = make_process(world.institution, toolkit=dagtilbud)
    client = client_for(world.leader)
    url = reverse("followup:development_points", args=[process.pk])
    data = {"text": "Sprogarbejde", "person__q": "Pæda", "person__search": "1"}
    text = client.post(url, data).content.decode()
    assert "Per Pædagog" in text and "Sprogarbejde" in text and "Person 01" not in text
    assert not DevelopmentPoint.objects.exists()
    assert client.post(url, {"text": "Sprog", "person": world.outsider.pk}).status_code == 422
    client.post(url, {"text": "Sprogarbejde", "person": world.staff.pk})
    assert DevelopmentPoint.objects.get().person == world.staff


def test_a_leader_enrols_a_colleague_found_by_searching(world):
    crowd(world.institution, 40)
    run = course_run(world)
    client = client_for(world.leader)
    url = reverse("courses:enrol", args=[run.pk])
    text = client.get(url).content.decode()
    assert "Lene Leder" in text and "Person 01" not in text  # oneself, chosen already
    response = client.post(url, {"person__q": "Per P", "person__search": "1"})
    assert response.status_code == 200 and "Per Pædagog" in response.content.decode()
    assert client.post(url, {"person": world.outsider.pk}).status_code == 422
    client.post(url, {"person": world.staff.pk})
    assert Enrolment.objects.get().person == world.staff


def test_a_facilitator_is_found_by_searching_and_appointed(world, dagtilbud):
    crowd(world.institution, 40)
    process = make_process(world.institution, toolkit=dagtilbud)
    client = client_for(world.leader)
    url = reverse("meetings:facilitators", args=[process.pk])
    text = client.post(url, {"user__q": "Per", "user__search": "1"}).content.decode()
    assert "Per Pædagog" in text and not Facilitator.objects.exists()
    assert client.post(url, {"user": world.outsider.pk}).status_code == 422
    client.post(url, {"user": world.staff.pk})
    assert Facilitator.objects.get().user == world.staff


# --- queries and size that do not grow with the number of people -----------------------------

#: session, person, memberships; the organisations the leader may start in (whether there are
#: any, their ids and paths for the goals, the list in the view and in the form), the organisation
#: the participants come from; the goals; the picker: the first people (is the group small?).
QUERIES_START = 12


@pytest.mark.parametrize("count", [3, 300])
def test_the_start_page_uses_a_constant_number_of_queries(world, count, django_assert_num_queries):
    crowd(world.institution, count)
    client = client_for(world.leader)
    with django_assert_num_queries(QUERIES_START):
        response = client.get(reverse("processes:start"))
    assert len(response.content) < 30_000


#: session, person, memberships, process, its phases, cards, questions, notes, outcomes, and
#: for the forms of markers, decisions and actions one list of people each (the picker's first
#: people).
QUERIES_PLAN_CARD = 12


@pytest.mark.parametrize("count", [3, 300])
def test_the_plan_card_uses_a_constant_number_of_queries(
    world, dagtilbud, count, django_assert_num_queries
):
    crowd(world.institution, count)
    process = make_process(world.institution, toolkit=dagtilbud)
    client = client_for(world.leader)
    client.get(_card(process))
    with django_assert_num_queries(QUERIES_PLAN_CARD):
        response = client.get(_card(process))
    assert len(response.content) < 60_000


@pytest.mark.parametrize("count", [3, 300])
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # session, person, memberships, process, the needed competences; the picker's people.
        ("followup:development_points", 7),
        # session, person, memberships, process; the picker's people, the people appointed.
        ("meetings:facilitators", 6),
    ],
)
def test_the_process_pages_with_a_picker_use_a_constant_number_of_queries(
    world, dagtilbud, count, name, queries, django_assert_num_queries
):
    crowd(world.institution, count)
    process = make_process(world.institution, toolkit=dagtilbud)
    client = client_for(world.leader)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name, args=[process.pk]))
    assert len(response.content) < 30_000


@pytest.mark.parametrize("count", [3, 300])
def test_the_enrol_page_uses_a_constant_number_of_queries(world, count, django_assert_num_queries):
    crowd(world.institution, count)
    run = course_run(world)
    client = client_for(world.leader)
    # session, person, memberships, the team and its course; the picker: the chosen person (the
    # leader), the first people.
    with django_assert_num_queries(6):
        response = client.get(reverse("courses:enrol", args=[run.pk]))
    assert len(response.content) < 30_000


@pytest.mark.parametrize("count", [3, 300])
def test_a_search_uses_a_constant_number_of_queries(world, count, django_assert_num_queries):
    crowd(world.institution, count)
    client = client_for(world.leader)
    # session, person, memberships, the organisation; the chosen people, the matches.
    with django_assert_num_queries(6):
        response = search(client, world.institution, "person", participants=[world.staff.pk])
    assert response.status_code == 200
