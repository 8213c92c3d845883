"""'Giv mig besked, når næste hold åbner', the mapping before the day, and the course in a plan."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from kompetencedialog.courses import services
from kompetencedialog.courses.models import ActivityMapping, CourseInterest
from kompetencedialog.courses.tasks import send_run_opened
from kompetencedialog.processes.models import Outcome
from tests.conftest import client_for
from tests.factories import make_process


def test_asking_to_be_told_and_a_new_team_sends_one_email(world, course, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    response = client_for(world.leader).post(f"/kurser/{course.pk}/giv-besked/")
    assert response.status_code == 302
    assert CourseInterest.objects.filter(course=course, person=world.leader).exists()

    run = services.add_run(
        course=course,
        by=world.administration,
        starts_on=timezone.localdate() + timedelta(days=20),
        place="Rådhuset",
        capacity=10,
    )

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leder@eksempel.test"]
    assert course.title in message.subject and "Nyt hold åbent" in message.subject
    assert f"/kurser/{course.pk}/" in message.body
    # A second task for the same interest (a second team, a restarted worker) sends nothing.
    assert send_run_opened.call(CourseInterest.objects.get().pk, run.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_the_email_is_queued_with_the_team_for_the_worker(world, course):
    services.ask_to_be_told(course=course, person=world.staff)
    from django_tasks_db.models import DBTaskResult

    services.add_run(
        course=course,
        by=world.administration,
        starts_on=timezone.localdate() + timedelta(days=20),
        place="Rådhuset",
        capacity=10,
    )
    assert DBTaskResult.objects.filter(task_path__endswith="send_run_opened").count() == 1
    assert mail.outbox == []


def test_the_enrolled_person_fills_in_the_mapping(world, run):
    enrolment = services.enrol(run=run, person=world.leader, by=world.leader)
    client = client_for(world.leader)
    url = f"/kurser/tilmeldinger/{enrolment.pk}/"
    bad = client.post(url, {"activities": "", "needs": "Sprog"})
    assert bad.status_code == 422
    assert "Dette felt er påkrævet." in bad.content.decode()
    assert not ActivityMapping.objects.exists()
    assert client.post(url, {"activities": "Sprognetværk"}).status_code == 302
    assert ActivityMapping.objects.get(enrolment=enrolment).activities == "Sprognetværk"
    # The administration reads it; it cannot change it.
    admin = client_for(world.administration)
    assert "Sprognetværk" in admin.get(url).content.decode()
    assert admin.post(url, {"activities": "Andet"}).status_code == 403


def test_an_enrolled_leader_puts_the_course_into_their_plan(world, course, run):
    process = make_process(world.institution)
    enrolment = services.enrol(run=run, person=world.leader, by=world.leader)
    response = client_for(world.leader).post(
        f"/kurser/tilmeldinger/{enrolment.pk}/plan/", {"process": process.pk}
    )
    assert response.status_code == 302
    outcome = process.outcomes.get()
    assert (outcome.kind, outcome.format, outcome.text) == (
        Outcome.Kind.INTERVENTION,
        Outcome.Format.COURSE,
        course.title,
    )
    enrolment.refresh_from_db()
    assert enrolment.intervention == outcome
    page = client_for(world.leader).get(f"/forloeb/{process.pk}/").content.decode()
    assert f'href="/kurser/{course.pk}/"' in page


def test_a_process_outside_ones_own_is_refused(world, run):
    elsewhere = make_process(world.other_institution)
    enrolment = services.enrol(run=run, person=world.leader, by=world.leader)
    response = client_for(world.leader).post(
        f"/kurser/tilmeldinger/{enrolment.pk}/plan/", {"process": elsewhere.pk}
    )
    assert response.status_code == 422
    assert not Outcome.objects.exists()


def test_someone_elses_enrolment_does_not_exist_for_a_colleague(world, run):
    enrolment = services.enrol(run=run, person=world.leader, by=world.leader)
    assert client_for(world.staff).get(f"/kurser/tilmeldinger/{enrolment.pk}/").status_code == 404
