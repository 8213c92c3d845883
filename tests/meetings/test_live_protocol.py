"""The live protocol of api-contract.md, spoken over a real WebSocket to the ASGI application."""

import pytest
from channels.db import database_sync_to_async

from kompetencedialog.meetings.models import Contribution, PromotedOutcome
from kompetencedialog.processes.models import Outcome
from tests.meetings.live import assert_silent, close_all, contribute, join, receive, run

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_contribution_is_stored_and_broadcast_to_everyone(meeting, question):
    async def scenario():
        anna, _ = await join(meeting.code)
        bo, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "Mere tid til sprog", "a-1"))
        for communicator in (anna, bo):
            message = await receive(communicator, "contribution")
            assert {k: message[k] for k in ("question", "text", "client_id")} == {
                "question": question,
                "text": "Mere tid til sprog",
                "client_id": "a-1",
            }
            assert isinstance(message["id"], int)
        await close_all(anna, bo)

    run(scenario)
    assert Contribution.objects.get().text == "Mere tid til sprog"


def test_a_joining_client_gets_every_contribution_so_far(meeting, question):
    async def scenario():
        anna, state = await join(meeting.code)
        assert state["contributions"] == []
        assert state["meeting"]["current_question"] == question
        for n in range(3):
            await anna.send_json_to(contribute(question, f"Idé {n}", f"c-{n}"))
            await receive(anna, "contribution")
        late, state = await join(meeting.code)
        assert [c["client_id"] for c in state["contributions"]] == ["c-0", "c-1", "c-2"]
        assert {"id", "question", "text", "client_id"} <= set(state["contributions"][0])
        await close_all(anna, late)

    run(scenario)


def test_sending_the_same_client_id_again_creates_nothing(meeting, question):
    async def scenario():
        anna, _ = await join(meeting.code)
        bo, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "Ro ved frokost", "same"))
        first = await receive(bo, "contribution")
        await anna.send_json_to(contribute(question, "Ro ved frokost", "same"))
        answers = [await receive(anna, "contribution"), await receive(anna, "contribution")]
        assert {a["id"] for a in answers} == {first["id"]}
        await assert_silent(bo)
        await close_all(anna, bo)

    run(scenario)
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize(
    "raw",
    [
        "this is not json",
        "[1, 2, 3]",
        '{"no": "type"}',
        '{"type": "dance"}',
        '{"type": "contribute", "question": 999999, "text": "Hej", "client_id": "x"}',
        '{"type": "contribute", "question": "abc", "text": "Hej", "client_id": "x"}',
        '{"type": "contribute", "question": QUESTION, "text": "", "client_id": "x"}',
        '{"type": "contribute", "question": QUESTION, "text": "   ", "client_id": "x"}',
        '{"type": "contribute", "question": QUESTION, "text": "LONG", "client_id": "x"}',
        '{"type": "contribute", "question": QUESTION, "text": 42, "client_id": "x"}',
        '{"type": "contribute", "question": QUESTION, "text": "Hej"}',
        '{"type": "reveal"}',
    ],
)
def test_a_bad_message_gets_an_error_and_disturbs_nobody(meeting, question, raw):
    raw = raw.replace("QUESTION", str(question)).replace("LONG", "x" * 1001)

    async def scenario():
        anna, _ = await join(meeting.code)
        bo, _ = await join(meeting.code)
        await anna.send_to(text_data=raw)
        error = await anna.receive_json_from(timeout=5)
        assert error["type"] == "error" and error["detail"]
        await assert_silent(bo, kinds=("contribution", "error", "pending", "count"))
        # The sender's connection is still open and works.
        await anna.send_json_to(contribute(question, "Stadig her", "after"))
        assert (await receive(bo, "contribution"))["text"] == "Stadig her"
        await close_all(anna, bo)

    run(scenario)
    assert list(Contribution.objects.values_list("client_id", flat=True)) == ["after"]


def test_a_question_from_another_phase_is_unknown(meeting, toolkit):
    other_phase = toolkit.phases.get(key="plan").cards.first().questions.first()

    async def scenario():
        anna, _ = await join(meeting.code)
        await anna.send_json_to(contribute(other_phase.pk, "Hej", "x"))
        assert (await anna.receive_json_from(timeout=5))["type"] == "error"
        await anna.disconnect()

    run(scenario)
    assert not Contribution.objects.exists()


def test_text_of_exactly_1000_characters_is_accepted(meeting, question):
    async def scenario():
        anna, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "x" * 1000, "long"))
        assert len((await receive(anna, "contribution"))["text"]) == 1000
        await anna.disconnect()

    run(scenario)


def test_hidden_contributions_are_broadcast_when_the_facilitator_reveals(meeting, question, world):
    meeting.hidden = True
    meeting.save()

    async def scenario():
        facilitator, state = await join(meeting.code, world.leader)
        assert state["facilitator"] is True
        anna, _ = await join(meeting.code)
        bo, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "Skjult idé", "h-1"))
        assert (await receive(anna, "received"))["client_id"] == "h-1"
        assert (await receive(facilitator, "pending"))["contribution"]["text"] == "Skjult idé"
        assert (await receive(bo, "count"))["hidden_count"] == 1
        await assert_silent(bo)
        _, late_state = await join(meeting.code)
        assert late_state["contributions"] == [] and late_state["hidden_count"] == 1

        await facilitator.send_json_to({"type": "reveal"})
        for communicator in (anna, bo, facilitator):
            assert (await receive(communicator, "contribution"))["text"] == "Skjult idé"
        await close_all(facilitator, anna, bo)

    run(scenario)


def test_moderated_contributions_are_broadcast_when_approved_and_removed_ones_never(
    meeting, question, world
):
    meeting.moderated = True
    meeting.save()

    async def scenario():
        facilitator, _ = await join(meeting.code, world.leader)
        anna, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "God idé", "m-1"))
        await anna.send_json_to(contribute(question, "Grim bemærkning", "m-2"))
        good = (await receive(facilitator, "pending"))["contribution"]
        bad = (await receive(facilitator, "pending"))["contribution"]
        await facilitator.send_json_to({"type": "remove", "contributions": [bad["id"]]})
        await facilitator.send_json_to({"type": "approve", "contributions": [good["id"]]})
        assert (await receive(anna, "contribution"))["text"] == "God idé"
        await assert_silent(anna)
        _, state = await join(meeting.code)
        assert [c["text"] for c in state["contributions"]] == ["God idé"]
        await close_all(facilitator, anna)

    run(scenario)


def test_participants_cannot_use_the_facilitators_messages(meeting, question, world):
    meeting.hidden = True
    meeting.save()

    async def scenario():
        staff, state = await join(meeting.code, world.staff)  # may see, not change, the process
        assert state["facilitator"] is False
        await staff.send_json_to({"type": "reveal"})
        assert (await staff.receive_json_from(timeout=5))["type"] == "error"
        await staff.disconnect()

    run(scenario)


def test_the_projector_never_sees_hidden_texts_even_when_logged_in(meeting, question, world):
    meeting.hidden = True
    meeting.save()

    async def scenario():
        projector, state = await join(meeting.code, world.leader, query="view=projector")
        assert state["facilitator"] is False
        anna, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "Hemmelig", "p-1"))
        assert (await receive(projector, "count"))["hidden_count"] == 1
        await assert_silent(projector, kinds=("contribution", "pending"))
        await close_all(projector, anna)

    run(scenario)


def test_a_locked_meeting_refuses_contributions(meeting, question, world):
    async def scenario():
        facilitator, _ = await join(meeting.code, world.leader)
        anna, _ = await join(meeting.code)
        await facilitator.send_json_to({"type": "lock"})
        assert (await receive(anna, "meeting"))["meeting"]["locked"] is True
        await anna.send_json_to(contribute(question, "For sent", "l-1"))
        assert (await receive(anna, "error"))["code"] == "locked"
        await close_all(facilitator, anna)

    run(scenario)
    assert not Contribution.objects.exists()


def test_a_participant_sending_too_fast_is_slowed_down(meeting, question, settings):
    async def scenario():
        anna, _ = await join(meeting.code)
        for n in range(10):
            await anna.send_json_to(contribute(question, f"Idé {n}", f"r-{n}"))
            await receive(anna, "contribution")
        await anna.send_json_to(contribute(question, "En for meget", "r-10"))
        assert (await receive(anna, "error"))["code"] == "rate_limited"
        await anna.disconnect()

    run(scenario)
    assert Contribution.objects.count() == 10


def test_an_unknown_code_is_refused(db):
    from kompetencedialog.asgi import application
    from tests.meetings.live import WebsocketCommunicator, run

    async def scenario():
        communicator = WebsocketCommunicator(
            application, "/ws/meetings/AAAAAA/", headers=[(b"origin", b"http://testserver")]
        )
        connected, _ = await communicator.connect(timeout=5)
        assert connected  # accepted, then closed: the browser sees why
        closed = await communicator.receive_output(timeout=5)
        assert closed == {"type": "websocket.close", "code": 4404}

    run(scenario)


def test_group_vote_and_promote_the_winner_to_a_needed_competence(meeting, question, world):
    async def scenario():
        facilitator, _ = await join(meeting.code, world.leader)
        phones = [(await join(meeting.code))[0] for _ in range(3)]
        texts = ["Sprogstimulering", "Sproglige aktiviteter", "Udeliv"]
        ids = []
        for phone, text in zip(phones, texts, strict=True):
            await phone.send_json_to(contribute(question, text, text))
            ids.append((await receive(facilitator, "contribution"))["id"])
        await facilitator.send_json_to(
            {"type": "theme_create", "title": "Sprog", "contributions": ids[:2]}
        )
        board = await receive(phones[0], "board")
        theme = board["themes"][0]["id"]
        assert {c["id"] for c in board["contributions"] if c["theme"] == theme} == set(ids[:2])
        await facilitator.send_json_to({"type": "vote_start", "dots": 3})
        await receive(phones[0], "meeting")
        for phone in phones[:2]:
            await phone.send_json_to({"type": "vote", "target": "theme", "id": theme, "dots": 3})
            assert (await receive(phone, "votes"))["my_votes"]["theme"] == {str(theme): 3}
        await phones[2].send_json_to(
            {"type": "vote", "target": "contribution", "id": ids[2], "dots": 4}
        )
        assert (await receive(phones[2], "error"))["code"] == "no_dots"
        await facilitator.send_json_to({"type": "vote_reveal"})
        results = (await receive(phones[2], "results"))["results"]
        assert results[0] == {"kind": "theme", "id": theme, "dots": 6, "voters": 2}
        await facilitator.send_json_to({"type": "promote", "kind": "competence", "theme": theme})
        promoted = await receive(facilitator, "promoted")
        assert promoted["outcome"]["text"] == "Sprog"
        await close_all(facilitator, *phones)

    run(scenario)
    outcome = Outcome.objects.get(process=meeting.process, kind="competence")
    assert outcome.competence_status == "needed"
    link = PromotedOutcome.objects.get(outcome=outcome)
    assert {c.text for c in link.contributions.all()} == {
        "Sprogstimulering",
        "Sproglige aktiviteter",
    }


@database_sync_to_async
def _count():
    return Contribution.objects.count()
