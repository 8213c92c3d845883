"""Dates stored before forms limited them (or written straight into the database) never break
a calendar: the item is left out, the rest of the calendar is served."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client

from kompetencedialog.followup import services
from kompetencedialog.followup.models import FollowUpMeeting
from tests.conftest import client_for
from tests.factories import make_outcome

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


@pytest.fixture
def absurd(process, world, action):
    make_outcome(process, "action", "Uendelig frist", due=date(9999, 12, 31), status="open")
    make_outcome(process, "marker", "Oldtid", due=date(1, 1, 1), status="not_started")
    meeting = services.schedule_meeting(
        process=process,
        by=world.leader,
        title="Fremtid",
        starts_at=datetime(2027, 1, 1, tzinfo=UTC),
    )
    FollowUpMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC), duration=timedelta(minutes=30)
    )
    return meeting


def _summaries(content: bytes) -> list[str]:
    calendar = icalendar.Calendar.from_ical(content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_the_api_calendar_leaves_out_absurd_dates(world, process, absurd):
    response = client_for(world.leader).get(f"/api/v1/processes/{process.pk}/calendar.ics")
    assert response.status_code == 200
    assert _summaries(response.content) == ["Handling: Aftal sprogpauser"]


def test_the_subscribed_feed_leaves_out_absurd_dates(world, process, absurd):
    client_for(world.leader).post(f"/opfoelgning/forloeb/{process.pk}/kalender/")
    feed = process.calendar_feeds.get()
    response = Client().get(f"/opfoelgning/kalender/{feed.token}.ics")
    assert response.status_code == 200
    assert _summaries(response.content) == ["Handling: Aftal sprogpauser"]


def test_the_meeting_file_of_an_absurd_meeting_is_an_empty_calendar(world, process, absurd):
    response = client_for(world.leader).get(f"/opfoelgning/moeder/{absurd.pk}/kalender.ics")
    assert response.status_code == 200
    assert _summaries(response.content) == []
