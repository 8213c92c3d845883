"""The dialogue tool's pages: the overview like the poster, a page per phase and per card, the
meeting view for a projector with its note-taking panel, an organisation's own questions, and the
printable cards and poster."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from kompetencedialog.organisations.access import get_organisation_for
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.toolkit import pdf, selectors, services
from kompetencedialog.toolkit.access import (
    OWN_CONTENT_ROLES,
    get_notebook_for,
    may_manage_own_content,
    may_write_notebook,
)
from kompetencedialog.toolkit.forms import NoteForm, OwnCardForm, OwnQuestionForm
from kompetencedialog.toolkit.models import Card, Note, Phase, Question, Toolkit

DEFAULT_VARIANT = Toolkit.Variant.DAGTILBUD


def _tool(request: HttpRequest, variant: str):
    toolkit = selectors.current_toolkit(variant)
    paths = selectors.paths_for_user(request.user)
    return toolkit, selectors.phases_with_cards(toolkit, paths)


def _variants(variant: str) -> list[dict]:
    return [
        {"value": value, "label": label, "current": value == variant}
        for value, label in Toolkit.Variant.choices
    ]


def overview(request: HttpRequest, variant: str = DEFAULT_VARIANT) -> HttpResponse:
    toolkit, phases = _tool(request, variant)
    own_content_organisations = []
    if request.user.is_authenticated:
        own_content_organisations = Organisation.objects.filter(
            memberships__user=request.user, memberships__role__in=OWN_CONTENT_ROLES
        ).distinct()
    return render(
        request,
        "toolkit/overview.html",
        {
            "toolkit": toolkit,
            "phases": phases,
            "variant": variant,
            "variants": _variants(variant),
            "own_content_organisations": own_content_organisations,
        },
    )


def phase_page(request: HttpRequest, variant: str, phase_key: str) -> HttpResponse:
    toolkit, phases = _tool(request, variant)
    phase = selectors.phase_by_key(phases, phase_key)
    return render(
        request,
        "toolkit/phase.html",
        {
            "toolkit": toolkit,
            "phases": phases,
            "phase": phase,
            "variant": variant,
            "variants": _variants(variant),
        },
    )


def card_page(request: HttpRequest, variant: str, phase_key: str, card_slug: str) -> HttpResponse:
    toolkit, phases = _tool(request, variant)
    phase = selectors.phase_by_key(phases, phase_key)
    card = selectors.card_by_slug(phase, card_slug)
    cards = list(phase.cards.all())
    index = cards.index(card)
    return render(
        request,
        "toolkit/card.html",
        {
            "toolkit": toolkit,
            "phase": phase,
            "card": card,
            "previous_card": cards[index - 1] if index > 0 else None,
            "next_card": cards[index + 1] if index + 1 < len(cards) else None,
            "variant": variant,
            "variants": _variants(variant),
        },
    )


@login_required
@require_POST
def start_practice(request: HttpRequest, variant: str) -> HttpResponse:
    toolkit = selectors.current_toolkit(variant)
    notebook = services.start_practice(toolkit=toolkit, by=request.user)
    phase_key = request.POST.get("phase")
    if phase_key not in Phase.Key.values:
        phase_key = Phase.Key.INVESTIGATE
    return redirect("toolkit:meeting", notebook_id=notebook.pk, phase_key=phase_key)


def _notebook_paths(notebook, user) -> list[str]:
    if notebook.organisation is not None:
        return selectors.ancestor_paths(notebook.organisation.path)
    return selectors.paths_for_user(user)


@require_GET
@login_required
def meeting(
    request: HttpRequest, notebook_id: int, phase_key: str, card_slug: str | None = None
) -> HttpResponse:
    notebook = get_notebook_for(request.user, notebook_id)
    phases = selectors.phases_with_cards(notebook.toolkit, _notebook_paths(notebook, request.user))
    phase = selectors.phase_by_key(phases, phase_key)
    slides, questions = [], []
    for card in phase.cards.all():
        card_questions = list(card.questions.all())
        slides.append({"kind": "card", "card": card, "count": len(card_questions)})
        for number, question in enumerate(card_questions, start=1):
            questions.append(question)
            slides.append(
                {
                    "kind": "question",
                    "card": card,
                    "question": question,
                    "number": number,
                    "count": len(card_questions),
                }
            )
    start = 0
    if card_slug is not None:
        # "Take notes" on a card: open its first question, where notes are written, not the
        # card's title slide (which has no note field).
        card = selectors.card_by_slug(phase, card_slug)
        of_card = [i for i, s in enumerate(slides) if s["card"] == card]
        start = of_card[1] if len(of_card) > 1 else of_card[0]
    notes = dict(
        Note.objects.filter(notebook=notebook, question__in=questions).values_list(
            "question_id", "text"
        )
    )
    for question in questions:
        question.note_text = notes.get(question.pk, "")
    may_write = may_write_notebook(request.user, notebook)
    index = phases.index(phase)
    return render(
        request,
        "toolkit/meeting.html",
        {
            "notebook": notebook,
            "phase": phase,
            "slides": slides,
            "questions": questions,
            "start": start,
            "may_write": may_write,
            "next_phase": phases[index + 1] if index + 1 < len(phases) else None,
            "question_total": len(questions),
        },
    )


@require_POST
def save_note(request: HttpRequest, notebook_id: int, question_id: int) -> HttpResponse:
    # Never a redirect to the login page: htmx would follow it and take the page for a success,
    # and the browser would forget text that was never saved.
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    notebook = get_notebook_for(request.user, notebook_id, write=True)
    question = get_object_or_404(
        selectors.visible_questions(_notebook_paths(notebook, request.user)),
        pk=question_id,
        card__phase__toolkit=notebook.toolkit,
    )
    form = NoteForm(request.POST)
    if not form.is_valid():
        response = render(
            request, "toolkit/meeting.html#note_status", {"errors": form.errors["text"]}
        )
        response.status_code = 422
        return response
    services.save_note(
        notebook=notebook, question=question, text=form.cleaned_data["text"], by=request.user
    )
    return render(request, "toolkit/meeting.html#note_status", {"saved_at": timezone.now()})


@login_required
def own_content(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_organisation_for(request.user, organisation_id)
    if not may_manage_own_content(request.user, organisation):
        raise PermissionDenied
    variant = request.GET.get("variant") or request.POST.get("variant") or DEFAULT_VARIANT
    if variant not in Toolkit.Variant.values:
        variant = DEFAULT_VARIANT
    toolkit = selectors.current_toolkit(variant)
    phases = selectors.phases_with_cards(toolkit, selectors.ancestor_paths(organisation.path))
    cards = [card for phase in phases for card in phase.cards.all()]
    question_form = OwnQuestionForm(cards=cards, prefix="question")
    card_form = OwnCardForm(phases=phases, prefix="card")
    if request.method == "POST":
        if "question-text" in request.POST:
            question_form = OwnQuestionForm(request.POST, cards=cards, prefix="question")
            if question_form.is_valid():
                services.add_own_question(
                    organisation=organisation,
                    card=question_form.cleaned_data["card"],
                    text=question_form.cleaned_data["text"],
                    by=request.user,
                )
                return redirect(f"{request.path}?variant={variant}&added=question")
        else:
            card_form = OwnCardForm(request.POST, phases=phases, prefix="card")
            if card_form.is_valid():
                services.add_own_card(
                    organisation=organisation,
                    phase=card_form.cleaned_data["phase"],
                    title=card_form.cleaned_data["title"],
                    questions=card_form.cleaned_data["questions"],
                    by=request.user,
                )
                return redirect(f"{request.path}?variant={variant}&added=card")
    return render(
        request,
        "toolkit/own_content.html",
        {
            "organisation": organisation,
            "toolkit": toolkit,
            "phases": phases,
            "variant": variant,
            "variants": _variants(variant),
            "question_form": question_form,
            "card_form": card_form,
            "added": request.GET.get("added"),
            "own_count": sum(
                1
                for card in cards
                for question in card.questions.all()
                if question.organisation_id == organisation.pk
            ),
        },
    )


@login_required
@require_POST
def remove_own_question(request: HttpRequest, organisation_id: int, question_id: int):
    organisation = get_organisation_for(request.user, organisation_id)
    if not may_manage_own_content(request.user, organisation):
        raise PermissionDenied
    question = get_object_or_404(Question, pk=question_id, organisation=organisation)
    services.remove_own_question(question=question, by=request.user)
    return redirect("toolkit:own_content", organisation_id=organisation.pk)


@login_required
@require_POST
def remove_own_card(request: HttpRequest, organisation_id: int, card_id: int):
    organisation = get_organisation_for(request.user, organisation_id)
    if not may_manage_own_content(request.user, organisation):
        raise PermissionDenied
    card = get_object_or_404(Card, pk=card_id, organisation=organisation)
    services.remove_own_card(card=card, by=request.user)
    return redirect("toolkit:own_content", organisation_id=organisation.pk)


def cards_pdf(request: HttpRequest, variant: str) -> HttpResponse:
    toolkit, phases = _tool(request, variant)
    return _pdf(pdf.cards_pdf(toolkit, phases), f"dialogkort-{toolkit.slug}.pdf")


def poster_pdf(request: HttpRequest, variant: str) -> HttpResponse:
    toolkit, phases = _tool(request, variant)
    return _pdf(pdf.poster_pdf(toolkit, phases), f"plakat-{toolkit.slug}.pdf")


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
