"""The catalogue and the course page: who sees what, filters, and a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetencedialog.courses import services
from kompetencedialog.courses.models import Course
from tests.conftest import client_for
from tests.courses.conftest import make_course, make_run


def test_people_see_the_courses_of_their_own_municipality_only(world, course):
    make_course(world.other_municipality, title="Nabo-kursus")
    page = client_for(world.staff).get("/kurser/").content.decode()
    assert course.title in page and "Nabo-kursus" not in page
    assert client_for(world.outsider).get(f"/kurser/{course.pk}/").status_code == 404


def test_the_filters_pick_target_group_and_free_seats(world, course):
    full = make_course(world.municipality, title="Fuldt kursus", audience=Course.Audience.STAFF)
    services.enrol(run=make_run(full, capacity=1), person=world.staff, by=world.staff)
    make_run(course)
    client = client_for(world.leader)
    open_page = client.get("/kurser/?open_seats=on").content.decode()
    assert course.title in open_page and "Fuldt kursus" not in open_page
    staff_page = client.get("/kurser/?audience=staff").content.decode()
    assert "Fuldt kursus" in staff_page and course.title not in staff_page


def test_a_course_without_start_dates_offers_to_tell_me(world, course):
    page = client_for(world.leader).get(f"/kurser/{course.pk}/").content.decode()
    assert "Der er desværre ikke nogen startdatoer på dette hold i øjeblikket" in page
    assert "Giv mig besked, når næste hold åbner" in page


def test_the_catalogue_answers_in_the_same_number_of_queries_for_more_courses(world):
    client = client_for(world.leader)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/kurser/?open_seats=on").status_code == 200
        return len(queries)

    make_run(make_course(world.municipality, title="Kursus 0"))
    few = count()
    for n in range(1, 8):
        course = make_course(world.municipality, title=f"Kursus {n}")
        run = make_run(course)
        services.enrol(run=run, person=world.staff, by=world.staff)
    assert count() == few


def test_the_administration_creates_a_course_and_bad_input_saves_nothing(world):
    client = client_for(world.administration)
    response = client.post("/kurser/nyt/", {"organisation": world.municipality.pk, "price": "-5"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Noget skal rettes" in page or "form-error-message" in page
    assert "Dette felt er påkrævet." in page
    assert not Course.objects.exists()
    response = client.post(
        "/kurser/nyt/",
        {
            "organisation": world.municipality.pk,
            "title": "Læringsdag om leg",
            "audience": "leadership",
            "target_group": "Ledere",
        },
    )
    assert response.status_code == 302
    assert Course.objects.get().organisation == world.municipality


def test_a_leader_may_not_offer_courses(world):
    assert client_for(world.leader).get("/kurser/nyt/").status_code == 403


def test_a_team_in_the_past_or_without_seats_is_refused(world, course):
    client = client_for(world.administration)
    response = client.post(
        f"/kurser/{course.pk}/hold/",
        {"starts_on": "2020-01-01", "place": "Rådhuset", "capacity": 0},
    )
    assert response.status_code == 422
    assert "Et hold skal have mindst én plads." in response.content.decode()
    response = client.post(
        f"/kurser/{course.pk}/hold/",
        {"starts_on": "2020-01-01", "place": "Rådhuset", "capacity": 5},
    )
    assert response.status_code == 422
    assert "Vælg en dato fra i dag og frem." in response.content.decode()
    assert not course.runs.exists()
