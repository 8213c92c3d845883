"""Everything a toolkit page needs, in a fixed number of queries whatever the data size."""

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from kompetencedialog.organisations.access import memberships
from kompetencedialog.toolkit.models import Card, Phase, Question, Toolkit

# The published original first, then an organisation's own (NULL sorts last on PostgreSQL).
ORIGINAL_FIRST = F("organisation_id").asc(nulls_first=True)


def current_toolkit(variant: str) -> Toolkit:
    toolkit = Toolkit.objects.filter(variant=variant, is_current=True).first()
    if toolkit is None:
        raise Http404
    return toolkit


def ancestor_paths(path: str) -> list[str]:
    """ "/1/4/9/" → ["/1/", "/1/4/", "/1/4/9/"]: the organisations whose own content shows here."""
    parts = path.strip("/").split("/") if path else []
    return [f"/{'/'.join(parts[: i + 1])}/" for i in range(len(parts))]


def paths_for_user(user) -> list[str]:
    """An organisation's own questions show to its whole subtree: the person's organisations and
    everything above them."""
    return sorted({p for path, _role in memberships(user) for p in ancestor_paths(path)})


def _visible(paths: list[str]) -> Q:
    return Q(organisation=None) | Q(organisation__path__in=paths)


def visible_questions(paths: list[str]) -> QuerySet[Question]:
    return Question.objects.filter(_visible(paths)).order_by(ORIGINAL_FIRST, "position", "pk")


def visible_cards(paths: list[str]) -> QuerySet[Card]:
    return (
        Card.objects.filter(_visible(paths))
        .select_related("organisation")
        .order_by(ORIGINAL_FIRST, "position", "pk")
    )


def cards_for(toolkit_id: int, organisation_path: str) -> QuerySet[Card]:
    """The toolkit's cards an organisation may use: the originals and the own cards of the
    organisation and of those above it, never another organisation's."""
    return visible_cards(ancestor_paths(organisation_path)).filter(phase__toolkit_id=toolkit_id)


def phases_with_cards(toolkit: Toolkit, paths: list[str] = ()) -> list[Phase]:
    """The phases in order, each with its cards and their questions (the original ones first,
    then the ones added by the organisations in ``paths``). Three queries."""
    paths = list(paths)
    cards = visible_cards(paths).prefetch_related(
        Prefetch("questions", queryset=visible_questions(paths).select_related("organisation"))
    )
    return list(
        Phase.objects.filter(toolkit=toolkit)
        .order_by("position")
        .prefetch_related(Prefetch("cards", queryset=cards))
    )


def phase_by_key(phases: list[Phase], key: str) -> Phase:
    for phase in phases:
        if phase.key == key:
            return phase
    raise Http404


def card_by_slug(phase: Phase, slug: str) -> Card:
    for card in phase.cards.all():
        if card.slug == slug:
            return card
    raise Http404
