"""Every form refuses bad input next to the field, in Danish, keeps the input, saves nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.processes.models import Goal, Outcome, Process
from tests.conftest import client_for
from tests.factories import make_goal, make_member, make_process


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution)


def add_url(process, phase, slug, kind):
    return reverse("processes:add_outcome", args=[process.pk, phase, slug, kind])


def test_an_outcome_is_added_from_its_card(process, world):
    response = client_for(world.leader).post(
        add_url(process, "investigate", "investigate-1", "challenge"),
        {"text": "Uro ved frokost", "who_experiences": "Børnene på Bikuben"},
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.card.slug == "investigate-1"
    assert outcome.details == {"who_experiences": "Børnene på Bikuben"}


def test_htmx_gets_the_list_back_with_the_new_outcome(process, world):
    response = client_for(world.leader).post(
        add_url(process, "investigate", "investigate-2", "competence"),
        {"text": "Sprogarbejde", "competence_status": "needed"},
        headers={"HX-Request": "true"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert text.lstrip().startswith("<section") and "Sprogarbejde" in text and "Gemt." in text


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": ""}, "text", "Udfyld feltet."),
        ({"text": "x" * 1001}, "text", "Skriv højst 1000 tegn (du skrev 1001)."),
        ({"text": "Book PPR", "due": "31-02-2027"}, "due", "Skriv datoen som dd-mm-åååå"),
        ({"text": "Book PPR", "due": "i morgen"}, "due", "Skriv datoen som dd-mm-åååå"),
        ({"text": "Book PPR", "status": "forgotten"}, "status", "Vælg en af mulighederne."),
    ],
)
def test_a_bad_action_is_refused_next_to_the_field(process, world, data, field, message):
    response = client_for(world.leader).post(
        add_url(process, "plan", "plan-2", "action"), data, headers={"HX-Request": "true"}
    )
    text = response.content.decode()
    assert message in text
    assert f'id="action-new-{field}_error"' in text
    if data["text"] and len(data["text"]) < 100:
        assert f'value="{data["text"]}"' in text  # what was typed is kept
    assert not Outcome.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_owner_the_user_cannot_see_is_refused(process, world):
    response = client_for(world.leader).post(
        add_url(process, "plan", "plan-2", "action"),
        {"text": "Book PPR", "owner": world.outsider.pk},
    )
    assert "Vælg en af mulighederne." in response.content.decode()
    assert not Outcome.objects.exists()


def test_an_owner_of_the_organisation_is_accepted(process, world):
    client_for(world.leader).post(
        add_url(process, "plan", "plan-2", "action"),
        {"text": "Book PPR", "owner": world.staff.pk, "due": "2027-03-12"},
    )
    outcome = Outcome.objects.get()
    assert outcome.owner == world.staff and str(outcome.due) == "2027-03-12"


def test_a_resource_needs_a_number(process, world):
    response = client_for(world.leader).post(
        add_url(process, "plan", "plan-2", "resource"),
        {"text": "Vikarer", "amount": "mange", "unit": "DKK"},
    )
    assert "Skriv et tal, fx 12.500 eller 12.500,50." in response.content.decode()
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("written", "amount", "shown"),
    [
        ("12.500", "12500", "12.500 kr."),
        ("12.500,50", "12500.50", "12.500,50 kr."),
        ("12 500", "12500", "12.500 kr."),
        ("12500", "12500", "12.500 kr."),
        ("12500,5", "12500.50", "12.500,50 kr."),
        ("1.250.000 kr.", "1250000", "1.250.000 kr."),
    ],
)
def test_a_resource_amount_is_read_and_shown_the_danish_way(process, world, written, amount, shown):
    client = client_for(world.leader)
    card = "plan-2"
    response = client.post(
        add_url(process, "plan", card, "resource"),
        {"text": "Kursusgebyr", "amount": written, "unit": "DKK"},
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.amount == Decimal(amount)
    page = client.get(reverse("processes:card", args=[process.pk, "plan", card]))
    assert shown in page.content.decode()


def test_a_resource_amount_with_three_decimals_is_still_refused(process, world):
    response = client_for(world.leader).post(
        add_url(process, "plan", "plan-2", "resource"),
        {"text": "Vikarer", "amount": "12,505", "unit": "DKK"},
    )
    assert "decimal" in response.content.decode()
    assert not Outcome.objects.exists()


def test_a_kind_that_does_not_belong_to_the_card_is_404(process, world):
    response = client_for(world.leader).post(
        add_url(process, "investigate", "investigate-1", "action"), {"text": "Book PPR"}
    )
    assert response.status_code == 404


def test_an_outcome_is_edited_and_deleted(process, world):
    outcome = Outcome.objects.create(process=process, kind="challenge", text="Uro")
    client = client_for(world.leader)
    args = [process.pk, "investigate", "investigate-1", outcome.pk]
    response = client.get(reverse("processes:edit_outcome", args=args))
    assert 'value="Uro"' in response.content.decode()
    client.post(reverse("processes:edit_outcome", args=args), {"text": "Uro ved frokost"})
    outcome.refresh_from_db()
    assert outcome.text == "Uro ved frokost"
    response = client.post(reverse("processes:edit_outcome", args=args), {"text": ""})
    assert "Udfyld feltet." in response.content.decode()
    outcome.refresh_from_db()
    assert outcome.text == "Uro ved frokost"
    client.post(reverse("processes:delete_outcome", args=args))
    assert not Outcome.objects.exists()


def test_an_outcome_of_another_process_is_404(process, world):
    other = make_process(world.other_institution)
    outcome = Outcome.objects.create(process=other, kind="challenge", text="Uro")
    args = [process.pk, "investigate", "investigate-1", outcome.pk]
    response = client_for(world.leader).post(reverse("processes:delete_outcome", args=args))
    assert response.status_code == 404
    assert Outcome.objects.exists()


def test_staff_cannot_add_outcomes(process, world):
    response = client_for(world.staff).post(
        add_url(process, "investigate", "investigate-1", "challenge"), {"text": "Uro"}
    )
    assert response.status_code == 403


def test_needed_competences_are_prioritised_by_drag_or_by_buttons(process, world):
    ids = [
        Outcome.objects.create(
            process=process, kind="competence", text=t, competence_status="needed", position=n
        ).pk
        for n, t in enumerate(["A", "B", "C"])
    ]
    client = client_for(world.leader)
    card = [process.pk, "investigate", "investigate-2"]
    client.post(reverse("processes:prioritise", args=card), {"order": [ids[2], ids[0], ids[1]]})
    order = list(Outcome.objects.order_by("position").values_list("text", flat=True))
    assert order == ["C", "A", "B"]
    client.post(reverse("processes:move", args=[*card, ids[1]]), {"direction": "up"})
    order = list(Outcome.objects.order_by("position").values_list("text", flat=True))
    assert order == ["C", "B", "A"]


# --- starting a process ----------------------------------------------------------------------


def test_a_leader_starts_a_process_for_everyone(world, toolkit):
    goal = make_goal(world.municipality)
    response = client_for(world.leader).post(
        reverse("processes:start"),
        {
            "organisation": world.institution.pk,
            "title": "Sprog i hverdagen",
            "challenge": "",
            "goals": [goal.pk],
            "everyone": "1",
        },
    )
    process = Process.objects.get()
    assert response.url == reverse("processes:detail", args=[process.pk])
    assert process.toolkit == toolkit and process.notebook.organisation == world.institution
    assert set(process.participants.all()) == {world.leader, world.staff}
    assert list(process.goals.all()) == [goal]


def test_a_school_starts_on_the_school_toolkit(world, toolkit):
    from tests.factories import make_organisation, make_toolkit

    school_toolkit = make_toolkit("skole")
    school = make_organisation("Nordskolen", parent=world.area, institution_type="school")
    client_for(make_member(school, "leader")).post(
        reverse("processes:start"),
        {"organisation": school.pk, "title": "Læsning", "everyone": "1"},
    )
    assert Process.objects.get().toolkit == school_toolkit


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "Udfyld feltet."),
        ({"title": "x" * 201}, "title", "Skriv højst 200 tegn"),
        ({"organisation": "other"}, "organisation", "Vælg en af mulighederne."),
        ({"goals": "other"}, "goals", "Vælg en af mulighederne."),
        ({"everyone": "0"}, "participants", "Vælg mindst én person."),
        ({"everyone": "0", "participants": "outsider"}, "participants", "Vælg en af"),
    ],
)
def test_starting_refuses_bad_input(world, toolkit, change, field, message):
    data = {"organisation": world.institution.pk, "title": "Sprog", "everyone": "1"}
    data.update(change)
    if data["organisation"] == "other":
        data["organisation"] = world.other_institution.pk
    if data.get("goals") == "other":
        data["goals"] = [make_goal(world.other_municipality).pk]
    if data.get("participants") == "outsider":
        data["participants"] = [world.outsider.pk]
    response = client_for(world.leader).post(reverse("processes:start"), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert message in text and f'id="id_{field}_error"' in text
    assert not Process.objects.exists()


def test_a_goal_of_a_sibling_organisation_is_refused(world, toolkit):
    sibling = make_member(world.area, "leader").memberships.get().organisation
    goal = make_goal(world.team)  # below the institution, not above it
    response = client_for(world.leader).post(
        reverse("processes:start"),
        {
            "organisation": world.institution.pk,
            "title": "Sprog",
            "everyone": "1",
            "goals": [goal.pk],
        },
    )
    assert "eller for organisationerne over den" in response.content.decode()
    assert sibling and not Process.objects.exists()


def test_staff_cannot_start_processes(world, toolkit):
    assert client_for(world.staff).get(reverse("processes:start")).status_code == 403


# --- goals -----------------------------------------------------------------------------------


def test_the_administration_keeps_the_municipality_goals(world):
    client = client_for(world.administration)
    response = client.post(
        reverse("processes:goals"),
        {
            "organisation": world.municipality.pk,
            "title": "Alle børn skal trives",
            "description": "Trivsel og læring",
            "period_start": "2025-01-01",
            "period_end": "2028-12-31",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert AuditEntry.objects.filter(action="goal.created").exists()
    assert (
        "Alle børn skal trives"
        in client_for(world.staff).get(reverse("processes:goals")).content.decode()
    )
    assert (
        "Alle børn skal trives"
        not in client_for(world.outsider).get(reverse("processes:goals")).content.decode()
    )
    assert (
        client_for(world.leader).get(reverse("processes:edit_goal", args=[goal.pk])).status_code
        == 403
    )
    assert (
        client_for(world.outsider).get(reverse("processes:edit_goal", args=[goal.pk])).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "Udfyld feltet."),
        ({"period_start": "2025-13-01"}, "period_start", "Skriv datoen som"),
        ({"period_end": "2024-01-01"}, "period_end", "Slutdatoen skal ligge efter startdatoen."),
        ({"organisation": "other"}, "organisation", "Vælg en af mulighederne."),
    ],
)
def test_a_bad_goal_is_refused(world, change, field, message):
    data = {
        "organisation": world.municipality.pk,
        "title": "Trivsel",
        "period_start": "2025-01-01",
        "period_end": "2028-12-31",
    }
    data.update(change)
    if data["organisation"] == "other":
        data["organisation"] = world.other_municipality.pk
    text = client_for(world.administration).post(reverse("processes:goals"), data).content.decode()
    assert message in text and f'id="id_{field}_error"' in text
    assert not Goal.objects.exists()


# --- what the administration sees ---------------------------------------------------------------


def test_the_leader_chooses_only_figures_when_starting_and_is_told_what_it_means(world, toolkit):
    client = client_for(world.leader)
    page = client.get(reverse("processes:start")).content.decode()
    assert "Forvaltningen læser hele planen, når vi sender den" in page
    assert "Forvaltningen ser kun tallene, aldrig vores tekster" in page
    assert 'value="full" class="form-radio" id="id_plan_visibility_0" checked' in page
    assert "aldrig jeres kladder" in page
    assert reverse("processes:who_sees_what") in page
    promise = client.get(reverse("processes:who_sees_what")).content.decode()
    assert "Navne vises aldrig for forvaltningen" in promise
    assert "bortset fra praksiseksempler" in promise
    client.post(
        reverse("processes:start"),
        {
            "organisation": world.institution.pk,
            "title": "Sprog",
            "everyone": "1",
            "plan_visibility": "numbers",
        },
    )
    assert Process.objects.get().plan_visibility == "numbers"


def test_a_change_of_what_the_administration_sees_is_audited_and_shown_to_it(world, toolkit):
    from kompetencedialog.processes.services import send_plan

    process = make_process(world.institution, title="Sprog")
    send_plan(process=process, by=world.leader)
    client = client_for(world.leader)
    edit = client.get(reverse("processes:edit", args=[process.pk])).content.decode()
    assert 'value="full" class="form-radio" id="id_plan_visibility_0" checked' in edit
    client.post(
        reverse("processes:edit", args=[process.pk]),
        {"title": "Sprog", "challenge": "", "plan_visibility": "numbers"},
    )
    process.refresh_from_db()
    assert process.plan_visibility == "numbers" and process.plan_visibility_changed
    entry = AuditEntry.objects.get(action="process.visibility.changed")
    assert entry.data == {"before": "full", "after": "numbers"}

    overview = client_for(world.administration)
    page = overview.get(
        reverse("overview:process", args=[world.municipality.pk, process.pk])
    ).content.decode()
    assert "Forvaltningen ser kun tallene, aldrig vores tekster" in page
    assert "indstillingen ændret" in page
    assert "Sprog" not in page.split("<main", 1)[-1].split("</main>")[0]
    plans = overview.get(
        reverse("overview:export_table", args=[world.municipality.pk, "plans", "csv"])
    ).content.decode()
    assert "Kun tallene deles." in plans and "indstillingen ændret" in plans


def test_the_administration_starts_processes_only_where_it_works_itself(world):
    """A process belongs to its organisation: someone above an institution would not see the
    drafts of a process started there, so the start form does not offer it."""
    administration = client_for(world.administration)
    page = administration.get("/forloeb/nyt/").content.decode()
    assert "Eksempel Kommune" in page and "Børnehuset Solsikken" not in page
    response = administration.post(
        "/forloeb/nyt/",
        {"organisation": world.institution.pk, "title": "Oppefra", "participation": "all"},
    )
    assert "Vælg en af mulighederne" in response.content.decode()
    assert not Process.objects.filter(title="Oppefra").exists()
