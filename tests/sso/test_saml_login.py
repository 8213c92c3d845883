"""Logging in through a real SAML identity provider (pysaml2), checked by pysaml2 on our side."""

import pytest
from django.urls import reverse

from kompetencedialog.organisations.models import Membership, User
from kompetencedialog.sso.models import ExternalIdentity
from tests.sso.fixtures import JOBROLE_LEADER, JOBROLE_STAFF, follow_saml, log_in_saml, saml_person

Role = Membership.Role


def roles_of(email):
    return set(
        Membership.objects.filter(user__email=email).values_list("organisation__name", "role")
    )


@pytest.mark.django_db
def test_first_login_creates_the_person_with_the_mapped_roles(client, saml_eksempel):
    idp, server = saml_eksempel
    server.current = saml_person("ny.leder@eksempel.test", "Nina Ny", JOBROLE_LEADER)
    response = log_in_saml(client, idp, next_url="/forloeb/")
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == "/forloeb/"
    user = User.objects.get(email="ny.leder@eksempel.test")
    assert user.name == "Nina Ny"
    assert roles_of(user.email) == {("Børnehuset Solsikken", Role.LEADER)}
    assert ExternalIdentity.objects.get(user=user).subject == "subject-ny.leder@eksempel.test"
    assert client.get(reverse("organisations:profile")).status_code == 200
