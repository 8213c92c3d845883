"""The dialogue tool, public: ``GET /api/v1/toolkits/`` and ``GET /api/v1/toolkits/{slug}/``.

The published originals only; an organisation's own questions stay with the organisation.
``?lang=en`` gives the English translation.
"""

from django.http import Http404
from django.utils import translation
from ninja import Router, Schema

from kompetencedialog.api.errors import answers
from kompetencedialog.api.pagination import Page, paginate
from kompetencedialog.api.types import one_of
from kompetencedialog.toolkit.models import Phase, Toolkit
from kompetencedialog.toolkit.selectors import phases_with_cards

router = Router(tags=["toolkits"])


class ToolkitSummary(Schema):
    slug: str
    variant: one_of(Toolkit.Variant)
    version: str
    language: str
    title: str
    is_current: bool


class ToolkitList(Page):
    items: list[ToolkitSummary]


class QuestionOut(Schema):
    id: int
    text: str


class CardOut(Schema):
    slug: str
    title: str
    questions: list[QuestionOut]
    examples: list[str]


class SectionOut(Schema):
    heading: str
    text: str


class PhaseOut(Schema):
    key: one_of(Phase.Key)
    number: int
    title: str
    question: str
    colour: one_of(Phase.Colour)
    intro: str
    sections: list[SectionOut]
    central_questions: list[str]
    cards: list[CardOut]


class ToolkitDetail(ToolkitSummary):
    intro: str
    sections: list[SectionOut]
    phases: list[PhaseOut]


def _language(lang: str | None) -> str:
    return "en" if lang == "en" else "da"


def _summary(toolkit: Toolkit, language: str) -> dict:
    return {
        "slug": toolkit.slug,
        "variant": toolkit.variant,
        "version": toolkit.version,
        "language": language,
        "title": toolkit.title_i18n,
        "is_current": toolkit.is_current,
    }


@router.get("/", response=ToolkitList, auth=None, summary="The toolkit versions")
def list_toolkits(request, lang: str | None = None):
    language = _language(lang)
    with translation.override(language):
        return paginate(
            request,
            Toolkit.objects.order_by("variant", "-version"),
            lambda t: _summary(t, language),
        )


@router.get(
    "/{slug}/",
    response=answers({200: ToolkitDetail}, 404),
    auth=None,
    summary="One toolkit with its cards",
)
def get_toolkit(request, slug: str, lang: str | None = None):
    toolkit = Toolkit.objects.filter(slug=slug).first()
    if toolkit is None:
        raise Http404
    language = _language(lang)
    with translation.override(language):
        phases = phases_with_cards(toolkit)
        return {
            **_summary(toolkit, language),
            "intro": toolkit.intro_i18n,
            "sections": toolkit.sections_i18n,
            "phases": [
                {
                    "key": phase.key,
                    "number": phase.number,
                    "title": phase.title_i18n,
                    "question": phase.question_i18n,
                    "colour": phase.colour,
                    "intro": phase.intro_i18n,
                    "sections": phase.sections_i18n,
                    "central_questions": phase.central_questions_i18n,
                    "cards": [
                        {
                            "slug": card.slug,
                            "title": card.title_i18n,
                            "questions": [
                                {"id": q.pk, "text": q.text_i18n} for q in card.questions.all()
                            ],
                            "examples": card.examples_i18n,
                        }
                        for card in phase.cards.all()
                    ],
                }
                for phase in phases
            ],
        }
