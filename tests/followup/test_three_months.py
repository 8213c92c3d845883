"""Three months of a process, with time frozen: check-ins move a marker, an action goes overdue,
reminders go out once and only once (also when the worker restarts), and the calendar keeps the
Danish local time across the change to summer time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from kompetencedialog.followup import services
from kompetencedialog.followup.models import NotificationSent
from kompetencedialog.followup.tasks import send_notification
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db(transaction=True)
CPH = ZoneInfo("Europe/Copenhagen")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=CPH)


def send_reminders() -> None:
    call_command("send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


def run_worker() -> None:
    """One worker run until the queue is empty, as after a (re)start."""
    call_command(
        "worker",
        batch=True,
        reload=False,
        startup_delay=False,
        reminders_every=0,
        verbosity=0,
    )


def mails_to(user, contains: str = "") -> list:
    return [m for m in mail.outbox if m.to == [user.email] and contains in m.subject]


@pytest.fixture
def plan(world, toolkit):
    process = factories.make_process(world.institution, toolkit=toolkit)
    process.participants.add(world.leader, world.staff)
    marker = factories.make_outcome(
        process,
        "marker",
        "Børnene fortæller om deres dag ved frokost",
        owner=world.staff,
        due=date(2027, 3, 31),
        status="not_started",
    )
    action = factories.make_outcome(
        process,
        "action",
        "Aftal sprogpauser på stuerne",
        owner=world.staff,
        due=date(2027, 2, 15),
        status="open",
    )
    return process, marker, action


def test_three_months_of_a_process(world, plan):
    process, marker, action = plan
    leader, staff = world.leader, world.staff

    with time_machine.travel(at(2027, 1, 4, 9, 0), tick=False):
        services.add_checkin(marker=marker, by=staff, status="on_track", note="God start")
        marker.refresh_from_db()
        assert marker.status == "on_track"
        first = services.schedule_meeting(
            process=process, by=leader, title="Opfølgning 1", starts_at=at(2027, 3, 22, 14, 0)
        )
        second = services.schedule_meeting(
            process=process, by=leader, title="Opfølgning 2", starts_at=at(2027, 4, 5, 14, 0)
        )
        send_reminders()
        run_worker()
        # Monday: the leader's weekly digest; nothing is due yet.
        assert len(mails_to(leader, "uge")) == 1
        assert mails_to(staff) == []

    with time_machine.travel(at(2027, 1, 6, 9, 0), tick=False):
        send_reminders()
        run_worker()
        assert len(mails_to(leader, "uge")) == 1  # the same week: no second digest

    with time_machine.travel(at(2027, 2, 12, 7, 0), tick=False):
        send_reminders()
        run_worker()
        before = mails_to(staff, "Påmindelse")
        assert len(before) == 1
        assert "Aftal sprogpauser" in before[0].subject
        # Plain text and HTML, and an unsubscribe link for this kind of e-mail.
        assert "15. februar 2027" in before[0].body
        assert before[0].alternatives[0].mimetype == "text/html"
        assert "/opfoelgning/afmeld/" in before[0].body

    with time_machine.travel(at(2027, 2, 16, 7, 0), tick=False):
        # The action is now overdue: one notice, however often the scheduler and worker run.
        for _ in range(3):
            send_reminders()
            run_worker()
        assert len(mails_to(staff, "Overskredet")) == 1
        assert len(mails_to(staff, "Påmindelse")) == 1
        page = client_for(staff).get("/opfoelgning/")
        assert "kd-item--overdue" in page.content.decode()
        assert "Overskredet siden 15. februar 2027" in page.content.decode()

    with time_machine.travel(at(2027, 3, 1, 10, 0), tick=False):
        services.add_checkin(marker=marker, by=leader, status="late", evidence="Kun to stuer")
        marker.refresh_from_db()
        assert marker.status == "late"

    with time_machine.travel(at(2027, 3, 21, 8, 0), tick=False):
        send_reminders()
        run_worker()
        assert len(mails_to(staff, "Opfølgningsmøde")) == 1
        assert "Aftal sprogpauser" in mails_to(staff, "Opfølgningsmøde")[0].body

    with time_machine.travel(at(2027, 3, 30, 10, 0), tick=False):
        services.add_checkin(marker=marker, by=staff, status="reached")
        services.set_outcome_status(outcome=action, by=staff, status="done")
        marker.refresh_from_db()
        assert marker.status == "reached"
        assert [c.status for c in marker.checkins.order_by("date")] == [
            "on_track",
            "late",
            "reached",
        ]
        response = client_for(leader).get(f"/api/v1/processes/{process.pk}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    winter = events["Opfølgning 1"]["DTSTART"].dt
    summer = events["Opfølgning 2"]["DTSTART"].dt
    # 14.00 Danish time on both sides of the change to summer time (28 March 2027).
    assert (winter.hour, winter.minute, str(winter.tzinfo)) == (14, 0, "Europe/Copenhagen")
    assert (summer.hour, summer.minute, str(summer.tzinfo)) == (14, 0, "Europe/Copenhagen")
    assert winter.utcoffset() == timedelta(hours=1)
    assert summer.utcoffset() == timedelta(hours=2)
    assert events["Handling: Aftal sprogpauser på stuerne"]["DTSTART"].dt == date(2027, 2, 15)
    marker_event = events["Tegn på udvikling: Børnene fortæller om deres dag ved frokost"]
    assert marker_event["DTSTART"].dt == date(2027, 3, 31)
    assert {first.uid, second.uid} <= {
        str(e["UID"]).split("-", 1)[1].split("@")[0] for e in events.values()
    }


def test_a_notification_queued_twice_is_sent_once(world, plan):
    _process, _marker, _action = plan
    with time_machine.travel(at(2027, 2, 13, 7, 0), tick=False):
        send_reminders()
        notification = NotificationSent.objects.get(kind="due", recipient=world.staff)
        # A duplicate in the queue, as if a worker died after sending and before finishing.
        send_notification.enqueue(notification.pk)
        run_worker()
        run_worker()
    assert len(mails_to(world.staff)) == 1
    notification.refresh_from_db()
    assert notification.sent is not None


def test_an_unsubscribed_person_gets_no_reminders_of_that_kind(world, plan):
    services.unsubscribe(user=world.staff, kind="due")
    with time_machine.travel(at(2027, 2, 13, 7, 0), tick=False):
        send_reminders()
        run_worker()
    assert mails_to(world.staff) == []
