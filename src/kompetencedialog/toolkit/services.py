"""Changes to notebooks and to an organisation's own questions and cards.

Each function is one transaction and leaves one audit entry. The published toolkit is never
changed here: an organisation's additions are rows of their own, pointing at the original.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kompetencedialog.core.audit import log_action
from kompetencedialog.lib.text import transliterate_danish
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.toolkit.models import Card, Note, Notebook, Phase, Question, Toolkit


@transaction.atomic
def start_practice(*, toolkit: Toolkit, by) -> Notebook:
    """A stand-alone practice session: a notebook of the person's own."""
    notebook = Notebook.objects.create(toolkit=toolkit, owner=by, title=_("Try the dialogue tool"))
    log_action(by, "toolkit.notebook.created", notebook, {"toolkit": toolkit.slug})
    return notebook


@transaction.atomic
def save_note(*, notebook: Notebook, question: Question, text: str, by) -> Note:
    note, created = Note.objects.select_for_update().get_or_create(
        notebook=notebook, question=question, defaults={"text": text, "updated_by": by}
    )
    if not created and note.text != text:
        note.text = text
        note.updated_by = by
        note.save(update_fields=["text", "updated_by", "updated"])
    # The text itself is the group's; the audit trail records who wrote, not what.
    log_action(
        by,
        "toolkit.note.saved",
        notebook,
        {"question": question.pk, "length": len(text), "created": created},
    )
    return note


@transaction.atomic
def add_own_question(*, organisation: Organisation, card: Card, text: str, by) -> Question:
    position = (card.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = Question.objects.create(
        card=card, organisation=organisation, position=position, text=text
    )
    log_action(by, "toolkit.own_question.added", organisation, {"question": question.pk})
    return question


@transaction.atomic
def add_own_card(
    *, organisation: Organisation, phase: Phase, title: str, questions: list[str], by
) -> Card:
    position = (phase.cards.aggregate(m=Max("position"))["m"] or 0) + 1
    base = f"{organisation.pk}-{slugify(transliterate_danish(title))[:60] or 'kort'}"
    slug, n = base, 1
    while Card.objects.filter(phase=phase, slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    card = Card.objects.create(
        phase=phase, organisation=organisation, slug=slug, position=position, title=title
    )
    for number, text in enumerate(questions, start=1):
        Question.objects.create(card=card, organisation=organisation, position=number, text=text)
    log_action(by, "toolkit.own_card.added", organisation, {"card": card.pk, "title": title})
    return card


@transaction.atomic
def remove_own_question(*, question: Question, by) -> None:
    organisation = question.organisation
    log_action(by, "toolkit.own_question.removed", organisation, {"text": question.text})
    question.delete()


@transaction.atomic
def remove_own_card(*, card: Card, by) -> None:
    organisation = card.organisation
    log_action(by, "toolkit.own_card.removed", organisation, {"title": card.title})
    card.delete()
