"""Reads for the library and the example pages, in a fixed number of queries."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from kompetencedialog.examples.access import examples_for
from kompetencedialog.examples.models import PracticeExample
from kompetencedialog.organisations.models import Organisation
from kompetencedialog.processes.models import CompetenceArea

#: The fields a free-text search looks in.
SEARCHED_FIELDS = (
    "title",
    "organisation__name",
    *(name for name, _heading in PracticeExample.SECTIONS),
    "contact_name",
)


def search(queryset: QuerySet[PracticeExample], text: str) -> QuerySet[PracticeExample]:
    """Examples that contain every word of ``text`` somewhere (case-insensitive).

    ``icontains`` works alike on SQLite and PostgreSQL; the library is small enough (a few
    thousand examples at national scale) for that to answer quickly.
    """
    for word in text.split():
        condition = Q()
        for field in SEARCHED_FIELDS:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def library(
    user,
    *,
    text: str = "",
    area: CompetenceArea | None = None,
    institution_type: str = "",
    municipality: Organisation | None = None,
) -> QuerySet[PracticeExample]:
    """The examples the person may read that match the filters, newest first."""
    examples = examples_for(user)
    if text:
        examples = search(examples, text)
    if area is not None:
        examples = examples.filter(competence_areas=area)
    if institution_type:
        examples = examples.filter(institution_type=institution_type)
    if municipality is not None:
        examples = examples.filter(organisation__path__startswith=municipality.path)
    return (
        examples.select_related("organisation")
        .prefetch_related("competence_areas")
        .order_by("-date", "-id")
    )


def municipalities_with_examples(user) -> QuerySet[Organisation]:
    """The top-level organisations that own an example the person may read: one query."""
    owned = examples_for(user).filter(organisation__path__startswith=OuterRef("path"))
    return Organisation.objects.filter(parent=None).filter(Exists(owned)).order_by("name")


def with_municipality_names(examples: list[PracticeExample]) -> list[PracticeExample]:
    """Sets ``municipality_name`` on each example (its top organisation's name): one query."""
    top_ids = {example.organisation.top_id for example in examples}
    names = dict(Organisation.objects.filter(pk__in=top_ids).values_list("pk", "name"))
    for example in examples:
        example.municipality_name = names.get(example.organisation.top_id, "")
    return examples


def from_process(user, process) -> QuerySet[PracticeExample]:
    """The examples drafted from a process that the person may read (for the process page)."""
    return examples_for(user).filter(process=process).order_by("-created")
