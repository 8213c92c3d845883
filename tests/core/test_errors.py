"""Error pages: in Danish, with the site's layout, for every status a person can meet."""

from django.urls import reverse

from tests.conftest import client_for
from tests.factories import make_process


def test_opening_a_form_address_with_get_shows_a_danish_405_page(world, toolkit):
    process = make_process(world.institution)
    response = client_for(world.leader).get(reverse("processes:send_plan", args=[process.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "<h1>Siden kan ikke åbnes på den måde</h1>" in page
    assert 'lang="da"' in page
