import pytest

from kompetencedialog.meetings.services import meeting_questions, open_meeting
from tests.factories import make_process


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution, toolkit=toolkit)


@pytest.fixture
def meeting(process, world):
    """An open meeting on the first phase, named-optional, not hidden, not moderated."""
    return open_meeting(process=process, by=world.leader, phase="investigate")


@pytest.fixture
def question(meeting) -> int:
    """The id of the meeting's first question."""
    return meeting_questions(meeting)[0].pk
