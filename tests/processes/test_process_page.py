import pytest
from django.urls import reverse

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.processes.models import Outcome
from kompetencedialog.processes.services import send_plan
from kompetencedialog.toolkit.models import Card, Note
from tests.conftest import client_for
from tests.factories import make_process
from tests.processes.helpers import fill


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution, challenge="Uro i overgangene")


def test_the_process_page_shows_phases_cards_and_plan_status(process, world):
    card = Card.objects.get(slug="investigate-1")
    Note.objects.create(notebook=process.notebook, question=card.questions.first(), text="Noget")
    fill(process, owner=world.leader)
    process.outcomes.filter(kind="challenge").update(card=card)
    content = client_for(world.leader).get(reverse("processes:detail", args=[process.pk]))
    text = content.content.decode()
    assert "Undersøgelse" in text and "Kompetenceindsats" in text and "Planlægning" in text
    assert "1 af 2 spørgsmål har noter" in text
    assert "1 resultat" in text
    assert "Udkast" in text
    assert "Book PPR 0" in text  # an open action
    send_plan(process=process, by=world.leader)
    text = client_for(world.leader).get(reverse("processes:detail", args=[process.pk]))
    assert "Sendt til forvaltningen" in text.content.decode()
    assert "version 1" in text.content.decode()


def test_moving_to_the_next_phase_is_audited(process, world):
    client = client_for(world.leader)
    response = client.post(
        reverse("processes:change_phase", args=[process.pk]), {"phase": "intervene"}
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.phase == "intervene"
    entry = AuditEntry.objects.get(action="process.phase.changed")
    assert entry.data == {"before": "investigate", "after": "intervene"}


def test_an_unknown_phase_changes_nothing(process, world):
    client_for(world.leader).post(
        reverse("processes:change_phase", args=[process.pk]), {"phase": "x"}
    )
    process.refresh_from_db()
    assert process.phase == "investigate"


def test_staff_may_not_change_the_phase(process, world):
    response = client_for(world.staff).post(
        reverse("processes:change_phase", args=[process.pk]), {"phase": "plan"}
    )
    assert response.status_code == 403


def test_an_outsider_gets_404(process, world):
    client = client_for(world.outsider)
    assert client.get(reverse("processes:detail", args=[process.pk])).status_code == 404
    url = reverse("processes:card", args=[process.pk, "investigate", "investigate-1"])
    assert client.get(url).status_code == 404


def test_the_list_shows_my_processes_and_teaches_when_empty(world, toolkit):
    client = client_for(world.leader)
    text = client.get(reverse("processes:list")).content.decode()
    assert "Ingen forløb endnu" in text and "Start et nyt forløb" in text
    make_process(world.institution, title="Sprog i hverdagen")
    make_process(world.other_institution, title="Naboens forløb")
    text = client.get(reverse("processes:list")).content.decode()
    assert "Sprog i hverdagen" in text and "Naboens forløb" not in text


#: session, person, memberships, process, phases, cards, notes per card, outcomes per card,
#: latest version, goals; the live meetings panel: recent meetings and (for a leader) the people
#: appointed to run them; the follow-up panel: open actions, markers and decisions, the next
#: follow-up meeting; the courses panel: the enrolments that became interventions here;
#: the practice example panel: the examples drafted from the process.
QUERIES_PROCESS_PAGE = 16


@pytest.mark.parametrize("count", [5, 500])
def test_the_process_page_uses_a_constant_number_of_queries(
    process, world, count, django_assert_num_queries
):
    fill(process, count=max(1, count // 12), owner=world.leader)
    client = client_for(world.leader)
    client.get(reverse("processes:detail", args=[process.pk]))
    with django_assert_num_queries(QUERIES_PROCESS_PAGE):
        response = client.get(reverse("processes:detail", args=[process.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 500])
def test_a_card_page_uses_a_constant_number_of_queries(
    process, world, count, django_assert_num_queries
):
    fill(process, count=max(1, count // 12), owner=world.leader)
    client = client_for(world.leader)
    url = reverse("processes:card", args=[process.pk, "plan", "plan-2"])
    client.get(url)
    # session, person, memberships, process, phases, cards, questions, notes, outcomes, the
    # competences interventions address, and one list of people per form with an owner field.
    with django_assert_num_queries(13):
        response = client.get(url)
    assert response.status_code == 200


def test_staff_see_a_card_with_its_outcomes_but_no_forms(process, world):
    Outcome.objects.create(process=process, kind="challenge", text="Uro ved frokost")
    url = reverse("processes:card", args=[process.pk, "investigate", "investigate-1"])
    text = client_for(world.staff).get(url).content.decode()
    assert "Uro ved frokost" in text
    assert "tilfoej" not in text and "Redigér" not in text


@pytest.mark.parametrize("count", [2, 40])
def test_the_list_uses_a_constant_number_of_queries(
    world, toolkit, count, django_assert_num_queries
):
    for n in range(count):
        make_process(world.institution, title=f"Forløb {n}")
    client = client_for(world.leader)
    client.get(reverse("processes:list"))
    # session, person, memberships, may the person start one, the processes with their counts
    with django_assert_num_queries(5):
        assert client.get(reverse("processes:list")).status_code == 200


def test_a_leader_changes_title_challenge_and_goals(process, world):
    from tests.factories import make_goal

    goal = make_goal(world.municipality)
    other = make_goal(world.other_municipality, title="Naboens mål")
    client = client_for(world.leader)
    url = reverse("processes:edit", args=[process.pk])
    response = client.post(url, {"title": "", "goals": [other.pk]})
    text = response.content.decode()
    assert "Udfyld feltet." in text and "Vælg en af mulighederne." in text
    client.post(url, {"title": "Sprog hele dagen", "challenge": "Sprog", "goals": [goal.pk]})
    process.refresh_from_db()
    assert process.title == "Sprog hele dagen" and list(process.goals.all()) == [goal]
    assert client_for(world.staff).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
