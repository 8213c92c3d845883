"""The process endpoints: list, create, detail with outcomes, add an outcome, the plan's files."""

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import BeforeValidator, ConfigDict

from kompetencedialog.api.body import body_schema, read_body
from kompetencedialog.api.errors import answers
from kompetencedialog.api.pagination import Page, paginate
from kompetencedialog.api.types import Id, one_of
from kompetencedialog.organisations import access
from kompetencedialog.processes import documents, services
from kompetencedialog.processes.access import get_plan_for, get_process_for, processes_for
from kompetencedialog.processes.forms import OutcomeForm, ProcessStartForm
from kompetencedialog.processes.models import CompetenceArea, Outcome, Process
from kompetencedialog.processes.selectors import plan_for, plan_outcomes

router = Router(tags=["processes"])
DOCX = documents.DOCX_TYPE


class ProcessIn(Schema):
    organisation: Id
    title: str
    challenge: str = ""
    goals: list[Id] = []
    #: What the administration reads once a plan is sent: "full" or "numbers" (only figures).
    plan_visibility: Process.PlanVisibility = Process.PlanVisibility.FULL


def _as_list(value: object) -> object:
    return value if isinstance(value, list) or value is None else [value]


class OutcomeIn(Schema):
    """``kind`` and ``text``, plus the kind's own fields; other fields are ignored."""

    model_config = ConfigDict(extra="allow")
    kind: one_of(Outcome.Kind)
    text: str
    # One id alone is taken as a list of one.
    addresses: Annotated[list[Id], BeforeValidator(_as_list)] | None = Field(
        None, description="intervention: the ids of the needed competences it addresses"
    )


class ProcessOut(Schema):
    id: int
    organisation: int
    organisation_name: str
    title: str
    challenge: str
    phase: one_of(Process.PhaseKey)
    status: one_of(Process.Status)
    goals: list[int]
    toolkit: str = Field(description="the toolkit's slug")
    created: str = Field(description="ISO 8601")
    updated: str = Field(description="ISO 8601")


class ProcessPage(Page):
    items: list[ProcessOut]


class OutcomeOut(Schema):
    """The fields every outcome has, and those of some kinds (absent for the others); the
    kind's short answers (``Outcome.DETAIL_FIELDS``) follow as further text fields."""

    model_config = ConfigDict(extra="allow")
    id: int
    kind: one_of(Outcome.Kind)
    text: str
    description: str
    card: int | None
    status: str | None = Field(
        None, description="competence: existing or needed; marker, action, decision: its status"
    )
    area: str | None = Field(None, description="competence: the area's slug")
    area_name: str | None = None
    priority: int | None = Field(None, description="competence")
    format: one_of(Outcome.Format) | None = Field(None, description="intervention")
    addresses: list[int] | None = Field(None, description="intervention")
    owner: str | None = Field(None, description="marker, action, decision")
    owner_id: int | None = None
    due: str | None = Field(None, description="marker, action, decision: YYYY-MM-DD")
    amount: float | None = Field(None, description="resource")
    unit: one_of(Outcome.Unit) | None = Field(None, description="resource")


class ProcessDetailOut(ProcessOut):
    outcomes: list[OutcomeOut]


def serialise_process(process: Process) -> dict:
    return {
        "id": process.pk,
        "organisation": process.organisation_id,
        "organisation_name": process.organisation.name,
        "title": process.title,
        "challenge": process.challenge,
        "phase": process.phase,
        "status": process.status,
        "plan_visibility": process.plan_visibility,
        "goals": [goal.pk for goal in process.goals.all()],
        "toolkit": process.toolkit.slug,
        "created": process.created.isoformat(),
        "updated": process.updated.isoformat(),
    }


def serialise_outcome(outcome: Outcome) -> dict:
    data = {
        "id": outcome.pk,
        "kind": outcome.kind,
        "text": outcome.text,
        "description": outcome.description,
        "card": outcome.card_id,
    }
    kind = outcome.kind
    if kind == "competence":
        data.update(
            status=outcome.competence_status,
            area=outcome.area.slug if outcome.area_id else None,
            area_name=outcome.area.name if outcome.area_id else None,
            priority=outcome.position,
        )
    if kind == "intervention":
        data.update(
            format=outcome.format or None,
            addresses=[other.pk for other in outcome.addresses.all()],
        )
    if kind in Outcome.FOLLOW_UP_KINDS:
        data.update(
            owner=outcome.owner_label or None,
            owner_id=outcome.owner_id,
            due=outcome.due.isoformat() if outcome.due else None,
            status=outcome.status,
        )
    if kind == "resource":
        data.update(
            amount=float(outcome.amount) if outcome.amount is not None else None,
            unit=outcome.unit,
        )
    for name in Outcome.DETAIL_FIELDS.get(kind, ()):
        data[name] = (outcome.details or {}).get(name, "")
    return data


def _form_errors(form) -> dict:
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


@router.get(
    "/",
    summary="The processes the caller can see",
    response=answers({200: ProcessPage}, 401, 404, 422),
)
def list_processes(request, organisation: Id | None = None):
    processes = processes_for(request.user).select_related("toolkit").prefetch_related("goals")
    if organisation is not None:
        node = access.get_visible_organisation(request.user, organisation)
        processes = processes.filter(organisation__path__startswith=node.path)
    return paginate(request, processes.order_by("-updated", "-id"), serialise_process)


@router.post(
    "/",
    summary="Start a process",
    response=answers({201: ProcessOut}, 400, 401, 403, 404, 422),
)
def create_process(request, payload: ProcessIn):
    organisation = access.get_visible_organisation(request.user, payload.organisation)
    if not access.has_role(request.user, organisation, access.PROCESS_WRITE_ROLES):
        raise PermissionDenied
    form = ProcessStartForm(
        {
            "organisation": organisation.pk,
            "title": payload.title,
            "challenge": payload.challenge,
            "goals": payload.goals,
            "everyone": "1",
            "plan_visibility": payload.plan_visibility,
        },
        user=request.user,
    )
    if not form.is_valid():
        return Status(422, {"detail": _("The input is not valid."), "errors": _form_errors(form)})
    data = form.cleaned_data
    process = services.start_process(
        organisation=data["organisation"],
        by=request.user,
        title=data["title"],
        challenge=data["challenge"],
        goals=data["goals"],
        plan_visibility=data["plan_visibility"],
    )
    # The one who started it reads back what they wrote, also when they work above it.
    process = Process.objects.select_related("organisation", "toolkit").get(pk=process.pk)
    return Status(201, serialise_process(process))


@router.get(
    "/{process_id}/",
    summary="One process with its outcomes",
    response=answers({200: ProcessDetailOut}, 401, 403, 404, 422),
    exclude_unset=True,
)
def get_process(request, process_id: Id):
    process = get_process_for(request.user, process_id)
    data = serialise_process(process)
    data["outcomes"] = [serialise_outcome(outcome) for outcome in plan_outcomes(process)]
    return data


def _outcome_data(kind: str, payload: dict) -> dict:
    """The API's field names in the shape of the outcome form."""
    data = {"text": payload.get("text", "")}
    if kind == "competence":
        data["competence_status"] = payload.get("status", "")
        area = payload.get("area")
        if isinstance(area, str) and not area.isdigit():
            found = CompetenceArea.objects.filter(slug=area).values_list("pk", flat=True).first()
            area = found if found is not None else area
        data["area"] = area if area is not None else ""
    if kind == "intervention":
        data["format"] = payload.get("format") or ""
        addresses = payload.get("addresses") or []
        data["addresses"] = addresses if isinstance(addresses, list) else [addresses]
    if kind in Outcome.FOLLOW_UP_KINDS:
        owner = payload.get("owner")
        if isinstance(owner, int) and not isinstance(owner, bool):
            data["owner"] = owner
        elif owner:
            data["owner_name"] = str(owner)
        if payload.get("owner_name"):
            data["owner_name"] = str(payload["owner_name"])
        data["due"] = payload.get("due") or ""
        data["status"] = payload.get("status") or ""
    if kind == "resource":
        amount = payload.get("amount")
        data["amount"] = "" if amount is None else str(amount)
        data["unit"] = payload.get("unit") or "DKK"
    for name in Outcome.DETAIL_FIELDS.get(kind, ()):
        value = payload.get(name)
        if value is not None:
            data[name] = value if isinstance(value, str) else str(value)
    return {key: value for key, value in data.items()}


def _outcome_errors(form, payload: dict) -> dict:
    """The form's errors under the API's field names (``_outcome_data`` in reverse)."""
    names = {"competence_status": "status"}
    if "owner_name" not in payload:
        names["owner_name"] = "owner"  # a name sent as ``owner``
    errors: dict[str, list[str]] = {}
    for name, messages in _form_errors(form).items():
        errors.setdefault(names.get(name, name), []).extend(messages)
    return errors


@router.post(
    "/{process_id}/outcomes/",
    summary="Add an outcome to a process",
    response=answers({201: OutcomeOut}, 401, 403, 404, 422),
    exclude_unset=True,
    openapi_extra=body_schema(OutcomeIn),
)
def create_outcome(request, process_id: Id):
    process = get_process_for(request.user, process_id, write=True)
    # The kind's own fields are not in the schema (they differ per kind): the raw body has them.
    payload, fields = read_body(request, OutcomeIn)
    kind = payload.kind
    fields.update(kind=kind, text=payload.text)
    form = OutcomeForm(_outcome_data(kind, fields), kind=kind, process=process)
    if not form.is_valid():
        errors = _outcome_errors(form, fields)
        return Status(422, {"detail": _("The input is not valid."), "errors": errors})
    values = form.service_fields()
    outcome = services.add_outcome(process=process, by=request.user, kind=kind, **values)
    outcome = plan_outcomes(process).get(pk=outcome.pk)
    return Status(201, serialise_outcome(outcome))


def _plan_file(request, process_id: int, extension: str) -> HttpResponse:
    """The plan as it stands for those inside; the latest sent version for those above."""
    process, latest = get_plan_for(request.user, process_id)
    plan = latest.content if latest is not None else plan_for(process)
    if extension == "pdf":
        content = documents.plan_pdf(process, plan, version=latest)
        response = HttpResponse(content, content_type="application/pdf")
    else:
        content = documents.plan_docx(process, plan, version=latest)
        response = HttpResponse(content, content_type=documents.DOCX_TYPE)
    name = documents.filename(process, extension, version=latest)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get(
    "/{process_id}/plan.pdf",
    summary="The plan as PDF",
    response=answers({200: None}, 401, 403, 404, 422),
    openapi_extra={"responses": {200: {"description": "PDF", "content": {"application/pdf": {}}}}},
)
def plan_pdf(request, process_id: Id):
    return _plan_file(request, process_id, "pdf")


@router.get(
    "/{process_id}/plan.docx",
    summary="The plan as DOCX",
    response=answers({200: None}, 401, 403, 404, 422),
    openapi_extra={"responses": {200: {"description": "DOCX", "content": {DOCX: {}}}}},
)
def plan_docx(request, process_id: Id):
    return _plan_file(request, process_id, "docx")
