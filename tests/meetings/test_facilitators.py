"""A process's leaders appoint others to run its meetings; an appointed facilitator runs them
and nothing else."""

import asyncio

import pytest

from kompetencedialog.meetings.models import Facilitator, Meeting
from kompetencedialog.meetings.services import appoint_facilitator, open_meeting
from kompetencedialog.organisations.models import Membership
from kompetencedialog.organisations.services import anonymise_person
from tests.conftest import client_for
from tests.factories import make_member
from tests.meetings.live import join


def test_a_leader_appoints_a_pedagogue_who_then_runs_a_meeting(process, world):
    leader = client_for(world.leader)
    page = leader.get(f"/forloeb/{process.pk}/")
    assert "Vælg, hvem der ellers må lede møderne" in page.content.decode()
    form = leader.get(f"/moeder/moedeledere/{process.pk}/").content.decode()
    assert f'name="user" value="{world.staff.pk}"' in form and "Niels Nabo" not in form

    response = leader.post(f"/moeder/moedeledere/{process.pk}/", {"user": world.staff.pk})
    assert response.status_code == 302
    page = leader.get(response.url).content.decode()
    assert "Per Pædagog må nu lede møderne." in page
    assert (
        "Leder også møderne: Per Pædagog" in leader.get(f"/forloeb/{process.pk}/").content.decode()
    )

    staff = client_for(world.staff)
    assert "Åbn et dialogmøde" in staff.get(f"/forloeb/{process.pk}/").content.decode()
    opened = staff.post(
        f"/moeder/nyt/{process.pk}/",
        {
            "phase": "investigate",
            "naming": "optional",
            "countdown_seconds": 0,
            "dots_per_person": 3,
            "groups": 0,
        },
    )
    meeting = Meeting.objects.get(process=process)
    assert opened.url == f"/moeder/{meeting.pk}/"
    assert staff.get(opened.url).status_code == 200
    assert staff.get(f"/moeder/{meeting.pk}/projektor/").status_code == 200
    # Running meetings is all: the process itself is still the leaders'.
    assert staff.get(f"/forloeb/{process.pk}/ret/").status_code == 403
    assert staff.get(f"/moeder/moedeledere/{process.pk}/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_an_appointed_facilitator_has_facilitator_rights_in_the_live_meeting(process, world):
    meeting = open_meeting(process=process, by=world.leader, phase="investigate")

    async def check(expected: bool):
        communicator, state = await join(meeting.code, world.staff)
        assert state["facilitator"] is expected
        await communicator.disconnect()

    asyncio.run(check(False))
    appoint_facilitator(process=process, by=world.leader, user=world.staff)
    asyncio.run(check(True))


def test_the_api_lets_an_appointed_facilitator_open_a_meeting(process, world):
    url = f"/api/v1/processes/{process.pk}/meetings/"
    staff = client_for(world.staff)
    assert staff.post(url, {}, content_type="application/json").status_code == 403
    appoint_facilitator(process=process, by=world.leader, user=world.staff)
    assert staff.post(url, {}, content_type="application/json").status_code == 201


def test_a_dismissed_facilitator_can_no_longer_open_meetings(process, world):
    facilitator = appoint_facilitator(process=process, by=world.leader, user=world.staff)
    response = client_for(world.leader).post(
        f"/moeder/moedeledere/{process.pk}/", {"dismiss": facilitator.pk}
    )
    assert response.status_code == 302
    assert not Facilitator.objects.exists()
    assert client_for(world.staff).get(f"/moeder/nyt/{process.pk}/").status_code == 403


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Vælg den person, der skal lede møderne."),
        ({"user": "abc"}, "Vælg en person fra listen."),
        ({"user": "OUTSIDER"}, "Vælg en person fra listen."),
    ],
)
def test_appointing_someone_wrong_says_what_to_fix_and_saves_nothing(process, world, data, error):
    if data.get("user") == "OUTSIDER":
        data = {"user": world.outsider.pk}
    response = client_for(world.leader).post(f"/moeder/moedeledere/{process.pk}/", data)
    assert response.status_code == 422
    assert error in response.content.decode()
    assert not Facilitator.objects.exists()


def test_only_people_who_can_see_the_process_can_be_appointed(process, world):
    below = make_member(world.team, Membership.Role.STAFF, "bi@eksempel.test", name="Bi Team")
    with pytest.raises(Exception, match="Vælg en i Børnehuset Solsikken"):
        appoint_facilitator(process=process, by=world.leader, user=below)
    appoint_facilitator(process=process, by=world.leader, user=world.administration)


def test_dismissing_another_process_s_facilitator_is_not_found(process, world, toolkit):
    from tests.factories import make_process

    other = make_process(world.institution, toolkit=toolkit, title="Andet forløb")
    facilitator = appoint_facilitator(process=other, by=world.leader, user=world.staff)
    response = client_for(world.leader).post(
        f"/moeder/moedeledere/{process.pk}/", {"dismiss": facilitator.pk}
    )
    assert response.status_code == 404
    assert Facilitator.objects.filter(pk=facilitator.pk).exists()


def test_a_person_who_leaves_runs_no_more_meetings(process, world):
    appoint_facilitator(process=process, by=world.leader, user=world.staff)
    anonymise_person(person=world.staff, by=world.staff)
    assert not Facilitator.objects.exists()
