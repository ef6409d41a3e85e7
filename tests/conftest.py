"""Shared fixtures: named personas from two counselling organisations in different regions."""

import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import Organisation, Role, User
from lotse.accounts.services import organisation_upsert, user_upsert
from lotse.directory.data import read_directory
from lotse.directory.models import Centre
from lotse.directory.services import directory_load
from lotse.occupations import matcher
from lotse.occupations.matcher import build_index, reset_index
from lotse.occupations.reference_data import read_all
from lotse.occupations.services import reference_data_load

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _fresh_match_index():
    """Each test sees an index built from its own database."""
    reset_index()
    yield
    reset_index()


@pytest.fixture(scope="session")
def _shipped_reference_data():
    """The data files, read and validated once per test session."""
    data = read_all()
    assert data.problems == [], data.problems
    return data


@pytest.fixture(scope="session")
def _shipped_directory_data():
    data = read_directory()
    assert data.problems == [], data.problems
    return data


@pytest.fixture
def directory_data(db, _shipped_directory_data):
    """Regions, the 44 districts, Welcome Centers and counselling centres, as shipped."""
    directory_load(data=_shipped_directory_data)


@pytest.fixture(scope="session")
def _shipped_index_cache() -> dict:
    return {}


@pytest.fixture
def reference_data(db, _shipped_reference_data, _shipped_index_cache):
    """The shipped knowledge base (occupations, authorities, labels), loaded as `make run` does.

    The match index depends only on the files, so it is built once and reused.
    """
    reference_data_load(data=_shipped_reference_data)
    if "index" not in _shipped_index_cache:
        _shipped_index_cache["index"] = build_index()
    matcher._state.update(index=_shipped_index_cache["index"], built=time.monotonic())


@pytest.fixture
def org_stuttgart(db) -> Organisation:
    org, _ = organisation_upsert(
        slug="beratung-stuttgart",
        name="Beratung Stuttgart",
        kind=Organisation.Kind.COUNSELLING,
        city="Stuttgart",
        district_code="08111",
    )
    return org


@pytest.fixture
def org_mannheim(db) -> Organisation:
    org, _ = organisation_upsert(
        slug="beratung-mannheim",
        name="Beratung Mannheim",
        kind=Organisation.Kind.COUNSELLING,
        city="Mannheim",
        district_code="08222",
    )
    return org


@pytest.fixture
def org_coordination(db) -> Organisation:
    org, _ = organisation_upsert(
        slug="koordination", name="Koordination", kind=Organisation.Kind.COORDINATION
    )
    return org


def make_user(username: str, role: Role, organisation, **kwargs) -> User:
    user, _ = user_upsert(
        username=username, password=PASSWORD, role=role, organisation=organisation, **kwargs
    )
    return user


@pytest.fixture
def counsellor_stuttgart(org_stuttgart) -> User:
    return make_user("aylin", Role.COUNSELLOR, org_stuttgart, first_name="Aylin")


@pytest.fixture
def lead_stuttgart(org_stuttgart) -> User:
    return make_user("maria", Role.LEAD, org_stuttgart, first_name="Maria")


@pytest.fixture
def counsellor_mannheim(org_mannheim) -> User:
    return make_user("jonas", Role.COUNSELLOR, org_mannheim, first_name="Jonas")


@pytest.fixture
def coordinator(org_coordination) -> User:
    return make_user("samira", Role.COORDINATOR, org_coordination)


@pytest.fixture
def trainer(org_coordination) -> User:
    return make_user("tina", Role.TRAINER, org_coordination, email="tina@example.org")


@pytest.fixture
def administrator(org_coordination) -> User:
    return make_user("root", Role.ADMIN, org_coordination)


def totp_device(user: User) -> TOTPDevice:
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "phone"}
    )
    return device


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def login_verified(client):
    """Log a user in through the real login and two-factor pages."""

    def _login(user: User, test_client=None):
        c = test_client or client
        device = totp_device(user)
        response = c.post("/en/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content
        response = c.post("/en/login/verify/", {"token": current_code(device)})
        assert response.status_code == 302
        return c

    return _login


@pytest.fixture
def guide_data(reference_data, directory_data):
    """Knowledge base and directory, as `make run` loads them."""


@pytest.fixture
def awo(guide_data, org_stuttgart) -> Centre:
    """The Stuttgart counselling centre, run in Lotse by the Stuttgart organisation."""
    centre = Centre.objects.get(key="awo-stuttgart-anerkennungsberatung")
    centre.organisation = org_stuttgart
    centre.save()
    return centre


@pytest.fixture
def ikubiz(guide_data, org_mannheim) -> Centre:
    centre = Centre.objects.get(key="ikubiz-mannheim-anerkennungsberatung")
    centre.organisation = org_mannheim
    centre.save()
    return centre
