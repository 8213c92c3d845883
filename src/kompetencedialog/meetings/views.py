"""Pages of a live meeting: open, facilitate, project, join on a phone, end and summarise."""

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kompetencedialog.core.clients import client_address
from kompetencedialog.core.links import absolute_url
from kompetencedialog.meetings import services
from kompetencedialog.meetings.access import get_meeting_for, get_process_to_facilitate
from kompetencedialog.meetings.consumers import SESSION_KEY
from kompetencedialog.meetings.forms import (
    AppointFacilitatorForm,
    EnterCodeForm,
    JoinForm,
    OpenMeetingForm,
)
from kompetencedialog.meetings.models import Facilitator, Meeting, MeetingSummary, Participant
from kompetencedialog.meetings.services import PROMOTE_KINDS, MeetingError
from kompetencedialog.processes.access import get_process_for
from kompetencedialog.processes.models import Outcome


def _join_url(request: HttpRequest, meeting: Meeting) -> str:
    return absolute_url(reverse("meetings:join", args=[meeting.code]), request)


@login_required
def open_meeting(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_to_facilitate(request.user, process_id)
    form = OpenMeetingForm(request.POST or None, process=process)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        meeting = services.open_meeting(process=process, by=request.user, **data)
        return redirect("meetings:facilitate", meeting.pk)
    return render(request, "meetings/open.html", {"process": process, "form": form})


@login_required
def facilitators(request: HttpRequest, process_id: int) -> HttpResponse:
    """The process's leaders appoint (and dismiss) the people who may run its meetings."""
    process = get_process_for(request.user, process_id, write=True)
    data = request.POST if request.method == "POST" else None
    form = AppointFacilitatorForm(data, process=process)
    if request.method == "POST" and "dismiss" in request.POST:
        facilitator = get_object_or_404(
            Facilitator, process=process, pk=request.POST.get("dismiss", "")
        )
        services.dismiss_facilitator(facilitator=facilitator, by=request.user)
        messages.success(
            request, _("%(name)s no longer runs the meetings.") % {"name": facilitator.user}
        )
        return redirect("meetings:facilitators", process.pk)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["user"]
        services.appoint_facilitator(process=process, by=request.user, user=person)
        messages.success(request, _("%(name)s may now run the meetings.") % {"name": person})
        return redirect("meetings:facilitators", process.pk)
    appointed = process.facilitators.select_related("user").order_by("user__name", "user__email")
    return render(
        request,
        "meetings/facilitators.html",
        {"process": process, "form": form, "facilitators": appointed},
        status=422 if form.errors else 200,
    )


def _live_context(request: HttpRequest, meeting: Meeting) -> dict:
    kinds = dict(Outcome.Kind.choices)
    phase = meeting.process.toolkit.phases.filter(key=meeting.phase).first()
    return {
        "phase_colour": phase.colour if phase else "blue",
        "join_host": absolute_url("/", request).split("://", 1)[-1].rstrip("/"),
        "meeting": meeting,
        "process": meeting.process,
        "join_url": _join_url(request, meeting),
        "promote_kinds": [(kind, kinds[kind]) for kind in PROMOTE_KINDS],
    }


@login_required
def facilitate(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, meeting_id, write=True)
    if meeting.ended is not None:
        return redirect("meetings:summary", meeting.pk)
    context = _live_context(request, meeting)
    context["followups"] = list(services.open_followups(meeting.process))
    return render(request, "meetings/facilitator.html", context)


@login_required
def project(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, meeting_id, write=True)
    return render(request, "meetings/projector.html", _live_context(request, meeting))


def qr_code(request: HttpRequest, code: str) -> HttpResponse:
    """The join link as an SVG QR code, made here so no third party learns the code."""
    try:
        meeting = services.get_open_meeting(code, address=client_address(request))
    except MeetingError as error:
        if error.code == "throttled":
            return HttpResponse(error.detail, status=429, content_type="text/plain; charset=utf-8")
        raise Http404 from None
    buffer = io.BytesIO()
    segno.make(_join_url(request, meeting), error="m").save(buffer, kind="svg", scale=10, border=2)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def enter_code(request: HttpRequest) -> HttpResponse:
    form = EnterCodeForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("meetings:join", form.cleaned_data["code"])
    return render(request, "meetings/enter.html", {"form": form})


def join(request: HttpRequest, code: str) -> HttpResponse:
    """The phone page: join with an optional name, then write and vote."""
    address = client_address(request)
    try:
        meeting = services.get_open_meeting(code, address=address)
    except MeetingError as error:
        if error.code == "throttled":
            return _throttled(request, error)
        return render(request, "meetings/not_found.html", {"code": code}, status=404)
    if code != meeting.code:
        return redirect("meetings:join", meeting.code)
    key = SESSION_KEY.format(meeting.pk)
    participant = Participant.objects.filter(
        meeting=meeting, token=request.session.get(key, "")
    ).first()
    if participant is None:
        form = JoinForm(request.POST or None, meeting=meeting)
        if request.method == "POST" and form.is_valid():
            try:
                participant = services.join_meeting(
                    meeting=meeting, user=request.user, address=address, **form.cleaned_data
                )
            except MeetingError as error:
                if error.code == "throttled":
                    return _throttled(request, error)
                return render(request, "meetings/not_found.html", {"code": code}, status=404)
            request.session[key] = participant.token
            return redirect("meetings:join", meeting.code)
        return render(request, "meetings/join.html", {"meeting": meeting, "form": form})
    return render(request, "meetings/phone.html", {"meeting": meeting, "participant": participant})


def _throttled(request: HttpRequest, error: MeetingError) -> HttpResponse:
    response = render(request, "meetings/throttled.html", {"detail": error.detail}, status=429)
    response["Retry-After"] = "600"
    return response


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the mail sent to an address typed when joining. Opening it asks; the button
    confirms (mail scanners open every link they see, so a GET must change nothing)."""
    participant = services.participant_to_confirm(token)
    if participant is None:
        return render(request, "meetings/confirm_email.html", {}, status=410)
    confirmed = request.method == "POST"
    if confirmed:
        services.confirm_email(participant)
    return render(
        request,
        "meetings/confirm_email.html",
        {"participant": participant, "confirmed": confirmed or participant.email_confirmed},
    )


@login_required
@require_POST
def end_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, meeting_id, write=True)
    services.end_meeting(
        meeting=meeting, by=request.user, send_email=request.POST.get("send_email") == "on"
    )
    return redirect("meetings:summary", meeting.pk)


@require_GET
@login_required
def summary(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = get_meeting_for(request.user, meeting_id)
    summary = MeetingSummary.objects.filter(meeting=meeting).first()
    return render(request, "meetings/summary.html", {"meeting": meeting, "summary": summary})
