"""A live contribution is cleaned as it arrives, so promoting it cannot carry a control character
into the plan."""

import pytest

from kompetencedialog.meetings.models import Contribution
from tests.meetings.live import close_all, contribute, join, receive, run

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_contribution_with_control_characters_is_stored_cleaned(meeting, question):
    async def scenario():
        anna, _ = await join(meeting.code)
        await anna.send_json_to(contribute(question, "Mere tid\x0btil sprog\x00\x01", "a-1"))
        message = await receive(anna, "contribution")
        assert message["text"] == "Mere tid\ntil sprog"
        await close_all(anna)

    run(scenario)
    assert Contribution.objects.get().text == "Mere tid\ntil sprog"
