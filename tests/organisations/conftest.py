import pytest

from kompetencedialog.organisations.models import Membership
from tests.factories import make_member


@pytest.fixture
def admin(world):
    """An administrator of the municipality in ``world``."""
    return make_member(world.municipality, Membership.Role.ADMIN, "admin@eksempel.test")
