from datetime import date

import pytest

from tests import factories


@pytest.fixture
def process(world, toolkit):
    process = factories.make_process(world.institution, toolkit=toolkit)
    process.participants.add(world.leader, world.staff)
    return process


@pytest.fixture
def marker(process, world):
    return factories.make_outcome(
        process,
        "marker",
        "Børnene fortæller mere",
        owner=world.staff,
        due=date(2027, 3, 1),
        status="not_started",
    )


@pytest.fixture
def action(process, world):
    return factories.make_outcome(
        process,
        "action",
        "Aftal sprogpauser",
        owner=world.staff,
        due=date(2027, 2, 1),
        status="open",
    )
