"""The organisation, people and profile pages in a real browser: each passes axe."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from kompetencedialog.core.audit import log_action
from kompetencedialog.organisations.models import Invitation, Membership
from kompetencedialog.organisations.services import change_role, invite
from tests.factories import make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/organisations-{}.png"


@pytest.fixture(autouse=True)
def forget_failed_logins():
    """The log-in throttle lives in the cache the live server shares with later tests."""
    yield
    cache.clear()


@pytest.fixture
def admin(world):
    return make_member(
        world.municipality, Membership.Role.ADMIN, "admin@eksempel.test", name="Anne Admin"
    )


def _check(page, axe, name: str) -> None:
    page.screenshot(path=SHOTS.format(name), full_page=True)
    axe(page)


def test_the_admin_pages_pass_axe(page, live_server, login, axe, world, admin):
    change_role(membership=Membership.objects.get(user=world.staff), role="union_rep", by=admin)
    invite(organisation=world.institution, email="ny@eksempel.test", role="staff", by=admin)
    login(admin)
    pages = {
        "tree": "/organisationer/",
        "detail": f"/organisationer/{world.municipality.pk}/",
        "create": f"/organisationer/{world.institution.pk}/ny/",
        "edit": f"/organisationer/{world.institution.pk}/rediger/",
        "move": f"/organisationer/{world.institution.pk}/flyt/",
        "people": f"/organisationer/{world.municipality.pk}/personer/",
        "remove-person": (
            f"/organisationer/{world.municipality.pk}/personer/{world.staff.pk}/fjern/"
        ),
        "invitations": f"/organisationer/{world.municipality.pk}/invitationer/",
        "import": f"/organisationer/{world.municipality.pk}/import/",
        "audit": f"/organisationer/{world.municipality.pk}/log/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        assert page.locator("h1").is_visible()
        _check(page, axe, name)


def test_an_invalid_form_shows_the_errors_next_to_the_fields(
    page, live_server, login, axe, world, admin
):
    login(admin)
    page.goto(live_server.url + f"/organisationer/{world.institution.pk}/ny/")
    page.get_by_label("Adresse").fill("Solvej 1")
    page.get_by_role("button", name="Gem").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Adresse").input_value() == "Solvej 1"
    _check(page, axe, "create-errors")


def test_the_import_preview_passes_axe(page, live_server, login, axe, world, admin, tmp_path):
    login(admin)
    bad = tmp_path / "ansatte.csv"
    bad.write_text("navn;under;e-mail;rolle\nBo;Ukendt Hus;bo(at)x.dk;pedel\n", encoding="utf-8")
    page.goto(live_server.url + f"/organisationer/{world.municipality.pk}/import/")
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(bad))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    assert page.get_by_text("Ukendt rolle «pedel».").is_visible()
    _check(page, axe, "import-problems")
    good = tmp_path / "ok.csv"
    good.write_text(
        "navn;under;e-mail;rolle\nBo Berg;Bikuben;bo@x.dk;medarbejder\n", encoding="utf-8"
    )
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(good))
    page.get_by_role("button", name="Vis forhåndsvisning").click()
    _check(page, axe, "import-preview")
    page.get_by_role("button", name="Gennemfør importen").click()
    assert page.get_by_text("Importen er gennemført").is_visible()


def test_the_profile_pages_pass_axe(page, live_server, login, axe, world):
    login(world.staff)
    page.goto(live_server.url + "/profil/")
    _check(page, axe, "profile")
    page.get_by_label("Navn på nøglen").fill("Excel")
    page.get_by_role("button", name="Opret en adgangsnøgle").click()
    assert page.locator("#new-token").inner_text().startswith("kd_")
    _check(page, axe, "profile-token")
    page.goto(live_server.url + "/profil/forlad/")
    _check(page, axe, "leave")


def test_the_invitation_pages_pass_axe(page, live_server, axe, world, admin):
    _invitation, token = invite(
        organisation=world.institution, email="ny@eksempel.test", role="staff", by=admin
    )
    page.goto(live_server.url + f"/konto/invitation/{token}/")
    _check(page, axe, "invitation")
    page.get_by_label("Dit navn").fill("Nina Ny")
    page.get_by_label("Vælg en adgangskode").fill("lang-og-sikker-42")
    page.get_by_label("Adgangskoden igen").fill("lang-og-sikker-42")
    page.get_by_role("button", name="Opret kontoen og tag imod").click()
    assert page.get_by_text("Velkommen! Din konto er klar.").is_visible()
    page.goto(live_server.url + f"/konto/invitation/{token}/")
    assert page.get_by_role("heading", name="Invitationen er allerede brugt").is_visible()
    _check(page, axe, "invitation-used")
    Invitation.objects.update(accepted=None, expires=timezone.now() - timedelta(days=1))
    page.goto(live_server.url + f"/konto/invitation/{token}/")
    page.screenshot(path=SHOTS.format("invitation-expired"), full_page=True)
    assert page.get_by_role("heading", name="Invitationen er udløbet").is_visible()


def test_login_and_password_reset_pages_pass_axe(page, live_server, axe, world):
    page.goto(live_server.url + "/konto/login/")
    _check(page, axe, "login")
    page.get_by_label("E-mail").fill("paedagog@eksempel.test")
    page.get_by_role("button", name="Fortsæt").click()
    for _ in range(6):
        page.get_by_label("Adgangskode").fill("forkert")
        page.get_by_role("button", name="Log ind").click()
    assert page.get_by_text("For mange forsøg").is_visible()
    _check(page, axe, "login-throttled")
    page.get_by_role("link", name="Glemt adgangskode?").click()
    _check(page, axe, "reset")
    page.get_by_label("E-mail").fill("paedagog@eksempel.test")
    page.get_by_role("button", name="Send linket").click()
    assert page.get_by_role("heading", name="Tjek din e-mail").is_visible()
    _check(page, axe, "reset-done")
    page.goto(live_server.url + "/konto/nulstil/MQ/forkert-token/")
    _check(page, axe, "reset-bad-link")
    page.goto(live_server.url + "/konto/nulstil/faerdig/")
    _check(page, axe, "reset-complete")


def test_the_audit_entries_read_well(page, live_server, login, axe, world, admin):
    for i in range(3):
        log_action(admin, "organisation.changed", world.team, {"before": {"name": f"T{i}"}})
    login(admin)
    page.goto(live_server.url + f"/organisationer/{world.municipality.pk}/log/")
    assert page.get_by_text("organisation.changed").first.is_visible()
    _check(page, axe, "audit-entries")
