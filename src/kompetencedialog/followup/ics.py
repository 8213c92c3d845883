"""iCalendar files: one follow-up meeting, or a process's whole calendar (meetings, and actions
and markers with a due date as all-day events). Times are in Europe/Copenhagen with a VTIMEZONE,
so calendars show the Danish local time on both sides of the change to and from summer time.

Dates outside the range forms accept (stored before they were limited, or written directly) are
left out: a day after 9999-12-31 does not exist, and one such item must not break the calendar."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event

from kompetencedialog.core.fields import EARLIEST_DATE, LATEST_DATE
from kompetencedialog.followup import selectors
from kompetencedialog.followup.models import FollowUpMeeting
from kompetencedialog.processes.models import Outcome, Process

TZ = ZoneInfo("Europe/Copenhagen")
DOMAIN = "kompetencedialog"


def _in_range(day: date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Kompetencedialog//DA")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    return calendar


def _meeting_event(meeting: FollowUpMeeting, agenda: list[Outcome]) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.uid}@{DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(TZ))
    event.add("dtend", meeting.ends_at.astimezone(TZ))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    lines = [meeting.note] if meeting.note else []
    if agenda:
        lines.append(_("On the agenda: the open actions and markers"))
        lines += [f"- {item.text}" for item in agenda]
    if lines:
        event.add("description", "\n".join(lines))
    event.add("url", settings.SITE_URL + reverse("followup:process", args=[meeting.process_id]))
    return event


def _item_event(item: Outcome) -> Event:
    event = Event()
    event.add("uid", f"outcome-{item.pk}@{DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", item.due)
    event.add("dtend", item.due + timedelta(days=1))
    label = (
        pgettext("calendar event", "Marker")
        if item.kind == "marker"
        else pgettext("calendar event", "Action")
    )
    event.add("summary", f"{label}: {item.text}")
    if item.owner_label:
        event.add("description", _("Owner: %(name)s") % {"name": item.owner_label})
    event.add("transp", "TRANSPARENT")
    return event


def _finish(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    return calendar.to_ical()


def meeting_calendar(meeting: FollowUpMeeting) -> bytes:
    agenda = list(selectors.open_items(meeting.process))
    calendar = _calendar(meeting.process.title)
    if _in_range(meeting.starts_at.date()):
        calendar.add_component(_meeting_event(meeting, agenda))
    return _finish(calendar)


def process_calendar(process: Process) -> bytes:
    agenda = list(selectors.open_items(process))
    calendar = _calendar(process.title)
    for meeting in selectors.meetings(process):
        if _in_range(meeting.starts_at.date()):
            calendar.add_component(_meeting_event(meeting, agenda))
    for item in selectors.dated_items(process):
        if _in_range(item.due):
            calendar.add_component(_item_event(item))
    return _finish(calendar)
