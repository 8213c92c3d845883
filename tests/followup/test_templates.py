"""Process templates: structure without people's words, published down the tree."""

import pytest

from kompetencedialog.followup import services
from kompetencedialog.processes.models import Outcome, Process
from kompetencedialog.toolkit.models import Card
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(world, process, toolkit):
    return _fill(world, process, toolkit)


@pytest.fixture
def municipal_source(world, toolkit):
    """A process of the administration's own (it reads no institution's working process)."""
    return _fill(world, factories.make_process(world.municipality, toolkit=toolkit), toolkit)


def _fill(world, process, toolkit):
    card = Card.objects.filter(phase__toolkit=toolkit).first()
    process.challenge = "Sprog ved frokost"
    process.save()
    factories.make_outcome(process, "challenge", "Per siger at børnene larmer", card=card)
    factories.make_outcome(
        process, "competence", "Lenes viden om sprog", competence_status="needed", card=card
    )
    factories.make_outcome(process, "action", "Per ringer til PPR", owner=world.staff)
    return process


def test_the_administration_above_cannot_copy_an_institutions_process(world, process):
    response = client_for(world.administration).post(
        f"/opfoelgning/forloeb/{process.pk}/skabelon/",
        {"title": "Kopi", "organisation": world.municipality.pk, "published": "on"},
    )
    assert response.status_code == 403
    assert not world.municipality.process_templates.exists()


def test_the_administration_publishes_a_template_that_institutions_below_use(
    world, municipal_source
):
    admin = client_for(world.administration)
    response = admin.post(
        f"/opfoelgning/forloeb/{municipal_source.pk}/skabelon/",
        {"title": "Sprogforløb", "organisation": world.municipality.pk, "published": "on"},
    )
    assert response.status_code == 302
    template = world.municipality.process_templates.get()
    assert template.published
    assert "Per" not in str(template.structure) and "Lene" not in str(template.structure)

    leader = client_for(world.leader)
    assert "Sprogforløb" in leader.get("/opfoelgning/skabeloner/").content.decode()
    response = leader.post(
        f"/opfoelgning/skabeloner/{template.pk}/start/",
        {"title": "Vores sprogforløb", "organisation": world.institution.pk},
    )
    assert response.status_code == 302
    new = Process.objects.get(title="Vores sprogforløb")
    assert new.organisation == world.institution
    assert new.challenge == "Sprog ved frokost"
    kinds = sorted(new.outcomes.values_list("kind", flat=True))
    assert kinds == ["action", "challenge", "competence"]
    texts = " ".join(new.outcomes.values_list("text", flat=True))
    assert "Per" not in texts and "Lene" not in texts
    competence = new.outcomes.get(kind="competence")
    assert competence.competence_status == "needed" and competence.card_id is not None
    assert new.outcomes.get(kind="action").owner is None


def test_an_unpublished_template_stays_with_its_organisation(world, source):
    template = services.save_as_template(
        process=source, by=world.administration, organisation=world.municipality, title="Kladde"
    )
    assert (
        client_for(world.leader).get(f"/opfoelgning/skabeloner/{template.pk}/start/").status_code
        == 404
    )
    assert client_for(world.outsider).get("/opfoelgning/skabeloner/").status_code == 200
    services.publish_template(template=template, by=world.administration, published=True)
    assert (
        client_for(world.leader).get(f"/opfoelgning/skabeloner/{template.pk}/start/").status_code
        == 200
    )
    assert (
        client_for(world.outsider).get(f"/opfoelgning/skabeloner/{template.pk}/start/").status_code
        == 404
    )


def test_a_leader_starts_a_process_from_another_process(world, source):
    response = client_for(world.leader).post(
        f"/opfoelgning/forloeb/{source.pk}/kopier/",
        {"title": "Kopi", "organisation": world.institution.pk},
    )
    assert response.status_code == 302
    copy = Process.objects.get(title="Kopi")
    assert copy.outcomes.count() == 3
    assert not copy.outcomes.filter(text__contains="Per").exists()
    assert Outcome.objects.filter(process=source).count() == 3


def test_staff_cannot_start_processes_in_organisations_they_do_not_lead(world, source):
    response = client_for(world.staff).post(
        f"/opfoelgning/forloeb/{source.pk}/kopier/",
        {"title": "Kopi", "organisation": world.institution.pk},
    )
    assert response.status_code == 403
    assert not Process.objects.filter(title="Kopi").exists()
