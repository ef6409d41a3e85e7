"""Tokens, requests and client records for the API tests."""

import json

import pytest

from lotse.accounts.tokens import api_token_create
from lotse.casework.models import RecognitionCase
from lotse.casework.services import case_open, client_create
from lotse.occupations.models import Occupation
from tests.casework.conftest import consent_today


def token_for(user) -> str:
    _row, raw = api_token_create(user=user, name="test integration", actor=user)
    return raw


def call(client, method: str, path: str, token: str | None = None, body=None, **headers):
    """One API request. Messages follow Accept-Language; the tests read them in English
    unless they pass another language."""
    headers.setdefault("Accept-Language", "en")
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    kwargs = {"headers": headers}
    if body is not None:
        kwargs["data"] = body if isinstance(body, (str, bytes)) else json.dumps(body)
        kwargs["content_type"] = "application/json"
    return getattr(client, method)(f"/api/v1{path}", **kwargs)


@pytest.fixture
def make_client(counsellor_stuttgart):
    def _make(user=counsellor_stuttgart, name="Olga Petrenko", consent=True, **values):
        values.setdefault("email", f"{name.split()[0].lower()}@example.org")
        return client_create(
            organisation=user.organisation,
            user=user,
            values={"name": name, **values},
            consent=consent_today() if consent else None,
        )

    return _make


@pytest.fixture
def olga(make_client):
    return make_client(qualification_country="UA", birth_year=1988, district_code="08111")


@pytest.fixture
def karim(make_client, counsellor_mannheim):
    return make_client(counsellor_mannheim, name="Karim Haddad", qualification_country="SY")


@pytest.fixture
def nurse_case(reference_data, olga, counsellor_stuttgart) -> RecognitionCase:
    return case_open(
        client=olga,
        user=counsellor_stuttgart,
        occupation=Occupation.objects.get(slug="pflegefachmann"),
    )
