"""Client records for the two counselling organisations of the shared personas."""

import pytest
from django.utils import timezone

from lotse.casework.services import client_create


def consent_today() -> dict:
    return {"purpose": "counselling", "given_on": timezone.localdate()}


@pytest.fixture
def make_client():
    """`make_client(user, name=..., consent=True, **profile)`: a client of the user's
    organisation, created through the service as a counsellor would."""

    def _make(user, name="Olga Petrenko", consent=True, **values):
        return client_create(
            organisation=user.organisation,
            user=user,
            values={"name": name, **values},
            consent=consent_today() if consent else None,
        )

    return _make


@pytest.fixture
def client_stuttgart(counsellor_stuttgart, make_client):
    return make_client(
        counsellor_stuttgart,
        email="olga@example.org",
        qualification_country="UA",
        birth_year=1988,
        district_code="08111",
    )


@pytest.fixture
def client_mannheim(counsellor_mannheim, make_client):
    return make_client(counsellor_mannheim, name="Karim Haddad", qualification_country="SY")
