"""Pages of the course catalogue. Each view: access helper, form, one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kompetencedialog.courses import access, exports, selectors, services
from kompetencedialog.courses.forms import (
    CatalogueFilter,
    CourseForm,
    EnrolForm,
    MappingForm,
    PlanForm,
    RunForm,
)
from kompetencedialog.courses.models import ActivityMapping, Enrolment
from kompetencedialog.organisations.access import PROCESS_WRITE_ROLES, scope
from kompetencedialog.overview import exports as table_exports
from kompetencedialog.processes.models import Process


def _posted(request: HttpRequest):
    """The submitted data, even when empty: an empty form is bad input, not a fresh page."""
    return request.POST if request.method == "POST" else None


def _apply_errors(form, error: ValidationError) -> None:
    for field, problems in getattr(error, "message_dict", {"__all__": error.messages}).items():
        form.add_error(field if field in form.fields else None, problems)


@require_GET
@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    filters = CatalogueFilter(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    courses = selectors.catalogue(
        access.courses_for(request.user),
        audience=chosen.get("audience", ""),
        open_seats=chosen.get("open_seats", False),
    )
    return render(
        request,
        "courses/catalogue.html",
        {
            "courses": courses,
            "filters": filters,
            "may_offer": access.offering_organisations(request.user).exists(),
        },
    )


def _course_form_page(request: HttpRequest, form, course=None) -> HttpResponse:
    status = 422 if form.is_bound else 200
    return render(request, "courses/edit.html", {"form": form, "course": course}, status=status)


@login_required
def create_course(request: HttpRequest) -> HttpResponse:
    organisations = access.offering_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = CourseForm(_posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            course = services.save_course(by=request.user, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The course is in the catalogue. Now add a team."))
            return redirect("courses:runs", course_id=course.pk)
    return _course_form_page(request, form)


@login_required
def edit_course(request: HttpRequest, course_id: int) -> HttpResponse:
    course = access.get_course_for(request.user, course_id, write=True)
    form = CourseForm(_posted(request), instance=course, organisations=None)
    if request.method == "POST" and form.is_valid():
        course.refresh_from_db()
        try:
            services.save_course(
                by=request.user,
                organisation=course.organisation,
                course=course,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The course is saved."))
            return redirect("courses:detail", course_id=course.pk)
    return _course_form_page(request, form, course)


@require_GET
@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = access.get_course_for(request.user, course_id)
    people = access.enrollable_people(request.user, course.organisation)
    return render(
        request,
        "courses/detail.html",
        {
            "course": course,
            "may_manage": access.may_manage(request.user, course),
            "enrols_others": people.exclude(pk=request.user.pk).exists(),
            **selectors.course_page(course, request.user),
        },
    )


@require_POST
@login_required
def tell_me(request: HttpRequest, course_id: int) -> HttpResponse:
    course = access.get_course_for(request.user, course_id)
    services.ask_to_be_told(course=course, person=request.user)
    messages.success(request, _("We will e-mail you when the next team opens."))
    return redirect("courses:detail", course_id=course.pk)


@login_required
def course_runs(request: HttpRequest, course_id: int) -> HttpResponse:
    """The administration's page: every team with its participants and waitlist; add a team."""
    course = access.get_course_for(request.user, course_id, write=True)
    form = RunForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_run(course=course, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The team is open for enrolment."))
            return redirect("courses:runs", course_id=course.pk)
    return render(
        request,
        "courses/runs.html",
        {"course": course, "runs": selectors.runs_with_people(course), "form": form},
        status=422 if form.is_bound else 200,
    )


@require_GET
@login_required
def export_participants(request: HttpRequest, course_run_id: int, fmt: str) -> HttpResponse:
    run = access.get_run_for(request.user, course_run_id, write=True)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    table = exports.participants_table(run)
    name = f"deltagere-hold-{run.pk}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(
            table_exports.csv_text(table), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(table_exports.workbook([table]), content_type=table_exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def enrol(request: HttpRequest, course_run_id: int) -> HttpResponse:
    run = access.get_run_for(request.user, course_run_id)
    people = access.enrollable_people(request.user, run.course.organisation)
    form = EnrolForm(
        _posted(request),
        people=people,
        organisation=run.course.organisation,
        initial={"person": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"] or request.user
        try:
            enrolment = services.enrol(run=run, person=person, by=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            if enrolment.status == Enrolment.Status.ENROLLED:
                messages.success(
                    request,
                    _("%(name)s is enrolled. Next step: the mapping before the day.")
                    % {"name": person.get_full_name()},
                )
            else:
                messages.info(
                    request,
                    _(
                        "The team is full, so %(name)s is on the waitlist and moves up "
                        "automatically when a seat is free."
                    )
                    % {"name": person.get_full_name()},
                )
            if person == request.user:
                return redirect("courses:mapping", enrolment_id=enrolment.pk)
            return redirect("courses:detail", course_id=run.course_id)
    return render(
        request,
        "courses/enrol.html",
        {"run": run, "course": run.course, "form": form},
        status=422 if form.errors else 200,
    )


@require_GET
@login_required
def my_enrolments(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "courses/mine.html",
        {"enrolments": selectors.my_enrolments(request.user)},
    )


def _own_processes(user):
    return scope(
        Process.objects.filter(status=Process.Status.ACTIVE).select_related("organisation"),
        user,
        roles=PROCESS_WRITE_ROLES,
    ).order_by("title")


@login_required
def mapping(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    """The enrolment: the mapping before the day, and the course into one's own plan."""
    enrolment = access.get_enrolment_for(request.user, enrolment_id)
    is_mine = enrolment.person_id == request.user.pk
    existing = ActivityMapping.objects.filter(enrolment=enrolment).first()
    form = MappingForm(_posted(request), instance=existing)
    if request.method == "POST":
        if not is_mine:
            raise PermissionDenied
        if form.is_valid():
            services.save_mapping(enrolment=enrolment, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your mapping is saved. You can change it until the day."))
            return redirect("courses:mine")
    processes = _own_processes(request.user) if is_mine else Process.objects.none()
    return render(
        request,
        "courses/enrolment.html",
        {
            "enrolment": enrolment,
            "course": enrolment.run.course,
            "form": form,
            "is_mine": is_mine,
            "plan_form": PlanForm(processes=processes) if processes.exists() else None,
        },
        status=422 if form.is_bound else 200,
    )


@require_POST
@login_required
def cancel(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = access.get_enrolment_for(request.user, enrolment_id)
    promoted = services.cancel_enrolment(enrolment=enrolment, by=request.user)
    messages.success(request, _("The enrolment is cancelled."))
    if promoted is not None and access.may_manage(request.user, enrolment.run.course):
        messages.info(
            request,
            _("%(name)s moved up from the waitlist.") % {"name": promoted.person.get_full_name()},
        )
    if enrolment.person_id == request.user.pk:
        return redirect("courses:mine")
    return redirect("courses:runs", course_id=enrolment.run.course_id)


@require_POST
@login_required
def add_to_plan(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = access.get_enrolment_for(request.user, enrolment_id)
    if enrolment.person_id != request.user.pk:
        raise PermissionDenied
    form = PlanForm(request.POST, processes=_own_processes(request.user))
    if not form.is_valid():
        return render(
            request,
            "courses/enrolment.html",
            {
                "enrolment": enrolment,
                "course": enrolment.run.course,
                "form": MappingForm(instance=getattr(enrolment, "mapping", None)),
                "is_mine": True,
                "plan_form": form,
            },
            status=422,
        )
    process = form.cleaned_data["process"]
    services.add_to_plan(enrolment=enrolment, process=process, by=request.user)
    messages.success(
        request,
        _("The course is an intervention in “%(title)s”.") % {"title": process.title},
    )
    return redirect("processes:detail", process_id=process.pk)
