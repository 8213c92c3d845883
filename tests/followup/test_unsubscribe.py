"""The unsubscribe link in each e-mail stops that kind of e-mail, and only that kind."""

import pytest

from kompetencedialog.followup.models import Unsubscribe
from kompetencedialog.followup.reminders import unsubscribe_url

pytestmark = pytest.mark.django_db


def test_the_signed_link_unsubscribes_from_one_kind(world, client):
    path = unsubscribe_url(world.staff, "meeting").split("127.0.0.1:8000", 1)[-1]
    assert "Påmindelser før opfølgningsmøder" in client.get(path).content.decode()
    assert not Unsubscribe.objects.exists()
    client.post(path)
    client.post(path)
    assert list(Unsubscribe.objects.values_list("user", "kind")) == [(world.staff.pk, "meeting")]


def test_a_tampered_link_is_404(world, client):
    path = unsubscribe_url(world.staff, "meeting").split("127.0.0.1:8000", 1)[-1]
    assert client.post(path.replace("meeting", "digest")[:-3] + "xx/").status_code == 404
