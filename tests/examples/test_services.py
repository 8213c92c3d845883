"""The rules of publishing, and the audit trail they leave."""

import pytest
from django.core.exceptions import ValidationError

from kompetencedialog.core.models import AuditEntry
from kompetencedialog.examples import services
from kompetencedialog.processes.models import CompetenceArea
from tests.factories import make_example


def test_a_draft_needs_the_central_sections_before_it_is_published(world):
    draft = make_example(world.institution, published=False, advice="", experiences="  ")
    with pytest.raises(ValidationError) as error:
        services.publish_example(example=draft, by=world.leader)
    assert set(error.value.message_dict) == {"advice", "experiences"}
    draft.refresh_from_db()
    assert not draft.is_published
    assert not AuditEntry.objects.filter(action="example.published").exists()


def test_publishing_and_unpublishing_are_audited(world):
    draft = make_example(world.institution, published=False)
    services.publish_example(example=draft, by=world.leader)
    draft.refresh_from_db()
    assert draft.is_published and draft.published_at is not None
    services.unpublish_example(example=draft, by=world.leader)
    draft.refresh_from_db()
    assert not draft.is_published
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor"))
    assert actions == [
        ("example.published", world.leader.pk),
        ("example.unpublished", world.leader.pk),
    ]


def test_saving_records_which_fields_changed(world):
    example = make_example(world.institution)
    area = CompetenceArea.objects.get(slug="language")
    services.save_example(
        by=world.leader,
        example=example,
        areas=[area],
        title="Sprog hele dagen",
        advice=example.advice,
    )
    example.refresh_from_db()
    assert example.title == "Sprog hele dagen"
    assert list(example.competence_areas.all()) == [area]
    entry = AuditEntry.objects.get(action="example.changed")
    assert entry.data == {"fields": ["title"]}
    assert entry.organisation_path == world.institution.path


def test_a_published_example_cannot_lose_a_required_section(world):
    example = make_example(world.institution)
    with pytest.raises(ValidationError) as error:
        services.save_example(by=world.leader, example=example, practice="")
    assert "practice" in error.value.message_dict
    example.refresh_from_db()
    assert example.practice


def test_a_new_example_can_be_saved_and_published_in_one_step(world):
    example = services.save_example(
        by=world.leader,
        publish=True,
        organisation=world.institution,
        title="Legeguider",
        practice="Faste legeguider hver formiddag.",
        context="Børn stod uden for legen.",
        experiences="Det virker, når rollen er fast.",
        advice="Start småt.",
        contact_email="lene@eksempel.test",
    )
    assert example.is_published
    assert example.created_by == world.leader
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "example.created",
        "example.published",
    ]
