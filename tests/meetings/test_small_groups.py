"""Small groups: the room splits, each group writes on its own board, chooses what it reports
back, and the facilitator lets one group at a time report back on the projector."""

import pytest
from channels.db import database_sync_to_async

from kompetencedialog.meetings.models import Contribution, Meeting, MeetingSummary
from kompetencedialog.meetings.services import (
    end_meeting,
    join_meeting,
    meeting_questions,
    set_groups,
)
from tests.conftest import client_for
from tests.meetings.live import assert_silent, close_all, contribute, join, receive, run

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people(meeting):
    """Four phones that joined before the room was split."""
    return [join_meeting(meeting=meeting, display_name=f"Deltager {n}") for n in range(1, 5)]


async def phone(meeting, participant):
    return await join(meeting.code, query=f"participant={participant.token}")


def test_each_group_writes_on_its_own_board_and_chooses_what_it_reports_back(
    meeting, question, people, world
):
    async def scenario():
        facilitator, _ = await join(meeting.code, world.leader)
        phones = []
        for participant in people:
            communicator, state = await phone(meeting, participant)
            assert state["participant"] == {
                "id": participant.pk,
                "name": participant.display_name,
                "group": None,
            }
            phones.append(communicator)

        await facilitator.send_json_to({"type": "groups", "groups": 2})
        for communicator in phones:
            split = await receive(communicator, "groups")
            assert split["groups"] == 2 and split["sizes"] == {"1": 2, "2": 2}
        # Dealt in turn: the first and third phone form group 1.
        mine = {people[n].pk: split["assignments"][str(people[n].pk)] for n in range(4)}
        assert list(mine.values()) == [1, 2, 1, 2]

        # The phones were connected before the split; what they send lands on their new board.
        await phones[0].send_json_to(contribute(question, "Vi mangler tid til sprog", "g1"))
        first = await receive(phones[2], "contribution")
        assert first["group"] == 1 and first["reported"] is False
        await phones[1].send_json_to(contribute(question, "Flere voksne ude", "g2"))
        second = await receive(phones[2], "contribution")
        assert second["group"] == 2

        # Anyone in group 1 may choose group 1's points; group 2 may not.
        await phones[1].send_json_to({"type": "report", "id": first["id"], "reported": True})
        assert (await receive(phones[1], "error"))["code"] == "group"
        await assert_silent(phones[0], kinds=("reported",))
        await phones[2].send_json_to({"type": "report", "id": first["id"], "reported": True})
        for communicator in (facilitator, *phones):
            chosen = await receive(communicator, "reported")
            assert chosen == {"type": "reported", "id": first["id"], "group": 1, "reported": True}

        # Group 1 reports back: every screen learns which group has the floor.
        await facilitator.send_json_to({"type": "report_back", "group": 1})
        assert (await receive(phones[3], "meeting"))["meeting"]["reporting_group"] == 1
        await facilitator.send_json_to({"type": "report_back", "group": 3})
        assert (await receive(facilitator, "error"))["code"] == "group"
        await phones[0].send_json_to({"type": "report_back", "group": 2})
        assert (await receive(phones[0], "error"))["code"] == "unknown_type"

        # A late joiner's state holds both boards, with the chosen point marked.
        _, late = await join(meeting.code)
        assert [(c["group"], c["reported"]) for c in late["contributions"]] == [
            (1, True),
            (2, False),
        ]
        assert late["meeting"]["reporting_group"] == 1 and late["group_sizes"] == {"1": 2, "2": 2}
        await close_all(facilitator, *phones)

    run(scenario)
    summary = end_meeting(meeting=meeting, by=world.leader)
    assert summary.content["groups"] == [
        {"group": 1, "said": 1, "reported": ["Vi mangler tid til sprog"]},
        {"group": 2, "said": 1, "reported": []},
    ]


def test_a_bad_report_message_gets_an_error_and_changes_nothing(meeting, question, people):
    set_groups(meeting=meeting, by=None, groups=2)

    async def scenario():
        anna, _ = await phone(meeting, people[0])
        await anna.send_json_to(contribute(question, "Idé", "r1"))
        sent = await receive(anna, "contribution")
        for bad in (
            {"type": "report", "id": "abc", "reported": True},
            {"type": "report", "id": 999999, "reported": True},
            {"type": "report", "id": sent["id"], "reported": "ja"},
        ):
            await anna.send_json_to(bad)
            assert (await receive(anna, "error"))["detail"]
        await anna.disconnect()

    run(scenario)
    assert not Contribution.objects.filter(reported=True).exists()


def test_reporting_needs_a_split_room(meeting, question):
    async def scenario():
        anna, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "Idé", "n1"))
        sent = await receive(anna, "contribution")
        assert sent["group"] is None
        await anna.send_json_to({"type": "report", "id": sent["id"], "reported": True})
        assert (await receive(anna, "error"))["type"] == "error"
        await anna.disconnect()

    run(scenario)


def test_a_newcomer_is_dealt_into_the_next_group_and_the_sizes_are_announced(
    meeting, people, world
):
    set_groups(meeting=meeting, by=None, groups=3)

    async def scenario():
        facilitator, state = await join(meeting.code, world.leader)
        assert state["group_sizes"] == {"1": 2, "2": 1, "3": 1}
        newcomer = await database_sync_to_async(join_meeting)(meeting=meeting, display_name="Ny")
        assert newcomer.group == 2
        announced = await receive(facilitator, "groups")
        assert announced["sizes"] == {"1": 2, "2": 2, "3": 1}
        assert announced["assignments"][str(newcomer.pk)] == 2
        await facilitator.disconnect()

    run(scenario)


def test_gathering_the_room_keeps_each_contribution_on_the_board_it_was_written_on(
    meeting, question, people, world
):
    set_groups(meeting=meeting, by=world.leader, groups=2)

    async def scenario():
        anna, _ = await phone(meeting, people[0])
        await anna.send_json_to(contribute(question, "I gruppen", "a1"))
        await receive(anna, "contribution")
        facilitator, _ = await join(meeting.code, world.leader)
        await facilitator.send_json_to({"type": "report_back", "group": 2})
        await receive(anna, "meeting")
        await facilitator.send_json_to({"type": "groups", "groups": 0})
        gathered = await receive(anna, "meeting")
        assert gathered["meeting"]["groups"] == 0
        assert gathered["meeting"]["reporting_group"] is None
        assert (await receive(anna, "groups"))["assignments"] == {}
        await anna.send_json_to(contribute(question, "I plenum", "a2"))
        assert (await receive(anna, "contribution"))["group"] is None
        await close_all(anna, facilitator)

    run(scenario)
    assert dict(Contribution.objects.values_list("text", "group")) == {
        "I gruppen": 1,
        "I plenum": None,
    }
    assert Meeting.objects.get().reporting_group is None


def test_the_summary_page_shows_what_each_group_reported_back(meeting, people, world):
    set_groups(meeting=meeting, by=world.leader, groups=2)
    question = meeting_questions(meeting)[0]
    for n, participant in enumerate(people[:3]):
        participant.refresh_from_db()
        Contribution.objects.create(
            meeting=meeting,
            question=question,
            participant=participant,
            text=f"Pointe {n}",
            client_id=f"s{n}",
            group=participant.group,
            reported=n == 0,
        )
    end_meeting(meeting=meeting, by=world.leader)
    page = client_for(world.leader).get(f"/moeder/{meeting.pk}/referat/").content.decode()
    page = page[page.index("Grupperne fremlagde") :]
    assert "2 bidrag på gruppens tavle" in page
    assert "Gruppen valgte ingen punkter at fremlægge." in page
    assert page.index("Gruppe 1") < page.index("Pointe 0") < page.index("Gruppe 2")
    assert MeetingSummary.objects.get().content["groups"][1] == {
        "group": 2,
        "said": 1,
        "reported": [],
    }
