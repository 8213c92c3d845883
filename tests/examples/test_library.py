"""The library: free-text search, filters, pages, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompetencedialog.processes.models import CompetenceArea
from tests.conftest import client_for
from tests.factories import make_example, make_organisation


@pytest.fixture
def library(world):
    play = CompetenceArea.objects.get(slug="play")
    language = CompetenceArea.objects.get(slug="language")
    legeguider = make_example(
        world.institution,
        title="Legeguider på legepladsen",
        experiences="Faste LEGEGUIDER hver formiddag virker.",
        institution_type="daycare",
    )
    legeguider.competence_areas.set([play])
    sprog = make_example(
        world.other_institution,
        title="Sprog i garderoben",
        context="Mange børn med dansk som andetsprog.",
        institution_type="daycare",
    )
    sprog.competence_areas.set([language])
    skole = make_example(
        world.other_municipality, title="Overgang til skole", institution_type="school"
    )
    hidden = make_example(world.other_institution, title="Hemmelig kladde", published=False)
    return {"legeguider": legeguider, "sprog": sprog, "skole": skole, "hidden": hidden}


def titles(response) -> list[str]:
    return [example.title for example in response.context["page"].object_list]


def test_the_library_lists_published_examples_from_every_municipality(world, library):
    response = client_for(world.leader).get(reverse("examples:library"))
    assert response.status_code == 200
    assert set(titles(response)) == {
        "Legeguider på legepladsen",
        "Sprog i garderoben",
        "Overgang til skole",
    }


def test_a_municipalitys_own_drafts_are_listed_for_it_alone(world, library):
    own = make_example(world.institution, title="Vores kladde", published=False)
    assert own.title in titles(client_for(world.staff).get(reverse("examples:library")))
    outsider = titles(client_for(world.outsider).get(reverse("examples:library")))
    assert own.title not in outsider
    assert "Hemmelig kladde" in outsider  # Nabo Børnehus's own draft


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("legeguider", ["Legeguider på legepladsen"]),  # title and section, any case
        ("andetsprog", ["Sprog i garderoben"]),  # a section only
        ("Nabo", ["Overgang til skole", "Sprog i garderoben"]),  # the organisation's name
        ("garderoben andetsprog", ["Sprog i garderoben"]),  # every word must match
        ("garderoben legepladsen", []),
        ("Hemmelig", []),  # another municipality's draft is never found
    ],
)
def test_search_finds_words_anywhere_in_an_example(world, library, query, expected):
    response = client_for(world.leader).get(reverse("examples:library"), {"q": query})
    assert sorted(titles(response)) == expected


def test_filters_by_area_type_and_municipality(world, library):
    client = client_for(world.leader)
    url = reverse("examples:library")
    assert titles(client.get(url, {"area": "play"})) == ["Legeguider på legepladsen"]
    assert titles(client.get(url, {"institution_type": "school"})) == ["Overgang til skole"]
    nabo = client.get(url, {"municipality": world.other_municipality.pk})
    assert sorted(titles(nabo)) == ["Overgang til skole", "Sprog i garderoben"]
    both = client.get(url, {"municipality": world.other_municipality.pk, "area": "language"})
    assert titles(both) == ["Sprog i garderoben"]


def test_the_municipality_filter_offers_only_municipalities_with_examples(world, library):
    make_organisation("Tom Kommune", kind="municipality")
    response = client_for(world.leader).get(reverse("examples:library"))
    offered = [str(m) for m in response.context["form"].fields["municipality"].queryset]
    assert offered == ["Eksempel Kommune", "Nabo Kommune"]


@pytest.mark.parametrize(
    "params",
    [
        {"area": "no-such-area"},
        {"institution_type": "castle"},
        {"municipality": "abc"},
        {"municipality": "999999"},
        {"side": "many"},
        {"q": "x" * 500},
    ],
)
def test_nonsense_in_the_address_shows_the_library_not_an_error(world, library, params):
    response = client_for(world.leader).get(reverse("examples:library"), params)
    assert response.status_code == 200


def test_pages_keep_the_search(world):
    for number in range(25):
        make_example(world.institution, title=f"Eksempel {number}", institution_type="daycare")
    client = client_for(world.leader)
    first = client.get(reverse("examples:library"), {"institution_type": "daycare"})
    assert len(titles(first)) == 20
    assert "institution_type=daycare&amp;side=2" in first.content.decode()
    second = client.get(reverse("examples:library"), {"institution_type": "daycare", "side": 2})
    assert len(titles(second)) == 5


def test_the_library_query_count_does_not_grow_with_the_examples(world):
    client = client_for(world.leader)
    url = reverse("examples:library")
    params = {"q": "sprog", "area": "language", "municipality": world.municipality.pk}
    areas = list(CompetenceArea.objects.filter(slug__in=["language", "play", "learning"]))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    example = make_example(world.institution, title="Sprog 1")
    example.competence_areas.set(areas)
    few = count()
    for number in range(15):
        organisation = make_organisation(f"Børnehus {number}", parent=world.area)
        example = make_example(organisation, title=f"Sprog {number + 2}")
        example.competence_areas.set(areas)
    many = count()
    assert len(client.get(url, params).context["page"].object_list) == 16
    # session, person, memberships, area filter, municipality filter, count, examples, their
    # areas, municipality names, may write, and the two filters' choices
    assert many == few == 12
