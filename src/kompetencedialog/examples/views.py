"""The library of practice examples. Each view: access helper, form, one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kompetencedialog.examples import access, documents, selectors, services
from kompetencedialog.examples.forms import ExampleForm, LibraryFilterForm
from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.lib.text import transliterate_danish
from kompetencedialog.organisations.access import lead_organisations
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.processes.access import get_process_for

EXAMPLES_PER_PAGE = 20


@require_GET
@login_required
def library(request: HttpRequest) -> HttpResponse:
    municipalities = selectors.municipalities_with_examples(request.user)
    form = LibraryFilterForm(request.GET or None, municipalities=municipalities)
    examples = selectors.library(request.user, **form.filters())
    page = Paginator(examples, EXAMPLES_PER_PAGE).get_page(request.GET.get("side"))
    selectors.with_municipality_names(page.object_list)
    return render(
        request,
        "examples/library.html",
        {
            "form": form,
            "page": page,
            "filtered": any(form.filters().values()),
            "may_write": lead_organisations(request.user).exists(),
        },
    )


@require_GET
@login_required
def example_detail(request: HttpRequest, example_id: int) -> HttpResponse:
    example = access.get_example_for(request.user, example_id)
    return render(request, "examples/detail.html", _detail_context(request, example))


def _detail_context(request: HttpRequest, example: PracticeExample, **extra) -> dict:
    selectors.with_municipality_names([example])
    return {
        "example": example,
        "areas": list(example.competence_areas.all()),
        "may_write": access.may_write(request.user, example),
        **extra,
    }


@require_GET
@login_required
def example_pdf(request: HttpRequest, example_id: int) -> HttpResponse:
    example = access.get_example_for(request.user, example_id)
    selectors.with_municipality_names([example])
    pdf = documents.example_pdf(example, list(example.competence_areas.all()))
    response = HttpResponse(pdf, content_type="application/pdf")
    stem = slugify(transliterate_danish(example.title)) or "praksiseksempel"
    response["Content-Disposition"] = f'attachment; filename="praksiseksempel-{stem}.pdf"'
    return response


def _save(request: HttpRequest, form: ExampleForm, example: PracticeExample | None):
    """Save a valid form through the service; on a rule it breaks, put the errors on the form."""
    data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
    try:
        return services.save_example(
            by=request.user,
            example=example,
            areas=form.cleaned_data["competence_areas"],
            publish="publish" in request.POST,
            **data,
        )
    except ValidationError as error:
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
        return None


@login_required
def new_example(request: HttpRequest) -> HttpResponse:
    organisations = lead_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = ExampleForm(request.POST or None, organisations=organisations)
    if request.method == "POST":
        example = _save(request, form, None) if form.is_valid() else None
        if example is not None:
            messages.success(request, _saved_message(example))
            return redirect("examples:detail", example_id=example.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "examples/form.html", {"form": form}, status=status)


@login_required
def edit_example(request: HttpRequest, example_id: int) -> HttpResponse:
    example = access.get_example_for(request.user, example_id, write=True)
    # A draft from a team's process belongs to the team, which the list of organisations leaves out.
    organisations = lead_organisations(request.user) | Organisation.objects.filter(
        pk=example.organisation_id
    )
    form = ExampleForm(request.POST or None, instance=example, organisations=organisations)
    if request.method == "POST":
        # The form writes onto the instance while it validates; the service saves from a fresh copy.
        fresh = access.get_example_for(request.user, example_id, write=True)
        saved = _save(request, form, fresh) if form.is_valid() else None
        if saved is not None:
            messages.success(request, _saved_message(saved))
            return redirect("examples:detail", example_id=saved.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "examples/form.html", {"form": form, "example": example}, status=status)


def _saved_message(example: PracticeExample) -> str:
    if example.is_published:
        return _("The practice example is saved and published: everyone can read it.")
    return _("The draft is saved. Only your own organisation can see it until you publish it.")


@login_required
@require_POST
def publish(request: HttpRequest, example_id: int) -> HttpResponse:
    example = access.get_example_for(request.user, example_id, write=True)
    try:
        services.publish_example(example=example, by=request.user)
    except ValidationError as error:
        missing = [
            str(PracticeExample._meta.get_field(name).verbose_name) for name in error.message_dict
        ]
        context = _detail_context(request, example, missing=missing)
        return render(request, "examples/detail.html", context, status=422)
    messages.success(request, _("The practice example is published: everyone can read it."))
    return redirect("examples:detail", example_id=example.pk)


@login_required
@require_POST
def unpublish(request: HttpRequest, example_id: int) -> HttpResponse:
    example = access.get_example_for(request.user, example_id, write=True)
    services.unpublish_example(example=example, by=request.user)
    messages.success(
        request, _("The practice example is a draft again: only your own organisation can see it.")
    )
    return redirect("examples:detail", example_id=example.pk)


@login_required
@require_POST
def draft_from_process(request: HttpRequest, process_id: int) -> HttpResponse:
    process = get_process_for(request.user, process_id, write=True)
    example = services.draft_from_process(process=process, by=request.user)
    messages.success(
        request,
        _("A draft is written from the process's results. Read it, add your advice and publish."),
    )
    return redirect("examples:edit", example_id=example.pk)
