"""Pages for following up a process over time. Each view: access helper, form, one service."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kompetencedialog.followup import access as followup_access
from kompetencedialog.followup import ics, reminders, selectors, services
from kompetencedialog.followup.forms import (
    CheckInForm,
    CourseChangeForm,
    DevelopmentPointForm,
    MeetingForm,
    PointStatusForm,
    StartForm,
    StatusForm,
    TemplateForm,
)
from kompetencedialog.followup.models import CalendarFeed, NotificationKind
from kompetencedialog.lib.filetypes import EXTENSIONS, MIME_TYPES
from kompetencedialog.organisations import access
from kompetencedialog.organisations.models import User
from kompetencedialog.processes.access import get_process_for
from kompetencedialog.processes.models import Outcome


def _apply_errors(form, error: ValidationError) -> None:
    for field, problems in getattr(error, "message_dict", {"__all__": error.messages}).items():
        form.add_error(field if field in form.fields else None, problems)


def _back(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return default


@login_required
def my_actions(request: HttpRequest) -> HttpResponse:
    return render(request, "followup/my_actions.html")


def _process_context(request, process, **extra) -> dict:
    today = timezone.localdate()
    items = list(selectors.open_items(process))
    for item in items:
        item.overdue = selectors.is_overdue(item, today)
    feed = process.calendar_feeds.filter(revoked__isnull=True).first()
    return {
        "process": process,
        "items": items,
        "meetings": list(selectors.meetings(process).filter(starts_at__gte=timezone.now())),
        "past_meetings": list(
            selectors.meetings(process).filter(starts_at__lt=timezone.now()).reverse()[:5]
        ),
        "feed_url": (
            request.build_absolute_uri(reverse("followup:feed", args=[feed.token])) if feed else ""
        ),
        "may_lead": followup_access.may_lead(request.user, process),
        "follow_up": process.outcomes.filter(kind=Outcome.Kind.FOLLOW_UP).first(),
        **extra,
    }


@require_GET
@login_required
def process_followup(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id)
    initial = {"minutes": 60, "title": _("Follow-up meeting")}
    context = _process_context(request, process, form=MeetingForm(initial=initial))
    return render(request, "followup/process.html", context)


@login_required
@require_POST
def schedule_meeting(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    form = MeetingForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["time"]))
        try:
            services.schedule_meeting(
                process=process,
                by=request.user,
                title=data["title"],
                starts_at=starts_at,
                duration=form.duration,
                place=data["place"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The follow-up meeting is in the schedule."))
            return redirect("followup:process", process_id=process.pk)
    context = _process_context(request, process, form=form)
    return render(request, "followup/process.html", context, status=422)


@require_GET
@login_required
def followup_meeting(request: HttpRequest, followup_meeting_id: int) -> HttpResponse:
    meeting = followup_access.get_followup_meeting_for(request.user, followup_meeting_id)
    agenda = list(selectors.open_items(meeting.process))
    return render(
        request,
        "followup/meeting.html",
        {
            "meeting": meeting,
            "process": meeting.process,
            "agenda": agenda,
            "may_lead": followup_access.may_lead(request.user, meeting.process),
        },
    )


@login_required
@require_POST
def cancel_meeting(request: HttpRequest, followup_meeting_id: int) -> HttpResponse:
    meeting = followup_access.get_followup_meeting_for(
        request.user, followup_meeting_id, write=True
    )
    process_id = meeting.process_id
    services.cancel_meeting(meeting=meeting, by=request.user)
    messages.success(request, _("The follow-up meeting is cancelled."))
    return redirect("followup:process", process_id=process_id)


def _calendar_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@login_required
def meeting_ics(request: HttpRequest, followup_meeting_id: int) -> HttpResponse:
    meeting = followup_access.get_followup_meeting_for(request.user, followup_meeting_id)
    return _calendar_response(ics.meeting_calendar(meeting), f"opfoelgning-{meeting.pk}.ics")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribable feed: no login, the unguessable token is the key; revoked ones are gone."""
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("process"), token=token, revoked__isnull=True
    )
    response = HttpResponse(
        ics.process_calendar(feed.process), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
@require_POST
def create_feed(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    services.create_calendar_feed(process=process, by=request.user)
    messages.success(request, _("The calendar address is ready. Earlier addresses stop working."))
    return redirect("followup:process", process_id=process.pk)


@login_required
@require_POST
def revoke_feed(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    for feed in process.calendar_feeds.filter(revoked__isnull=True):
        services.revoke_calendar_feed(feed=feed, by=request.user)
    messages.success(request, _("The calendar address no longer works."))
    return redirect("followup:process", process_id=process.pk)


@require_GET
@login_required
def meeting_start(request: HttpRequest, process_id: int) -> HttpResponse:
    """The opening screen of a meeting: what was agreed last time, and how it went."""
    process = get_process_for(request.user, process_id)
    today = timezone.localdate()
    items = list(selectors.open_items(process))
    for item in items:
        item.overdue = selectors.is_overdue(item, today)
    last_meeting = selectors.meetings(process).filter(starts_at__lt=timezone.now()).last()
    next_meeting = selectors.meetings(process).filter(starts_at__gte=timezone.now()).first()
    changes = list(selectors.course_changes(process)[:3])
    return render(
        request,
        "followup/start.html",
        {
            "process": process,
            "items": items,
            "last_meeting": last_meeting,
            "next_meeting": next_meeting,
            "changes": changes,
            "may_lead": followup_access.may_lead(request.user, process),
        },
    )


@login_required
def update_status(request: HttpRequest, outcome_id: int) -> HttpResponse:
    """Move an action, decision or marker on; from a list (htmx: only the item) or its own page."""
    outcome = followup_access.get_followup_outcome_for(
        request.user, outcome_id, write=request.method == "POST"
    )
    form = StatusForm(request.POST or None, outcome=outcome)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.set_outcome_status(
                outcome=outcome, by=request.user, status=form.cleaned_data["status"]
            )
            saved = True
        except ValidationError as error:
            _apply_errors(form, error)
    outcome.overdue = selectors.is_overdue(outcome, timezone.localdate())
    if request.htmx:
        context = {
            "item": outcome,
            "saved": saved,
            "form": form,
            "may_update": True,
            "show_process": request.POST.get("show_process") == "1",
        }
        return render(request, "followup/_item.html", context, status=200 if saved else 422)
    if saved:
        messages.success(request, _("The status is saved."))
        return redirect(_back(request, reverse("followup:process", args=[outcome.process_id])))
    return render(
        request,
        "followup/status.html",
        {"item": outcome, "form": form, "process": outcome.process, "next": _back(request, "")},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def marker_history(request: HttpRequest, outcome_id: int) -> HttpResponse:
    marker = followup_access.get_marker_for(request.user, outcome_id)
    may_update = followup_access.may_update(request.user, marker)
    form = CheckInForm(initial={"status": marker.status, "on": timezone.localdate()})
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied
        form = CheckInForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_checkin(
                    marker=marker,
                    by=request.user,
                    status=data["status"],
                    on=data["on"],
                    note=data["note"],
                    evidence=data["evidence"],
                    upload=data["evidence_file"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The check-in is saved."))
                return redirect("followup:marker", outcome_id=marker.pk)
    checkins = selectors.marker_history(marker)
    return render(
        request,
        "followup/marker.html",
        {
            "marker": marker,
            "process": marker.process,
            "checkins": checkins,
            "form": form,
            "may_update": may_update,
        },
        status=422 if form.errors else 200,
    )


@login_required
def evidence_file(request: HttpRequest, checkin_id: int) -> FileResponse:
    checkin = followup_access.get_checkin_for(request.user, checkin_id)
    if not checkin.evidence_file:
        raise Http404
    name = f"bilag-{checkin.pk}.{EXTENSIONS[checkin.evidence_kind]}"
    return FileResponse(
        checkin.evidence_file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=MIME_TYPES[checkin.evidence_kind],
    )


@login_required
def course_changes(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id)
    may_lead = followup_access.may_lead(request.user, process)
    form = CourseChangeForm(process=process, initial={"on": timezone.localdate()})
    if request.method == "POST":
        if not may_lead:
            raise PermissionDenied
        form = CourseChangeForm(request.POST, process=process)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_course_change(
                    process=process,
                    by=request.user,
                    what=data["what"],
                    why=data["why"],
                    decided_by=data["decided_by"],
                    on=data["on"],
                    outcomes=data["outcomes"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The course change is in the log."))
                return redirect("followup:course_changes", process_id=process.pk)
    return render(
        request,
        "followup/course_changes.html",
        {
            "process": process,
            "changes": list(selectors.course_changes(process)),
            "form": form,
            "may_lead": may_lead,
        },
        status=422 if form.errors else 200,
    )


@login_required
def development_points(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id)
    may_lead = followup_access.may_lead(request.user, process)
    form = None
    if may_lead:
        form = DevelopmentPointForm(request.POST or None, process=process)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.add_development_point(
                    process=process,
                    by=request.user,
                    person=data["person"],
                    text=data["text"],
                    competence=data["competence"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The development point is saved."))
                return redirect("followup:development_points", process_id=process.pk)
    elif request.method == "POST":
        raise PermissionDenied
    points = list(followup_access.development_points_for(request.user, process))
    return render(
        request,
        "followup/development_points.html",
        {"process": process, "points": points, "form": form, "may_lead": may_lead},
        status=422 if form is not None and form.errors else 200,
    )


@login_required
def development_point(request: HttpRequest, point_id: int) -> HttpResponse:
    point = followup_access.get_point_for(request.user, point_id, write=request.method == "POST")
    may_lead = followup_access.may_lead(request.user, point.process)
    form = PointStatusForm(request.POST or None, initial={"status": point.status})
    if request.method == "POST" and form.is_valid():
        services.set_development_point_status(
            point=point, by=request.user, status=form.cleaned_data["status"]
        )
        messages.success(request, _("The status is saved."))
        return redirect("followup:development_point", point_id=point.pk)
    return render(
        request,
        "followup/development_point.html",
        {"point": point, "process": point.process, "form": form, "may_lead": may_lead},
    )


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    templates = list(followup_access.templates_for(request.user))
    writable = {
        t.pk
        for t in templates
        if access.has_role(request.user, t.organisation, access.PROCESS_WRITE_ROLES)
    }
    return render(
        request,
        "followup/templates.html",
        {"templates": templates, "writable": writable},
    )


@login_required
def save_template(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    form = TemplateForm(
        request.POST or None,
        organisations=access.lead_organisations(request.user),
        initial={"title": process.title, "organisation": process.organisation},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_as_template(
                process=process,
                by=request.user,
                organisation=data["organisation"],
                title=data["title"],
                published=data["published"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The template is saved."))
            return redirect("followup:templates")
    return render(
        request,
        "followup/save_template.html",
        {"process": process, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def publish_template(request: HttpRequest, template_id: int) -> HttpResponse:
    template = followup_access.get_template_for(request.user, template_id, write=True)
    published = request.POST.get("published") == "1"
    services.publish_template(template=template, by=request.user, published=published)
    if published:
        messages.success(request, _("The template is published to the institutions below."))
    else:
        messages.success(request, _("The template is no longer published."))
    return redirect("followup:templates")


def _start_page(request, *, source_label: str, start, title: str) -> HttpResponse:
    organisations = access.lead_organisations(request.user)
    if not organisations.exists():
        # Only those who may start processes somewhere may start one from a copy.
        raise PermissionDenied
    form = StartForm(
        request.POST or None,
        organisations=organisations,
        initial={"title": title},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            process = start(organisation=data["organisation"], title=data["title"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The process is started."))
            return redirect("followup:process", process_id=process.pk)
    return render(
        request,
        "followup/start_process.html",
        {"form": form, "source_label": source_label},
        status=422 if form.errors else 200,
    )


@login_required
def start_from_template(request: HttpRequest, template_id: int) -> HttpResponse:
    template = followup_access.get_template_for(request.user, template_id)

    def start(**fields):
        return services.start_from_template(template=template, by=request.user, **fields)

    return _start_page(request, source_label=template.title, start=start, title=template.title)


@login_required
def start_from_process(request: HttpRequest, process_id: int) -> HttpResponse:
    source = get_process_for(request.user, process_id)

    def start(**fields):
        return services.start_from_process(source=source, by=request.user, **fields)

    return _start_page(request, source_label=source.title, start=start, title=source.title)


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """From the link in an e-mail: no login needed, the signed token says who and what."""
    try:
        user_id, kind = reminders.read_unsubscribe_token(token)
    except signing.BadSignature:
        raise Http404 from None
    user = get_object_or_404(User, pk=user_id)
    label = NotificationKind(kind).label
    done = False
    if request.method == "POST":
        services.unsubscribe(user=user, kind=kind)
        done = True
    return render(request, "followup/unsubscribe.html", {"label": label, "done": done})
