import pytest
from django.core.exceptions import ValidationError

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.processes.models import Outcome
from kompetencedialog.processes.services import add_outcome
from tests.factories import make_process


@pytest.fixture
def process(world, toolkit):
    return make_process(world.institution)


def test_it_stores_a_challenge_and_audits_it(process, world):
    outcome = add_outcome(
        process=process, by=world.leader, kind="challenge", text=" Uro ved frokost "
    )
    assert outcome.text == "Uro ved frokost"
    entry = AuditEntry.objects.get(action="process.outcome.added")
    assert entry.actor == world.leader
    assert entry.organisation_path == world.institution.path


def test_fields_of_another_kind_are_ignored(process, world):
    outcome = add_outcome(
        process=process, by=world.leader, kind="challenge", text="Uro", amount=5, format="course"
    )
    assert outcome.amount is None and outcome.format == ""


def test_a_competence_needs_a_status(process, world):
    with pytest.raises(ValidationError) as error:
        add_outcome(process=process, by=world.leader, kind="competence", text="Sprog")
    assert "competence_status" in error.value.message_dict
    assert not Outcome.objects.exists()


def test_empty_or_too_long_text_is_refused_and_nothing_is_saved(process, world):
    for text in ["", "   ", "x" * 1001]:
        with pytest.raises(ValidationError):
            add_outcome(process=process, by=world.leader, kind="challenge", text=text)
    assert not Outcome.objects.exists()
    assert not AuditEntry.objects.exists()


def test_actions_start_open(process, world):
    outcome = add_outcome(process=process, by=world.leader, kind="action", text="Book PPR")
    assert outcome.status == "open"
