"""Who reads and who changes practice examples: published ones are shared, drafts are not."""

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import make_example


@pytest.fixture
def published(world):
    return make_example(world.institution, title="Leg på legepladsen")


@pytest.fixture
def draft(world):
    return make_example(world.institution, title="Sprog i garderoben", published=False)


def test_everyone_logged_in_reads_a_published_example_from_another_municipality(world, published):
    response = client_for(world.outsider).get(reverse("examples:detail", args=[published.pk]))
    assert response.status_code == 200
    assert "Leg på legepladsen" in response.content.decode()


def test_a_draft_does_not_exist_outside_its_organisation(world, draft):
    client = client_for(world.outsider)
    assert client.get(reverse("examples:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("examples:pdf", args=[draft.pk])).status_code == 404


def test_staff_read_their_own_institutions_draft_but_may_not_change_it(world, draft):
    client = client_for(world.staff)
    assert client.get(reverse("examples:detail", args=[draft.pk])).status_code == 200
    assert client.get(reverse("examples:edit", args=[draft.pk])).status_code == 403
    assert client.post(reverse("examples:publish", args=[draft.pk])).status_code == 403


@pytest.mark.parametrize("name", ["examples:edit", "examples:publish", "examples:unpublish"])
def test_a_leader_elsewhere_reads_a_published_example_but_may_not_change_it(world, published, name):
    response = client_for(world.outsider).post(reverse(name, args=[published.pk]), {})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.is_published


def test_the_administration_above_may_unpublish_an_institutions_example(world, published):
    response = client_for(world.administration).post(
        reverse("examples:unpublish", args=[published.pk])
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert not published.is_published


def test_the_library_asks_for_a_log_in(client):
    response = client.get(reverse("examples:library"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_may_not_write_a_new_example(world):
    assert client_for(world.staff).get(reverse("examples:new")).status_code == 403
