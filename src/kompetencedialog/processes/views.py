"""The process pages: list, start, the process page, card pages with outcomes, the plan, goals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kompetencedialog.organisations import access
from kompetencedialog.processes import documents, services
from kompetencedialog.processes.access import (
    get_goal_for,
    get_outcome_for,
    get_plan_for,
    get_process_for,
    goals_for,
)
from kompetencedialog.processes.cards import INTERVENTION_FOCUS
from kompetencedialog.processes.forms import (
    TEXT_LABELS,
    GoalForm,
    OutcomeForm,
    ProcessEditForm,
    ProcessStartForm,
    SendPlanForm,
    organisations_to_start_in,
    writable_organisations,
)
from kompetencedialog.processes.models import Outcome, PlanVersion
from kompetencedialog.processes.panels import PLAN_PANELS, PROCESS_PANELS
from kompetencedialog.processes.selectors import (
    card_page,
    detail_labels,
    outcome_fields,
    plan_for,
    process_page,
    processes_with_progress,
    versions_for,
)
from kompetencedialog.processes.visibility import is_inside


def _can_write(user, process) -> bool:
    return access.has_role(user, process.organisation, access.PROCESS_WRITE_ROLES)


# --- list and start ---------------------------------------------------------------------------


@login_required
def process_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "processes/list.html",
        {
            "processes": processes_with_progress(request.user),
            "can_start": organisations_to_start_in(request.user).exists(),
        },
    )


@login_required
def start_process(request: HttpRequest) -> HttpResponse:
    if not organisations_to_start_in(request.user).exists():
        raise PermissionDenied
    form = ProcessStartForm(request.POST or None, user=request.user)
    if len(form.fields["organisation"].queryset) == 1 and not form.is_bound:
        form.initial["organisation"] = form.fields["organisation"].queryset[0].pk
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            process = services.start_process(
                organisation=data["organisation"],
                by=request.user,
                title=data["title"],
                challenge=data["challenge"],
                goals=data["goals"],
                participants=None if data["everyone"] else data["participants"],
                plan_visibility=data["plan_visibility"],
            )
        except ValidationError as error:
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The process has started."))
            return redirect("processes:detail", process_id=process.pk)
    return render(request, "processes/start.html", {"form": form})


@require_GET
@login_required
def who_sees_what(request: HttpRequest) -> HttpResponse:
    """The promise in plain words, for leaders to show their staff (also docs/privacy.md)."""
    return render(request, "processes/who_sees_what.html")


# --- the process page -------------------------------------------------------------------------


@require_GET
@login_required
def process_detail(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id)
    page = process_page(process)
    keys = [view.phase.key for view in page.phases]
    index = keys.index(process.phase) if process.phase in keys else 0
    return render(
        request,
        "processes/detail.html",
        {
            "process": process,
            "page": page,
            "can_write": _can_write(request.user, process),
            "previous_phase": page.phases[index - 1].phase if index > 0 else None,
            "next_phase": page.phases[index + 1].phase if index + 1 < len(keys) else None,
            "panels": PROCESS_PANELS,
        },
    )


@login_required
def edit_process(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    initial = {
        "title": process.title,
        "challenge": process.challenge,
        "goals": [goal.pk for goal in process.goals.all()],
        "plan_visibility": process.plan_visibility,
    }
    form = ProcessEditForm(request.POST or None, initial=initial, process=process)
    if request.method == "POST" and form.is_valid():
        services.update_process(process=process, by=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("processes:detail", process_id=process.pk)
    return render(request, "processes/edit.html", {"process": process, "form": form})


@login_required
@require_POST
def change_phase(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    try:
        services.change_phase(process=process, by=request.user, phase=request.POST.get("phase", ""))
    except ValidationError:
        messages.error(request, _("Choose one of the three phases."))
    else:
        messages.success(
            request,
            _("The process is now in the phase %(phase)s.")
            % {"phase": process.get_phase_display()},
        )
    return redirect("processes:detail", process_id=process.pk)


# --- card pages and outcomes ------------------------------------------------------------------


SECTION_TITLES = {
    "challenge": _("Challenges"),
    "desired_practice": _("Desired future practice"),
    "competence": _("Competences"),
    "intervention": _("Competence interventions"),
    "engagement_action": _("Engagement and visibility"),
    "anchoring_action": _("Anchoring in practice"),
    "marker": _("Signs of development"),
    "follow_up": _("Follow-up organisation"),
    "resource": _("Resources"),
    "decision": _("Decisions"),
    "action": _("Actions"),
}


def _section(request, process, page, kind, *, form=None, editing=None, edit_form=None, message=""):
    can_write = _can_write(request.user, process)
    labels = detail_labels()
    outcomes = page.outcomes.get(kind, [])
    for outcome in outcomes:
        outcome.shown_fields = outcome_fields(outcome, labels)
    auto_id = f"{kind}-new-%s"
    focus = INTERVENTION_FOCUS.get(page.tile.card.slug, "")
    return {
        "kind": kind,
        "title": SECTION_TITLES[kind],
        "outcomes": outcomes,
        "existing": [o for o in outcomes if o.competence_status == "existing"],
        "needed": [o for o in outcomes if o.competence_status == "needed"],
        "form": form
        or (
            OutcomeForm(kind=kind, process=process, auto_id=auto_id, focus=focus)
            if can_write
            else None
        ),
        "editing": editing,
        "edit_form": edit_form,
        "message": message,
        "can_write": can_write,
    }


def _card_response(request, process, phase, slug, *, kind=None, status=200, **section_args):
    page = card_page(process, phase, slug)
    if kind is not None and kind not in page.tile.kinds:
        raise Http404
    context = {"process": process, "page": page, "tile": page.tile}
    if kind is not None and request.htmx:
        context["section"] = _section(request, process, page, kind, **section_args)
        return render(request, "processes/_outcomes.html", context, status=status)
    context["sections"] = [
        _section(request, process, page, k, **(section_args if k == kind else {}))
        for k in page.tile.kinds
    ]
    context["can_write"] = _can_write(request.user, process)
    return render(request, "processes/card.html", context, status=status)


@require_GET
@login_required
def card_detail(request: HttpRequest, process_id: int, phase: str, slug: str) -> HttpResponse:
    process = get_process_for(request.user, process_id)
    return _card_response(request, process, phase, slug)


def _save_outcome(request, process, form, tile, outcome=None):
    """Call the service; move its validation errors onto the form. True when stored."""
    fields = form.service_fields()
    try:
        if outcome is None:
            services.add_outcome(
                process=process, by=request.user, kind=form.kind, card=tile.card, **fields
            )
        else:
            services.update_outcome(outcome=outcome, by=request.user, **fields)
    except ValidationError as error:
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return False
    return True


@login_required
@require_POST
def add_outcome(request, process_id: int, phase: str, slug: str, kind: str) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    if kind not in TEXT_LABELS:
        raise Http404
    form = OutcomeForm(request.POST, kind=kind, process=process, auto_id=f"{kind}-new-%s")
    tile = card_page(process, phase, slug).tile
    if kind not in tile.kinds:
        raise Http404
    if form.is_valid() and _save_outcome(request, process, form, tile):
        if not request.htmx:
            messages.success(request, _("Saved."))
            return redirect(_card_url(process, phase, slug, kind))
        return _card_response(request, process, phase, slug, kind=kind, message=_("Saved."))
    return _card_response(request, process, phase, slug, kind=kind, form=form)


def _card_url(process, phase, slug, kind=None) -> str:
    url = reverse("processes:card", kwargs={"process_id": process.pk, "phase": phase, "slug": slug})
    return f"{url}#outcomes-{kind}" if kind else url


def _outcome_in(request, process, outcome_id) -> Outcome:
    outcome = get_outcome_for(request.user, outcome_id, write=True)
    if outcome.process_id != process.pk:
        raise Http404
    return outcome


@login_required
def edit_outcome(request, process_id: int, phase: str, slug: str, outcome_id: int):
    process = get_process_for(request.user, process_id, write=True)
    outcome = _outcome_in(request, process, outcome_id)
    auto_id = f"outcome-{outcome.pk}-%s"
    if request.method == "POST":
        form = OutcomeForm(request.POST, kind=outcome.kind, process=process, auto_id=auto_id)
        tile = card_page(process, phase, slug).tile
        if form.is_valid() and _save_outcome(request, process, form, tile, outcome):
            if not request.htmx:
                messages.success(request, _("Saved."))
                return redirect(_card_url(process, phase, slug, outcome.kind))
            return _card_response(
                request, process, phase, slug, kind=outcome.kind, message=_("Saved.")
            )
        return _card_response(
            request,
            process,
            phase,
            slug,
            kind=outcome.kind,
            editing=outcome.pk,
            edit_form=form,
        )
    form = OutcomeForm(
        initial=OutcomeForm.initial_for(outcome),
        kind=outcome.kind,
        process=process,
        auto_id=auto_id,
    )
    return _card_response(
        request, process, phase, slug, kind=outcome.kind, editing=outcome.pk, edit_form=form
    )


@login_required
@require_POST
def delete_outcome(request, process_id: int, phase: str, slug: str, outcome_id: int):
    process = get_process_for(request.user, process_id, write=True)
    outcome = _outcome_in(request, process, outcome_id)
    kind = outcome.kind
    services.delete_outcome(outcome=outcome, by=request.user)
    if not request.htmx:
        messages.success(request, _("Deleted."))
        return redirect(_card_url(process, phase, slug, kind))
    return _card_response(request, process, phase, slug, kind=kind, message=_("Deleted."))


@login_required
@require_POST
def move_competence(request, process_id: int, phase: str, slug: str, outcome_id: int):
    process = get_process_for(request.user, process_id, write=True)
    outcome = _outcome_in(request, process, outcome_id)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    services.move_competence(outcome=outcome, by=request.user, direction=direction)
    if not request.htmx:
        return redirect(_card_url(process, phase, slug, "competence"))
    return _card_response(
        request, process, phase, slug, kind="competence", message=_("The order is saved.")
    )


@login_required
@require_POST
def prioritise(request, process_id: int, phase: str, slug: str):
    process = get_process_for(request.user, process_id, write=True)
    order = []
    for value in request.POST.getlist("order"):
        try:
            order.append(int(value))
        except ValueError:
            continue
    services.prioritise_competences(process=process, by=request.user, order=order)
    if not request.htmx:
        return redirect(_card_url(process, phase, slug, "competence"))
    return _card_response(
        request, process, phase, slug, kind="competence", message=_("The order is saved.")
    )


# --- the plan ---------------------------------------------------------------------------------


def _plan_response(request, process, form, status=200) -> HttpResponse:
    context = {
        "process": process,
        "plan": plan_for(process),
        "versions": versions_for(process),
        "can_write": _can_write(request.user, process),
        "form": form,
        "panels": PLAN_PANELS,
    }
    return render(request, "processes/plan.html", context, status=status)


def _version_response(request, process, version: PlanVersion) -> HttpResponse:
    """A sent version: what someone above the process reads of its plan."""
    return render(
        request,
        "processes/plan_version.html",
        {
            "process": process,
            "version": version,
            "plan": version.content,
            "inside": is_inside(request.user, process),
        },
    )


@require_GET
@login_required
def plan_detail(request: HttpRequest, process_id: int) -> HttpResponse:
    process, latest = get_plan_for(request.user, process_id)
    if latest is not None:
        return _version_response(request, process, latest)
    return _plan_response(request, process, SendPlanForm())


@login_required
@require_POST
def send_plan(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    form = SendPlanForm(request.POST)
    if form.is_valid():
        try:
            version = services.send_plan(
                process=process, by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        return _plan_response(request, process, form, status=422)
    messages.success(
        request,
        _("The plan is sent to the administration as version %(number)d.")
        % {"number": version.number},
    )
    return redirect("processes:plan", process_id=process.pk)


def _version_for(request, process_id: int, version_id: int) -> tuple:
    process, _latest = get_plan_for(request.user, process_id)
    try:
        version = process.plan_versions.select_related("sent_by").get(pk=version_id)
    except (PlanVersion.DoesNotExist, ValueError):
        raise Http404 from None
    return process, version


@login_required
def plan_version(request: HttpRequest, process_id: int, version_id: int) -> HttpResponse:
    process, version = _version_for(request, process_id, version_id)
    return _version_response(request, process, version)


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _plan_file(request: HttpRequest, process_id: int, extension: str) -> HttpResponse:
    """The plan as it stands for those inside; the latest sent version for those above."""
    process, latest = get_plan_for(request.user, process_id)
    plan = latest.content if latest is not None else plan_for(process)
    render_file = documents.plan_pdf if extension == "pdf" else documents.plan_docx
    return _download(
        render_file(process, plan, version=latest),
        documents.filename(process, extension, version=latest),
        "application/pdf" if extension == "pdf" else documents.DOCX_TYPE,
    )


@require_GET
@login_required
def plan_pdf(request: HttpRequest, process_id: int) -> HttpResponse:
    return _plan_file(request, process_id, "pdf")


@require_GET
@login_required
def plan_docx(request: HttpRequest, process_id: int) -> HttpResponse:
    return _plan_file(request, process_id, "docx")


@login_required
def version_pdf(request: HttpRequest, process_id: int, version_id: int) -> HttpResponse:
    process, version = _version_for(request, process_id, version_id)
    return _download(
        documents.plan_pdf(process, version.content, version=version),
        documents.filename(process, "pdf", version=version),
        "application/pdf",
    )


@login_required
def version_docx(request: HttpRequest, process_id: int, version_id: int) -> HttpResponse:
    process, version = _version_for(request, process_id, version_id)
    return _download(
        documents.plan_docx(process, version.content, version=version),
        documents.filename(process, "docx", version=version),
        documents.DOCX_TYPE,
    )


# --- goals ------------------------------------------------------------------------------------


@login_required
def goal_list(request: HttpRequest) -> HttpResponse:
    goals = goals_for(request.user)
    writable = set(writable_organisations(request.user).values_list("pk", flat=True))
    form = GoalForm(request.POST or None, user=request.user) if writable else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.save_goal(by=request.user, **form.cleaned_data)
            messages.success(request, _("The goal is saved."))
            return redirect("processes:goals")
    goals = goals.annotate(process_count=Count("processes"))
    return render(
        request,
        "processes/goals.html",
        {"goals": goals, "form": form, "writable": writable},
    )


@login_required
def edit_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = get_goal_for(request.user, goal_id, write=True)
    form = GoalForm(
        request.POST or None,
        user=request.user,
        initial={
            "organisation": goal.organisation_id,
            "title": goal.title,
            "description": goal.description,
            "period_start": goal.period_start,
            "period_end": goal.period_end,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.save_goal(by=request.user, goal=goal, **form.cleaned_data)
        messages.success(request, _("The goal is saved."))
        return redirect("processes:goals")
    return render(request, "processes/goal_edit.html", {"goal": goal, "form": form})


@login_required
@require_POST
def delete_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = get_goal_for(request.user, goal_id, write=True)
    services.delete_goal(by=request.user, goal=goal)
    messages.success(request, _("The goal is deleted."))
    return redirect("processes:goals")
