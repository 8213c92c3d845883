"""The marker's page: check-ins with evidence, and the status over time."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetencedialog.followup import services
from kompetencedialog.followup.models import CheckIn
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def post_checkin(client, marker, **fields):
    data = {"status": "on_track", "on": "2027-01-10", "note": "", "evidence": "", **fields}
    return client.post(f"/opfoelgning/markoerer/{marker.pk}/", data)


def test_a_check_in_with_a_pdf_moves_the_marker_and_keeps_the_file(world, marker):
    client = client_for(world.staff)
    pdf = SimpleUploadedFile("referat.pdf", b"%PDF-1.7\nindhold", content_type="application/pdf")
    response = post_checkin(client, marker, status="late", evidence="To stuer", evidence_file=pdf)
    assert response.status_code == 302
    marker.refresh_from_db()
    assert marker.status == "late"
    checkin = CheckIn.objects.get(marker=marker)
    assert checkin.evidence_kind == "pdf"
    download = client.get(f"/opfoelgning/indtjek/{checkin.pk}/bilag/")
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    page = client.get(f"/opfoelgning/markoerer/{marker.pk}/").content.decode()
    assert "To stuer" in page and "Forsinket" in page


def test_a_file_that_only_pretends_to_be_a_pdf_is_refused(world, marker):
    fake = SimpleUploadedFile("referat.pdf", b"MZ\x90\x00", content_type="application/pdf")
    response = post_checkin(client_for(world.leader), marker, note="Behold mig", evidence_file=fake)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Vedhæft en PDF-, PNG-, JPEG-, Word- (DOCX) eller Excel-fil (XLSX)." in page
    assert "Behold mig" in page  # what was typed is kept
    assert not CheckIn.objects.exists()


def test_a_file_over_10_mb_is_refused(world, marker):
    big = SimpleUploadedFile("stor.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    response = post_checkin(client_for(world.leader), marker, evidence_file=big)
    assert response.status_code == 422
    assert "højst fylde 10 MB" in response.content.decode()


def test_a_colleague_who_does_not_own_the_marker_may_read_but_not_check_in(world, marker):
    colleague = world.leader.__class__.objects.create_user("kollega@eksempel.test", "pw")
    from kompetencedialog.organisations.models import Membership

    Membership.objects.create(user=colleague, organisation=world.institution, role="staff")
    client = client_for(colleague)
    assert client.get(f"/opfoelgning/markoerer/{marker.pk}/").status_code == 200
    assert post_checkin(client, marker).status_code == 403


def test_outsiders_get_404_for_the_marker_and_its_files(world, marker):
    checkin = services.add_checkin(marker=marker, by=world.staff, status="on_track")
    client = client_for(world.outsider)
    assert client.get(f"/opfoelgning/markoerer/{marker.pk}/").status_code == 404
    assert client.get(f"/opfoelgning/indtjek/{checkin.pk}/bilag/").status_code == 404


def test_the_history_page_uses_the_same_number_of_queries_for_3_and_30_check_ins(world, marker):
    client = client_for(world.leader)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/opfoelgning/markoerer/{marker.pk}/").status_code == 200
        return len(queries)

    for _ in range(3):
        services.add_checkin(marker=marker, by=world.staff, status="on_track", note="x")
    few = count()
    for _ in range(27):
        services.add_checkin(marker=marker, by=world.leader, status="late", evidence="y")
    assert count() == few
