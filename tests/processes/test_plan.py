import pytest
from django.urls import reverse

from kompetencedialog.processes.models import PlanVersion
from kompetencedialog.processes.selectors import plan_for
from kompetencedialog.processes.services import add_outcome, send_plan
from tests.conftest import client_for
from tests.factories import make_goal, make_process
from tests.processes.helpers import fill


@pytest.fixture
def process(world, toolkit):
    process = make_process(world.institution, challenge="Uro i overgangene")
    process.goals.set([make_goal(world.municipality, description="Trivsel for alle")])
    return process


def test_the_plan_puts_every_kind_in_its_section(process, world):
    fill(process, owner=world.leader)
    plan = plan_for(process)
    sections = {s["key"]: [item["text"] for item in s["items"]] for s in plan["sections"]}
    assert sections["goals"] == ["Alle børn skal trives"]
    assert sections["challenges"] == ["Uro ved frokost 0"]
    assert sections["competences_existing"] == ["Sprogarbejde 0"]
    assert sections["competences_needed"] == ["Konflikthåndtering 0"]
    assert sections["interventions"] == ["Kollegial sparring 0"]
    assert sections["actions"] == ["Book PPR 0"]
    assert plan["process"]["municipality"] == "Eksempel Kommune"
    resource = next(s for s in plan["sections"] if s["key"] == "resources")["items"][0]
    assert ["Beløb", "12.500 kr."] in resource["fields"]


def test_sending_freezes_numbered_versions_with_what_changed(process, world):
    first = send_plan(process=process, by=world.leader)
    assert first.number == 1 and first.sent_by == world.leader
    add_outcome(process=process, by=world.leader, kind="challenge", text="Larm i garderoben")
    second = send_plan(process=process, by=world.leader, message="Nu med udfordringen")
    assert second.number == 2
    assert second.changes == [
        {
            "section": "Udfordringen",
            "key": "challenges",
            "added": ["Larm i garderoben"],
            "removed": [],
            "changed": [],
        }
    ]
    # The version keeps what was sent, even when the plan changes afterwards.
    process.outcomes.all().delete()
    assert PlanVersion.objects.get(pk=second.pk).content["sections"][1]["items"][0]["text"] == (
        "Larm i garderoben"
    )


def test_the_plan_page_shows_the_plan_and_its_versions(process, world):
    fill(process)
    send_plan(process=process, by=world.leader)
    response = client_for(world.leader).get(reverse("processes:plan", args=[process.pk]))
    content = response.content.decode()
    assert "Uro ved frokost 0" in content
    assert "Version 1" in content
    assert "Send til forvaltningen" in content


def test_staff_read_the_plan_but_cannot_send_it(process, world):
    client = client_for(world.staff)
    assert client.get(reverse("processes:plan", args=[process.pk])).status_code == 200
    response = client.post(reverse("processes:send_plan", args=[process.pk]))
    assert response.status_code == 403
    assert not PlanVersion.objects.exists()


def test_an_outsider_gets_404_for_the_plan_and_its_files(process, world):
    client = client_for(world.outsider)
    for name in ("processes:plan", "processes:plan_pdf", "processes:plan_docx"):
        assert client.get(reverse(name, args=[process.pk])).status_code == 404


@pytest.mark.parametrize("count", [5, 500])
def test_the_plan_page_uses_a_constant_number_of_queries(
    process, world, count, django_assert_num_queries
):
    fill(process, count=max(1, count // 12), owner=world.leader)
    send_plan(process=process, by=world.leader)
    client = client_for(world.leader)
    client.get(reverse("processes:plan", args=[process.pk]))  # warm the session
    with django_assert_num_queries(QUERIES_PLAN_PAGE):
        response = client.get(reverse("processes:plan", args=[process.pk]))
    assert response.status_code == 200


#: session, person, memberships, process, organisations above, goals, outcomes, the competences
#: interventions address, latest version, version history; the follow-up part: markers, their
#: check-ins, the course changes.
QUERIES_PLAN_PAGE = 13


def test_a_version_has_its_page_and_files(process, world):
    fill(process)
    version = send_plan(process=process, by=world.leader, message="Første udgave")
    client = client_for(world.administration)
    args = [process.pk, version.pk]
    page = client.get(reverse("processes:version", args=args)).content.decode()
    assert "Første udgave" in page and "Uro ved frokost 0" in page
    pdf = client.get(reverse("processes:version_pdf", args=args))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    docx = client.get(reverse("processes:version_docx", args=args))
    assert docx.content.startswith(b"PK")


def test_a_version_of_another_process_is_404(process, world):
    other = make_process(world.institution, title="Andet forløb")
    version = send_plan(process=other, by=world.leader)
    client = client_for(world.leader)
    assert (
        client.get(reverse("processes:version", args=[process.pk, version.pk])).status_code == 404
    )
    outsider = client_for(world.outsider)
    assert (
        outsider.get(reverse("processes:version", args=[other.pk, version.pk])).status_code == 404
    )


def test_a_message_over_2000_characters_is_refused_like_in_every_other_form(process, world):
    response = client_for(world.leader).post(
        reverse("processes:send_plan", args=[process.pk]), {"message": "x" * 2001}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Noget skal rettes" in page
    assert "Skriv højst 2000 tegn (du skrev 2001)." in page
    assert not PlanVersion.objects.exists()


def test_sending_an_unchanged_plan_again_is_refused_and_saves_nothing(process, world):
    client = client_for(world.leader)
    send = reverse("processes:send_plan", args=[process.pk])
    assert client.post(send, {"message": "Første"}).status_code == 302
    response = client.post(send, {"message": "Igen"})
    assert response.status_code == 422
    assert "Intet er ændret siden version 1 blev sendt." in response.content.decode()
    assert PlanVersion.objects.count() == 1
    add_outcome(process=process, by=world.leader, kind="challenge", text="Larm i garderoben")
    assert client.post(send).status_code == 302
    assert PlanVersion.objects.count() == 2


def test_above_the_institution_the_plan_is_read_only_as_sent_and_only_when_shared(process, world):
    fill(process)
    administration = client_for(world.administration)
    plan_url = reverse("processes:plan", args=[process.pk])
    for name in ("processes:detail", "processes:plan", "processes:plan_pdf", "processes:edit"):
        assert administration.get(reverse(name, args=[process.pk])).status_code == 403
    send_plan(process=process, by=world.leader)
    add_outcome(process=process, by=world.leader, kind="challenge", text="Skrevet bagefter")
    page = administration.get(plan_url).content.decode()
    assert "Uro ved frokost 0" in page and "Skrevet bagefter" not in page
    assert "Planen, som den blev sendt" in page
    assert administration.get(reverse("processes:detail", args=[process.pk])).status_code == 403
    process.plan_visibility = "numbers"
    process.save()
    assert administration.get(plan_url).status_code == 403
    assert "Skrevet bagefter" in client_for(world.leader).get(plan_url).content.decode()
