"""Follow-up meetings: the schedule, .ics per meeting, the subscribable feed and the API."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from kompetencedialog.followup import services
from kompetencedialog.followup.models import FollowUpMeeting
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


def test_a_leader_plans_a_meeting_in_danish_local_time(world, process, action):
    client = client_for(world.leader)
    response = client.post(
        f"/opfoelgning/forloeb/{process.pk}/moeder/",
        {
            "title": "Opfølgning",
            "day": "2027-03-29",
            "time": "14:00",
            "minutes": "90",
            "place": "Personalestuen",
        },
    )
    assert response.status_code == 302
    meeting = FollowUpMeeting.objects.get()
    assert meeting.starts_at == datetime(2027, 3, 29, 14, 0, tzinfo=CPH)
    assert meeting.duration == timedelta(minutes=90)
    page = client.get(f"/opfoelgning/moeder/{meeting.pk}/").content.decode()
    assert "Aftal sprogpauser" in page  # the agenda holds the open actions


def test_a_bad_meeting_form_keeps_what_was_typed(world, process):
    response = client_for(world.leader).post(
        f"/opfoelgning/forloeb/{process.pk}/moeder/",
        {"title": "Mit møde", "day": "", "time": "14:00", "minutes": "90"},
    )
    assert response.status_code == 422
    assert 'value="Mit møde"' in response.content.decode()
    assert not FollowUpMeeting.objects.exists()


def test_staff_may_not_plan_meetings(world, process):
    response = client_for(world.staff).post(
        f"/opfoelgning/forloeb/{process.pk}/moeder/",
        {"title": "x", "day": "2027-03-29", "time": "14:00", "minutes": "60"},
    )
    assert response.status_code == 403


def test_the_meeting_ics_has_a_vtimezone_and_the_local_time(world, process, action):
    meeting = services.schedule_meeting(
        process=process,
        by=world.leader,
        title="Sommertid",
        starts_at=datetime(2027, 4, 5, 9, 30, tzinfo=CPH),
    )
    response = client_for(world.staff).get(f"/opfoelgning/moeder/{meeting.pk}/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    start = event["DTSTART"].dt
    assert (start.hour, start.minute, start.utcoffset()) == (9, 30, timedelta(hours=2))
    assert "Aftal sprogpauser" in str(event["DESCRIPTION"])
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"
    assert (
        client_for(world.outsider).get(f"/opfoelgning/moeder/{meeting.pk}/kalender.ics").status_code
        == 404
    )


def test_the_feed_works_with_its_token_only_until_it_is_revoked(world, process, action):
    client = client_for(world.leader)
    client.post(f"/opfoelgning/forloeb/{process.pk}/kalender/")
    feed = process.calendar_feeds.get()
    assert len(feed.token) >= 40
    anonymous = client_for_nobody()
    response = anonymous.get(f"/opfoelgning/kalender/{feed.token}.ics")
    assert response.status_code == 200
    assert b"Aftal sprogpauser" in response.content
    assert anonymous.get("/opfoelgning/kalender/gaet-et-token.ics").status_code == 404
    # A new address replaces the old one.
    client.post(f"/opfoelgning/forloeb/{process.pk}/kalender/")
    assert anonymous.get(f"/opfoelgning/kalender/{feed.token}.ics").status_code == 404
    client.post(f"/opfoelgning/forloeb/{process.pk}/kalender/luk/")
    assert not process.calendar_feeds.filter(revoked__isnull=True).exists()


def client_for_nobody():
    from django.test import Client

    return Client()


def test_the_api_calendar_answers_404_outside_and_401_without_credentials(world, process):
    url = f"/api/v1/processes/{process.pk}/calendar.ics"
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for_nobody().get(url).status_code == 401
    assert client_for(world.staff).get(url).status_code == 200


def test_the_api_calendar_uses_a_constant_number_of_queries(world, process):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories

    client = client_for(world.leader)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/processes/{process.pk}/calendar.ics")
            assert response.status_code == 200
        return len(queries)

    def add(n: int, offset: int) -> None:
        for i in range(offset, offset + n):
            factories.make_outcome(
                process,
                "action",
                f"Opgave {i}",
                owner=world.staff,
                due=datetime(2027, 1, 1 + i).date(),
            )
            services.schedule_meeting(
                process=process,
                by=world.leader,
                title=f"Møde {i}",
                starts_at=datetime(2027, 2, 1 + i, 10, tzinfo=CPH),
            )

    add(2, 0)
    few = count()
    add(18, 2)
    assert count() == few
