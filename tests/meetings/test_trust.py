"""A meeting's code is no open door: other municipalities' cards stay theirs, guessing is
throttled, limits hold per person and per address, idle meetings end, codes never come back,
summaries go only to confirmed addresses, and facilitator rights are read at every message."""

import asyncio
import json
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kompetencedialog.meetings.models import CODE_ALPHABET, Contribution, Meeting, Participant
from kompetencedialog.meetings.services import (
    MeetingError,
    end_idle_meetings,
    end_meeting,
    get_open_meeting,
    join_meeting,
    open_meeting,
)
from kompetencedialog.meetings.tasks import send_email_confirmation
from kompetencedialog.toolkit.models import Card
from tests.conftest import client_for
from tests.meetings.live import WebsocketCommunicator, close_all, contribute, join, receive, run


def guess(n: int) -> str:
    """The n-th made-up code, in the codes' own alphabet (so it is what a guesser would try)."""
    return "AAAA" + CODE_ALPHABET[n // len(CODE_ALPHABET)] + CODE_ALPHABET[n % len(CODE_ALPHABET)]


@pytest.fixture
def nabo_card(world, toolkit):
    phase = toolkit.phases.get(key="investigate")
    return Card.objects.create(
        phase=phase,
        organisation=world.other_institution,
        slug=f"{world.other_institution.pk}-naboernes-hemmelige-kort",
        position=99,
        title="Naboernes hemmelige kort",
    )


# --- another municipality's own cards ---------------------------------------------------------


def test_the_open_meeting_form_offers_no_card_of_another_municipality(process, world, nabo_card):
    leader = client_for(world.leader)
    page = leader.get(f"/moeder/nyt/{process.pk}/").content.decode()
    assert "Naboernes hemmelige kort" not in page
    response = leader.post(
        f"/moeder/nyt/{process.pk}/",
        {
            "phase": "investigate",
            "card": nabo_card.pk,
            "naming": "optional",
            "countdown_seconds": 0,
            "dots_per_person": 3,
            "groups": 0,
        },
    )
    assert response.status_code != 302
    assert not Meeting.objects.exists()


def test_the_api_refuses_a_card_of_another_municipality_by_slug(process, world, nabo_card):
    response = client_for(world.leader).post(
        f"/api/v1/processes/{process.pk}/meetings/",
        json.dumps({"phase": "investigate", "card": nabo_card.slug}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not Meeting.objects.exists()


def test_an_own_card_of_the_institution_is_still_offered(process, world, toolkit):
    phase = toolkit.phases.get(key="investigate")
    Card.objects.create(
        phase=phase, organisation=world.institution, slug="egne", position=98, title="Vores kort"
    )
    page = client_for(world.leader).get(f"/moeder/nyt/{process.pk}/").content.decode()
    assert "Vores kort" in page


# --- guessing codes -----------------------------------------------------------------------------


def test_guessing_codes_over_http_is_throttled_and_then_even_a_right_code_waits(meeting):
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [guesser.get(f"/m/{guess(n)}/").status_code for n in range(25)]
    assert statuses[:20] == [404] * 20
    assert set(statuses[20:]) == {429}
    refused = guesser.get(f"/m/{meeting.code}/")
    assert refused.status_code == 429
    assert "Vent 10 minutter" in refused.content.decode()
    assert guesser.get(f"/m/{meeting.code}/qr.svg").status_code == 429
    # Someone else on another network joins as usual.
    assert Client(REMOTE_ADDR="198.51.100.4").get(f"/m/{meeting.code}/").status_code == 200


def test_guesses_behind_our_proxy_count_per_client_not_for_everyone(meeting, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    guesser = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for n in range(21):
        guesser.get(f"/m/{guess(n)}/")
    assert guesser.get(f"/m/{meeting.code}/").status_code == 429
    colleague = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert colleague.get(f"/m/{meeting.code}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_guessing_codes_over_websockets_is_throttled(meeting):
    from kompetencedialog.asgi import application

    async def attempt(code: str):
        communicator = WebsocketCommunicator(
            application,
            f"/ws/meetings/{code}/",
            headers=[(b"origin", b"http://testserver")],
            client=("203.0.113.9", 40000),
        )
        connected, _ = await communicator.connect(timeout=5)
        assert connected  # every code gets the same handshake; the close code says why
        message = await communicator.receive_output(timeout=5)
        if message["type"] == "websocket.close":
            return message["code"]
        await communicator.disconnect()
        return 1000

    async def scenario():
        codes = [await attempt(guess(n)) for n in range(21)]
        assert codes[:20] == [4404] * 20 and codes[20] == 4429
        assert await attempt(meeting.code) == 4429
        assert await attempt("AAAA99") == 4429

    run(scenario)


# --- limits per participant and per address -----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_thirty_connections_from_one_address_cannot_multiply_the_limit(meeting, question, settings):
    settings.MEETINGS_ADDRESS_RATE_LIMIT = (40, 10)  # the default is 300: a whole room
    refused = []

    async def scenario():
        phones = [(await join(meeting.code, address="203.0.113.9"))[0] for _ in range(30)]
        for n, phone in enumerate(phones):
            for m in range(3):
                client_id = f"c-{n}-{m}"
                await phone.send_json_to(contribute(question, f"Idé {n}.{m}", client_id))
                if await answered_with_refusal(phone, client_id):
                    refused.append(client_id)
        await close_all(*phones)

    # One window of the limit for the whole test, however slow the machine.
    with time_machine.travel(timezone.now(), tick=False):
        run(scenario)
    assert Contribution.objects.count() == 40
    assert len(refused) == 90 - 40


async def answered_with_refusal(phone, client_id: str) -> bool:
    """Wait for the answer to this phone's contribution: its own broadcast, or an error."""
    while True:
        message = await phone.receive_json_from(timeout=10)
        if message["type"] == "error":
            assert message["code"] == "rate_limited", message
            return True
        if message["type"] == "contribution" and message["client_id"] == client_id:
            return False


def test_new_anonymous_participants_per_address_are_capped(meeting, settings):
    settings.MEETINGS_NEW_PARTICIPANTS_PER_ADDRESS = (3, 3600)
    for _ in range(3):
        join_meeting(meeting=meeting, address="203.0.113.9")
    with pytest.raises(MeetingError, match="For mange") as refused:
        join_meeting(meeting=meeting, address="203.0.113.9")
    assert refused.value.code == "throttled"
    join_meeting(meeting=meeting, address="198.51.100.4")  # another network is not affected
    assert Participant.objects.count() == 4


# --- facilitator rights at every message --------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_dismissed_facilitator_loses_control_at_their_next_message(process, world, question):
    from asgiref.sync import sync_to_async

    from kompetencedialog.meetings.models import Facilitator
    from kompetencedialog.meetings.services import appoint_facilitator

    appoint_facilitator(process=process, by=world.leader, user=world.staff)
    meeting = open_meeting(process=process, by=world.staff, phase="investigate")

    async def scenario():
        per, state = await join(meeting.code, world.staff)
        assert state["facilitator"] is True
        await per.send_json_to({"type": "lock"})
        assert (await receive(per, "meeting"))["meeting"]["locked"] is True
        await sync_to_async(Facilitator.objects.filter(user=world.staff).delete)()
        await per.send_json_to({"type": "unlock"})
        error = await receive(per, "error")
        assert error["code"] == "forbidden"
        await per.disconnect()

    run(scenario)
    meeting.refresh_from_db()
    assert meeting.locked is True


@pytest.mark.django_db(transaction=True)
def test_a_dismissal_takes_effect_at_once_and_hidden_texts_stop_coming(process, world):
    from asgiref.sync import sync_to_async

    from kompetencedialog.meetings.models import Facilitator
    from kompetencedialog.meetings.services import appoint_facilitator, dismiss_facilitator

    appoint_facilitator(process=process, by=world.leader, user=world.staff)
    meeting = open_meeting(process=process, by=world.leader, phase="investigate", moderated=True)
    question = meeting.current_question_id

    async def scenario():
        per, _ = await join(meeting.code, world.staff)
        anna, _ = await join(meeting.code)
        facilitator = await sync_to_async(Facilitator.objects.get)(user=world.staff)
        await sync_to_async(dismiss_facilitator)(facilitator=facilitator, by=world.leader)
        assert (await receive(per, "error"))["code"] == "forbidden"
        await anna.send_json_to(contribute(question, "Kun til mødelederen", "p-1"))
        await receive(anna, "received")
        await asyncio.sleep(0.4)
        while not per.output_queue.empty():
            message = await per.receive_json_from()
            assert "Kun til mødelederen" not in json.dumps(message, ensure_ascii=False)
        await close_all(per, anna)

    run(scenario)


@pytest.mark.django_db(transaction=True)
def test_a_phone_re_sending_what_was_stored_does_not_use_up_its_share(meeting, question):
    async def scenario():
        anna, _ = await join(meeting.code)
        for n in range(5):
            await anna.send_json_to(contribute(question, f"Idé {n}", f"r-{n}"))
            await receive(anna, "contribution")
        for _ in range(3):  # after a reconnect the phone re-sends its queue
            for n in range(5):
                await anna.send_json_to(contribute(question, f"Idé {n}", f"r-{n}"))
                await receive(anna, "contribution")
        for n in range(5, 10):
            await anna.send_json_to(contribute(question, f"Ny idé {n}", f"r-{n}"))
            await receive(anna, "contribution")
        await anna.disconnect()

    run(scenario)
    assert Contribution.objects.count() == 10


# --- idle meetings end, codes never come back ---------------------------------------------------


def test_a_meeting_nobody_uses_ends_by_itself_with_its_summary(meeting):
    later = timezone.now() + timedelta(hours=25)
    with time_machine.travel(later):
        assert Client().get(f"/m/{meeting.code}/").status_code == 404
    meeting.refresh_from_db()
    assert meeting.ended is not None
    assert meeting.summary.content is not None


def test_the_worker_sweep_ends_idle_meetings_and_leaves_busy_ones(process, world):
    idle = open_meeting(process=process, by=world.leader, phase="investigate")
    busy = open_meeting(process=process, by=world.leader, phase="investigate")
    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        get_open_meeting(busy.code, address="198.51.100.4")  # someone opens it again
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        assert end_idle_meetings() == 1
        assert end_idle_meetings() == 0
    idle.refresh_from_db()
    busy.refresh_from_db()
    assert idle.ended is not None and busy.ended is None
    assert idle.summary.content is not None


def test_a_meeting_opened_the_evening_before_is_still_open_in_the_morning(meeting):
    with time_machine.travel(timezone.now() + timedelta(hours=15)):
        assert Client().get(f"/m/{meeting.code}/").status_code == 200


def test_coming_back_to_an_ended_meeting_is_no_guess(meeting, world):
    end_meeting(meeting=meeting, by=world.leader)
    phone = Client(REMOTE_ADDR="203.0.113.9")
    assert {phone.get(f"/m/{meeting.code}/").status_code for _ in range(30)} == {404}
    assert {phone.get(f"/m/{typo}/").status_code for typo in ["0000", "ab"] * 15} == {404}


def test_a_code_is_never_given_out_twice(process, world, monkeypatch):
    from kompetencedialog.meetings import services

    first = open_meeting(process=process, by=world.leader, phase="investigate")
    end_meeting(meeting=first, by=world.leader)
    codes = iter([first.code, "CDEFHJ"])
    monkeypatch.setattr(services, "make_code", lambda: next(codes))
    second = open_meeting(process=process, by=world.leader, phase="investigate")
    assert second.code == "CDEFHJ"


# --- the summary goes only to confirmed addresses -----------------------------------------------


def test_the_summary_goes_only_to_confirmed_addresses_and_logged_in_people(
    meeting, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = join_meeting(meeting=meeting, email="offer@example.test")
        mette = join_meeting(meeting=meeting, email="mette@example.test")
        join_meeting(meeting=meeting, user=world.staff)
    queued = DBTaskResult.objects.filter(task_path__endswith="send_email_confirmation")
    assert queued.count() == 2
    for participant in (offer, mette):
        assert send_email_confirmation.call(participant.pk) == "sent"
    confirmations = {m.to[0]: m for m in mail.outbox}
    assert set(confirmations) == {"offer@example.test", "mette@example.test"}
    link = next(
        line for line in confirmations["mette@example.test"].body.splitlines() if "/m/" in line
    )
    path = link.replace("http://127.0.0.1:8000", "").strip()
    # A mail scanner opening the link confirms nothing; the button does.
    asked = Client().get(path)
    assert "Skal mødets referat sendes til mette@example.test?" in asked.content.decode()
    mette.refresh_from_db()
    assert mette.email_confirmed is False
    confirmed = Client().post(path)
    assert "Din e-mail er bekræftet" in confirmed.content.decode()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        end_meeting(meeting=meeting, by=world.leader, send_email=True)
    assert sorted(m.to[0] for m in mail.outbox) == ["mette@example.test", world.staff.email]


def test_a_forged_confirmation_link_confirms_nothing(meeting):
    participant = join_meeting(meeting=meeting, email="offer@example.test")
    response = Client().post(f"/m/bekraeft/{participant.pk}:forged/")
    assert response.status_code == 410
    participant.refresh_from_db()
    assert participant.email_confirmed is False


def test_one_address_gets_at_most_three_confirmation_mails_a_day(
    meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            join_meeting(meeting=meeting, email="Offer@example.test")
    queued = DBTaskResult.objects.filter(task_path__endswith="send_email_confirmation")
    assert queued.count() == 3
