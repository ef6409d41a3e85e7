"""Bad input answers 4xx with a message, never 500; the OpenAPI schema shows the bearer scheme."""

import json

import pytest

from lotse.casework.models import Client, RecognitionCase
from tests.api.conftest import call, token_for

pytestmark = pytest.mark.django_db


# --- Nothing answers 500 to bad input ----------------------------------------------------

BAD_INPUT = [
    ("post", "/clients", "{not json"),
    ("post", "/clients", "[1, 2, 3]"),
    ("post", "/clients", '"just a string"'),
    ("post", "/clients", "null"),
    ("post", "/clients", {"name": 42, "email": ["x"]}),
    ("post", "/clients", {"name": "A" * 100_000, "email": "a@example.org"}),
    ("post", "/clients", {"name": "Ok Name", "email": "a@example.org", "surname": "typo"}),
    ("post", "/clients", {"name": "Nul\x00Byte", "email": "a@example.org"}),
    ("post", "/clients", {"name": "Ok Name", "email": "not-an-address"}),
    ("post", "/clients", {"name": "Ok Name", "phone": "call me maybe"}),
    ("post", "/clients", {"name": "Ok Name", "phone": "0711 1234", "preferred_language": "xx"}),
    (
        "post",
        "/clients",
        {"name": "Ok", "phone": "0711 1234", "consent": {"given_on": "2999-01-01"}},
    ),
    (
        "post",
        "/clients",
        {"name": "Ok", "phone": "0711 1234", "consent": {"given_on": "yesterday"}},
    ),
    ("post", "/clients", {"name": "Ok", "phone": "0711 1234", "birth_year": 1800}),
    ("post", "/clients", {"name": "Ok", "phone": "0711 1234", "birth_year": "nineteen"}),
    ("post", "/clients", {"name": "Ok", "phone": "0711 1234", "qualification_country": "XX"}),
    ("post", "/clients", {"name": "Ok", "phone": "0711 1234", "district_code": "99999"}),
    ("post", "/clients", {"name": "Ok", "phone": "0711 1234", "languages": "de"}),
    ("post", "/cases", {"client": "one", "occupation": "arzt"}),
    ("post", "/cases", {"client": 10**30, "occupation": "arzt"}),
    ("post", "/cases", {"client": -1, "occupation": "arzt"}),
    ("post", "/cases", {"client": 1, "occupation": "Arzt; DROP TABLE"}),
    ("get", "/clients?limit=0", None),
    ("get", "/clients?limit=100000", None),
    ("get", "/clients?offset=-5", None),
    ("get", "/clients?status=maybe", None),
    ("get", "/clients?q=%00", None),
    ("get", "/clients?q=" + "x" * 500, None),
    ("get", "/clients?updated_since=last-week", None),
    ("get", "/clients/abc", None),
    ("get", "/clients/99999999999999999999999", None),
    ("get", "/cases?client=99999999999999999999999", None),
    ("get", "/cases?occupation=%00", None),
    ("get", "/cases?status=done", None),
]


@pytest.mark.parametrize(("method", "path", "body"), BAD_INPUT)
def test_bad_input_gets_a_4xx_with_a_message_never_a_500(
    client, counsellor_stuttgart, olga, method, path, body
):
    response = call(client, method, path, token_for(counsellor_stuttgart), body=body)
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response.json()["detail"]
    assert Client.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"step": {"status": "submitted", "date": "2999-01-01"}},
        {"step": {"status": "flying"}},
        {"step": {"status": "decision", "decision": "maybe"}},
        {"step": "submitted"},
        {"grant_applied": "perhaps"},
        {"authority": "no-such-authority"},
        {"occupation": "x" * 101},
        {"step": {"status": "abandoned", "abandon_reason": "r" * 301}},
        {"status": "completed"},
    ],
)
def test_bad_case_changes_get_a_4xx_and_change_nothing(
    client, counsellor_stuttgart, nurse_case, body
):
    before = RecognitionCase.objects.values().get(pk=nurse_case.pk)
    response = call(
        client, "patch", f"/cases/{nurse_case.pk}", token_for(counsellor_stuttgart), body=body
    )
    assert 400 <= response.status_code < 500
    assert RecognitionCase.objects.values().get(pk=nurse_case.pk) == before


def test_a_body_over_the_upload_limit_is_refused_with_413_json(client, counsellor_stuttgart):
    body = json.dumps({"name": "x" * 3_000_000, "email": "a@example.org"})
    response = call(client, "post", "/clients", token_for(counsellor_stuttgart), body=body)
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


# --- The schema ---------------------------------------------------------------------------


def test_openapi_schema_lists_the_endpoints_with_the_bearer_scheme(client):
    schema = client.get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    (name,) = [k for k, v in schemes.items() if v == {"type": "http", "scheme": "bearer"}]
    for path, methods in [
        ("/api/v1/clients", {"get", "post"}),
        ("/api/v1/clients/{pk}", {"get", "patch"}),
        ("/api/v1/cases", {"get", "post"}),
        ("/api/v1/cases/{pk}", {"get", "patch"}),
    ]:
        assert methods <= set(schema["paths"][path])
        for method in methods:
            assert schema["paths"][path][method]["security"] == [{name: []}]
    assert "security" not in schema["paths"]["/api/v1/occupations/match"]["get"]


def test_public_endpoints_stay_public(client, reference_data):
    assert client.get("/api/v1/occupations/match", {"q": "Arzt"}).status_code == 200
    assert client.get("/api/v1/training/events").status_code == 200


def test_messages_follow_the_accept_language_header(client, trainer):
    token = token_for(trainer)
    german = call(client, "get", "/clients", token, **{"Accept-Language": "de"})
    english = call(client, "get", "/clients", token, **{"Accept-Language": "en"})
    assert german.status_code == english.status_code == 403
    assert german.json() == {"detail": "Ihre Rolle gibt keinen Zugriff auf Klientendaten."}
    assert english.json() == {"detail": "Your role gives no access to client records."}
