"""'Hvad gør vi, hvis kursen må ændres?': the log of changes of course."""

import pytest

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_leader_records_a_course_change_linked_to_a_marker(world, process, marker, action):
    client = client_for(world.leader)
    response = client.post(
        f"/opfoelgning/forloeb/{process.pk}/kursaendringer/",
        {
            "what": "Sprogpauser kun om formiddagen",
            "why": "Eftermiddagen er for travl",
            "decided_by": "Personalemødet",
            "on": "2027-02-01",
            "outcomes": [marker.pk],
        },
    )
    assert response.status_code == 302
    change = process.course_changes.get()
    assert list(change.outcomes.all()) == [marker]
    page = client_for(world.staff).get(f"/opfoelgning/forloeb/{process.pk}/kursaendringer/")
    html = page.content.decode()
    assert "Eftermiddagen er for travl" in html and "1. februar 2027" in html


def test_the_log_keeps_typed_text_on_errors_and_staff_may_only_read(world, process):
    client = client_for(world.leader)
    response = client.post(
        f"/opfoelgning/forloeb/{process.pk}/kursaendringer/",
        {"what": "Noget andet", "why": "", "decided_by": "", "on": "2027-02-01"},
    )
    assert response.status_code == 422
    assert "Noget andet" in response.content.decode()
    staff = client_for(world.staff)
    assert staff.post(f"/opfoelgning/forloeb/{process.pk}/kursaendringer/", {}).status_code == 403
