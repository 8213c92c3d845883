"""Seats, the waitlist and moving up, by the services and through the pages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetencedialog.courses import services
from kompetencedialog.courses.models import Enrolment
from tests.conftest import client_for
from tests.courses.conftest import make_run
from tests.factories import make_member


def test_a_full_team_puts_the_next_person_on_the_waitlist(world, run):
    first = services.enrol(run=run, person=world.leader, by=world.leader)
    second = services.enrol(run=run, person=world.staff, by=world.staff)
    third = services.enrol(run=run, person=world.administration, by=world.administration)
    assert (first.status, second.status, third.status) == ("enrolled", "enrolled", "waitlisted")


def test_enrolling_twice_keeps_one_place(world, run):
    first = services.enrol(run=run, person=world.leader, by=world.leader)
    again = services.enrol(run=run, person=world.leader, by=world.leader)
    assert first.pk == again.pk
    assert run.enrolments.count() == 1


def test_a_cancelled_seat_goes_to_the_first_on_the_waitlist(world, run):
    seat = services.enrol(run=run, person=world.leader, by=world.leader)
    services.enrol(run=run, person=world.staff, by=world.staff)
    first_waiting = services.enrol(run=run, person=world.administration, by=world.administration)
    later = make_member(world.institution, "staff", "sen@eksempel.test")
    second_waiting = services.enrol(run=run, person=later, by=later)

    promoted = services.cancel_enrolment(enrolment=seat, by=world.leader)

    assert promoted.pk == first_waiting.pk
    statuses = dict(run.enrolments.values_list("person__email", "status"))
    assert statuses["forvaltning@eksempel.test"] == "enrolled"
    assert statuses["sen@eksempel.test"] == "waitlisted"
    assert statuses["leder@eksempel.test"] == "cancelled"
    assert Enrolment.objects.get(pk=second_waiting.pk).status == "waitlisted"


def test_leaving_the_waitlist_moves_nobody_up(world, run):
    services.enrol(run=run, person=world.leader, by=world.leader)
    services.enrol(run=run, person=world.staff, by=world.staff)
    waiting = services.enrol(run=run, person=world.administration, by=world.administration)
    assert services.cancel_enrolment(enrolment=waiting, by=world.administration) is None
    assert run.enrolments.filter(status="enrolled").count() == 2


def test_the_last_seat_is_counted_under_the_lock_not_from_what_the_caller_saw(world, course):
    """Two people press "Tilmeld" for the last seat at once: each request loaded the team while
    a seat was free. The seat count happens after ``select_for_update`` on the team's row, so
    the second one to get the lock sees the seat taken and goes on the waitlist."""
    run = make_run(course, capacity=1)
    seen_by_first, seen_by_second = (type(run).objects.get(pk=run.pk) for _ in range(2))
    with CaptureQueriesContext(connection) as queries:
        first = services.enrol(run=seen_by_first, person=world.leader, by=world.leader)
    second = services.enrol(run=seen_by_second, person=world.staff, by=world.staff)
    assert (first.status, second.status) == ("enrolled", "waitlisted")
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, s in enumerate(sql) if 'FROM "courses_courserun"' in s)
    count = next(i for i, s in enumerate(sql) if "COUNT(" in s)
    assert lock < count, "the team is read (and locked) before the seats are counted"
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in sql[lock]


def test_a_double_cancel_frees_one_seat_only(world, course):
    run = make_run(course, capacity=1)
    seat = services.enrol(run=run, person=world.leader, by=world.leader)
    services.enrol(run=run, person=world.staff, by=world.staff)
    services.enrol(run=run, person=world.administration, by=world.administration)
    stale = Enrolment.objects.get(pk=seat.pk)
    services.cancel_enrolment(enrolment=seat, by=world.leader)
    assert services.cancel_enrolment(enrolment=stale, by=world.leader) is None
    assert run.enrolments.filter(status="enrolled").count() == 1


def test_enrolling_through_the_page_leads_to_the_mapping(world, run):
    response = client_for(world.leader).post(f"/kurser/hold/{run.pk}/tilmeld/")
    enrolment = Enrolment.objects.get(person=world.leader)
    assert response.status_code == 302
    assert response["Location"] == f"/kurser/tilmeldinger/{enrolment.pk}/"


def test_a_leader_enrols_someone_from_their_institution(world, run):
    response = client_for(world.leader).post(
        f"/kurser/hold/{run.pk}/tilmeld/", {"person": world.staff.pk}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person=world.staff)
    assert enrolment.enrolled_by == world.leader


def test_staff_cannot_enrol_a_colleague(world, run):
    response = client_for(world.staff).post(
        f"/kurser/hold/{run.pk}/tilmeld/", {"person": world.leader.pk}
    )
    assert response.status_code == 422
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_my_enrolments_show_the_waitlist_place_and_cancel(world, course):
    run = make_run(course, capacity=1)
    services.enrol(run=run, person=world.staff, by=world.staff)
    mine = services.enrol(run=run, person=world.leader, by=world.leader)
    client = client_for(world.leader)
    page = client.get("/kurser/mine/").content.decode()
    assert "Venteliste, nr. 1" in page
    response = client.post(f"/kurser/tilmeldinger/{mine.pk}/afmeld/")
    assert response.status_code == 302
    assert "Du er ikke tilmeldt noget" in client.get("/kurser/mine/").content.decode()


def test_the_administration_sees_participants_and_waitlist_and_exports_them(world, course):
    run = make_run(course, capacity=1)
    services.enrol(run=run, person=world.leader, by=world.leader)
    services.enrol(run=run, person=world.staff, by=world.staff)
    client = client_for(world.administration)
    page = client.get(f"/kurser/{course.pk}/hold/").content.decode()
    assert "Lene Leder" in page and "Venteliste, nr. 1" in page
    csv = client.get(f"/kurser/hold/{run.pk}/deltagere.csv").content.decode("utf-8-sig")
    lines = csv.strip().splitlines()
    assert lines[0].startswith("Navn;E-mail;Organisation;Status")
    assert "Lene Leder;leder@eksempel.test;Børnehuset Solsikken;Tilmeldt" in lines[1]
    assert "Per Pædagog" in lines[2] and "På venteliste" in lines[2]
    xlsx = client.get(f"/kurser/hold/{run.pk}/deltagere.xlsx")
    assert xlsx.content[:2] == b"PK"


def test_a_leader_may_not_see_the_participant_list(world, course, run):
    assert client_for(world.leader).get(f"/kurser/{course.pk}/hold/").status_code == 403
    assert client_for(world.leader).get(f"/kurser/hold/{run.pk}/deltagere.csv").status_code == 403
