"""Opening a meeting, its pages, joining on a phone, ending with a summary, and the API."""

import json

import pytest
from django.core import mail
from django.test import Client

from kompetencedialog.meetings.models import CODE_ALPHABET, Meeting, MeetingSummary, Participant
from kompetencedialog.meetings.services import (
    contribute,
    join_meeting,
    meeting_questions,
    open_meeting,
)
from tests.conftest import client_for
from tests.factories import make_outcome


def test_a_leader_opens_a_meeting_and_lands_on_the_facilitator_view(process, world):
    response = client_for(world.leader).post(
        f"/moeder/nyt/{process.pk}/",
        {
            "phase": "intervene",
            "naming": "optional",
            "hidden": "on",
            "countdown_seconds": 60,
            "dots_per_person": 3,
            "groups": 0,
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == f"/moeder/{meeting.pk}/"
    assert meeting.hidden and meeting.phase == "intervene"
    assert len(meeting.code) == 6 and set(meeting.code) <= set(CODE_ALPHABET)
    assert meeting.current_question == meeting_questions(meeting)[0]


def test_staff_may_not_open_or_facilitate_and_outsiders_do_not_see_it(process, meeting, world):
    assert client_for(world.staff).post(f"/moeder/nyt/{process.pk}/").status_code == 403
    assert client_for(world.staff).get(f"/moeder/{meeting.pk}/").status_code == 403
    assert client_for(world.outsider).get(f"/moeder/{meeting.pk}/").status_code == 404
    assert client_for(world.outsider).get(f"/moeder/{meeting.pk}/projektor/").status_code == 404


def test_the_facilitator_view_shows_open_actions_and_markers_from_last_time(
    process, meeting, world
):
    make_outcome(process, "action", "Ring til PPR", status="open")
    make_outcome(process, "marker", "Børnene leger mere", status="reached")
    make_outcome(process, "action", "Bestil kursus", status="done")
    page = client_for(world.leader).get(f"/moeder/{meeting.pk}/").content.decode()
    assert "Ring til PPR" in page
    assert "Børnene leger mere" not in page and "Bestil kursus" not in page


def test_the_projector_shows_code_and_a_qr_code_made_here(meeting, world):
    page = client_for(world.leader).get(f"/moeder/{meeting.pk}/projektor/").content.decode()
    assert meeting.code in page and f"/m/{meeting.code}/qr.svg" in page
    response = Client().get(f"/m/{meeting.code}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content and b"http://www.w3.org/2000/svg" in response.content


def test_a_phone_joins_without_an_account_and_gets_the_phone_page(meeting):
    phone = Client()
    page = phone.get(f"/m/{meeting.code}/")
    assert b'name="display_name"' in page.content
    response = phone.post(f"/m/{meeting.code}/", {"display_name": "Mette", "email": ""})
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.display_name == "Mette" and participant.user is None
    page = phone.get(f"/m/{meeting.code}/").content.decode()
    assert 'id="kd-text"' in page and participant.token in page


def test_a_named_meeting_asks_for_a_name_and_keeps_what_was_typed(meeting):
    meeting.naming = "named"
    meeting.save()
    response = Client().post(f"/m/{meeting.code}/", {"display_name": "", "email": "a@b.dk"})
    assert response.status_code == 200
    assert b"form-error" in response.content and b"a@b.dk" in response.content
    assert not Participant.objects.exists()


def test_a_wrong_code_says_so_in_danish(db):
    response = Client().get("/m/AAAAAA/")
    assert response.status_code == 404
    assert "Intet åbent møde har denne kode" in response.content.decode()


def test_contribution_text_is_escaped_on_the_summary(
    meeting, world, django_capture_on_commit_callbacks
):
    participant = join_meeting(meeting=meeting, email="mette@example.test")
    participant.email_confirmed = True  # through the link (tests/meetings/test_trust.py)
    participant.save()
    question = meeting_questions(meeting)[0].pk
    contribute(
        meeting_id=meeting.pk,
        participant=participant,
        question=question,
        text="<script>alert(1)</script>",
        client_id="x",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.leader).post(
            f"/moeder/{meeting.pk}/afslut/", {"send_email": "on"}
        )
    assert response.status_code == 302
    summary = MeetingSummary.objects.get(meeting=meeting)
    assert summary.process == meeting.process
    page = client_for(world.leader).get(response.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert [m.to for m in mail.outbox] == [["mette@example.test"]]
    meeting.refresh_from_db()
    assert meeting.ended is not None
    assert Client().get(f"/m/{meeting.code}/").status_code == 404


def test_the_api_opens_a_meeting_that_is_not_hidden_or_moderated(process, world):
    response = client_for(world.leader).post(
        f"/api/v1/processes/{process.pk}/meetings/",
        json.dumps({"phase": "investigate"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    meeting = Meeting.objects.get(pk=body["id"])
    assert body["code"] == meeting.code and body["join_url"].endswith(f"/m/{meeting.code}/")
    assert not meeting.hidden and not meeting.moderated and meeting.naming == "optional"


def test_the_api_accepts_a_bearer_token_without_csrf(process, world):
    from kompetencedialog.organisations.models import AccessToken

    _, key = AccessToken.issue(world.leader, "script")
    response = Client(enforce_csrf_checks=True).post(
        f"/api/v1/processes/{process.pk}/meetings/",
        json.dumps({"phase": "plan"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201, response.content
    assert Meeting.objects.get().phase == "plan"


def test_the_api_answers_404_outside_and_403_without_the_right(process, world):
    url = f"/api/v1/processes/{process.pk}/meetings/"
    body, kind = json.dumps({"phase": "investigate"}), "application/json"
    assert client_for(world.outsider).post(url, body, content_type=kind).status_code == 404
    assert client_for(world.staff).post(url, body, content_type=kind).status_code == 403
    assert Client().post(url, body, content_type=kind).status_code == 401
    bad = client_for(world.leader).post(url, json.dumps({"phase": "x"}), content_type=kind)
    assert bad.status_code == 422


def test_open_meeting_codes_are_unique(process, world):
    codes = {open_meeting(process=process, by=world.leader).code for _ in range(30)}
    assert len(codes) == 30


def _fill(meeting, count: int) -> None:
    question = meeting_questions(meeting)[0].pk
    for n in range(count):
        participant = join_meeting(meeting=meeting, display_name=f"P{n}")
        contribute(
            meeting_id=meeting.pk,
            participant=participant,
            question=question,
            text=f"Idé {n}",
            client_id=f"c{n}",
        )


@pytest.mark.parametrize("size", [2, 20])
def test_the_state_and_the_facilitator_page_take_a_fixed_number_of_queries(
    meeting, world, size, django_assert_max_num_queries
):
    from kompetencedialog.meetings.services import state

    _fill(meeting, size)
    make_outcome(meeting.process, "action", "Ring til PPR", status="open")
    with django_assert_max_num_queries(7):
        message = state(meeting, facilitator=True)
    assert len(message["contributions"]) == size
    client = client_for(world.leader)
    client.get(f"/moeder/{meeting.pk}/")  # warm the session and the caches
    with django_assert_max_num_queries(12):
        assert client.get(f"/moeder/{meeting.pk}/").status_code == 200
