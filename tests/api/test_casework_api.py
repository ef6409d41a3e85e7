"""The case management API: personal tokens, the same scoping and rules as the web pages."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.accounts.models import Role
from lotse.accounts.tokens import api_token_revoke
from lotse.casework.models import Client, RecognitionCase
from lotse.casework.services import case_open
from lotse.core.models import AuditEvent
from lotse.occupations.models import Occupation
from tests.api.conftest import call, token_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


# --- Authentication ----------------------------------------------------------------------

ENDPOINTS = [
    ("get", "/clients"),
    ("get", "/clients/1"),
    ("post", "/clients"),
    ("patch", "/clients/1"),
    ("get", "/cases"),
    ("get", "/cases/1"),
    ("post", "/cases"),
    ("patch", "/cases/1"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_a_request_without_a_token_answers_401(client, method, path):
    response = call(client, method, path, body={} if method in ("post", "patch") else None)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize(
    "header",
    [
        "Bearer lotse_thisisnotatokenthisisnotatokenthisisnotatok",
        "Bearer ",
        "Bearer",
        "Token lotse_abc",
        "Basic YWRtaW46YWRtaW4=",
        "Bearer " + "lotse_" + "x" * 5000,
        "Bearer lotse_\x00",
    ],
)
def test_malformed_or_unknown_tokens_answer_401(client, counsellor_stuttgart, header):
    token_for(counsellor_stuttgart)
    response = client.get("/api/v1/clients", headers={"Authorization": header})
    assert response.status_code == 401


def test_the_same_token_without_its_prefix_does_not_work(client, counsellor_stuttgart):
    token = token_for(counsellor_stuttgart)
    assert call(client, "get", "/clients", token).status_code == 200
    assert call(client, "get", "/clients", token.removeprefix("lotse_")).status_code == 401


def test_a_revoked_token_stops_working_at_once(client, counsellor_stuttgart):
    token = token_for(counsellor_stuttgart)
    assert call(client, "get", "/clients", token).status_code == 200
    row = counsellor_stuttgart.api_tokens.get()
    api_token_revoke(token=row, user=counsellor_stuttgart)
    assert call(client, "get", "/clients", token).status_code == 401


def test_a_deactivated_users_token_stops_working(client, counsellor_stuttgart):
    token = token_for(counsellor_stuttgart)
    counsellor_stuttgart.is_active = False
    counsellor_stuttgart.save()
    assert call(client, "get", "/clients", token).status_code == 401


def test_a_demo_accounts_token_works_only_in_demo_mode(client, org_stuttgart):
    demo = make_user("demo-counsellor", Role.COUNSELLOR, org_stuttgart, is_demo=True)
    token = token_for(demo)
    with override_settings(DEMO=True):
        assert call(client, "get", "/clients", token).status_code == 200
    with override_settings(DEMO=False):
        assert call(client, "get", "/clients", token).status_code == 401


def test_using_a_token_records_when_it_was_last_used(client, counsellor_stuttgart):
    token = token_for(counsellor_stuttgart)
    assert counsellor_stuttgart.api_tokens.get().last_used_at is None
    call(client, "get", "/clients", token)
    assert counsellor_stuttgart.api_tokens.get().last_used_at is not None


@pytest.mark.parametrize("persona", ["trainer", "coordinator", "administrator"])
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_users_without_casework_rights_get_403_whatever_they_send(
    client, request, persona, method, path
):
    user = request.getfixturevalue(persona)
    body = {"name": "A", "email": "a@example.org"} if method in ("post", "patch") else None
    response = call(client, method, path, token_for(user), body=body)
    assert response.status_code == 403
    assert response.json() == {"detail": "Your role gives no access to client records."}


def test_a_quality_manager_gets_403_even_with_a_broken_body(client, org_coordination):
    quality = make_user("quinn", Role.QUALITY, org_coordination)
    response = call(client, "post", "/clients", token_for(quality), body="{not json")
    assert response.status_code == 403


# --- The role × endpoint × organisation matrix ------------------------------------------

ROLES = ["counsellor_stuttgart", "lead_stuttgart", "counsellor_mannheim"]


def _matrix_requests(olga, case):
    """Every endpoint that names a record, with a body that would succeed for its owner."""
    return {
        "client detail": ("get", f"/clients/{olga.pk}", None, 200),
        "client update": ("patch", f"/clients/{olga.pk}", {"phone": "+49 711 123456"}, 200),
        "case detail": ("get", f"/cases/{case.pk}", None, 200),
        "case update": ("patch", f"/cases/{case.pk}", {"grant_applied": True}, 200),
        "case create": (
            "post",
            "/cases",
            {"client": olga.pk, "occupation": "arzt"},
            201,
        ),
    }


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize(
    "endpoint", ["client detail", "client update", "case detail", "case update", "case create"]
)
def test_own_organisation_is_served_and_another_organisation_answers_404(
    client, request, persona, endpoint, olga, nurse_case
):
    user = request.getfixturevalue(persona)
    method, path, body, success = _matrix_requests(olga, nurse_case)[endpoint]
    response = call(client, method, path, token_for(user), body=body)
    if user.organisation_id == olga.organisation_id:
        assert response.status_code == success, response.content
    else:
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("persona", ROLES)
def test_lists_hold_only_the_own_organisations_records(
    client, request, persona, olga, karim, nurse_case
):
    user = request.getfixturevalue(persona)
    token = token_for(user)
    clients = call(client, "get", "/clients", token).json()
    cases = call(client, "get", "/cases", token).json()
    own = Client.objects.filter(organisation=user.organisation)
    assert sorted(c["id"] for c in clients["items"]) == sorted(own.values_list("pk", flat=True))
    assert clients["count"] == own.count()
    expected_cases = [nurse_case.pk] if user.organisation_id == olga.organisation_id else []
    assert [c["id"] for c in cases["items"]] == expected_cases


def test_an_erased_client_is_not_found(client, counsellor_stuttgart, olga):
    Client.objects.filter(pk=olga.pk).update(erased_at=timezone.now(), name="")
    token = token_for(counsellor_stuttgart)
    assert call(client, "get", f"/clients/{olga.pk}", token).status_code == 404
    assert call(client, "get", "/clients", token).json()["count"] == 0


# --- Clients ------------------------------------------------------------------------------


def test_client_list_is_an_object_with_items_ids_and_a_total_count(
    client, counsellor_stuttgart, make_client
):
    made = [make_client(name=f"Person {n} Example", email=f"p{n}@example.org") for n in range(5)]
    token = token_for(counsellor_stuttgart)
    first = call(client, "get", "/clients?limit=2", token).json()
    assert set(first) == {"items", "count", "limit", "offset"}
    assert first["count"] == 5 and first["limit"] == 2 and first["offset"] == 0
    assert [c["id"] for c in first["items"]] == [made[0].pk, made[1].pk]
    rest = call(client, "get", "/clients?limit=2&offset=4", token).json()
    assert [c["id"] for c in rest["items"]] == [made[4].pk]
    item = first["items"][0]
    assert item["number"] == made[0].number
    assert item["has_consent"] is True
    assert item["counsellor"] == counsellor_stuttgart.username


def test_client_list_filters_by_status_name_number_and_update_time(
    client, counsellor_stuttgart, make_client
):
    olga = make_client(name="Olga Petrenko")
    make_client(name="Ahmad Rahimi")
    closed = make_client(name="Lena Novak")
    Client.objects.filter(pk=closed.pk).update(status="closed")
    Client.objects.filter(pk=olga.pk).update(updated_at=timezone.now() - dt.timedelta(days=10))
    token = token_for(counsellor_stuttgart)

    def ids(query):
        body = call(client, "get", f"/clients?{query}", token).json()
        return sorted(c["id"] for c in body["items"])

    assert ids("status=closed") == [closed.pk]
    assert ids("q=petrenko") == [olga.pk]
    cyrillic = make_client(name="Ольга Петренко", email="olga.p@example.org")
    assert ids("q=petrenko") == sorted([olga.pk, cyrillic.pk])
    assert ids(f"q={olga.number}") == [olga.pk]
    since = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert olga.pk not in ids(f"updated_since={since}")
    assert len(ids(f"updated_since={since}")) == 3


def test_client_list_needs_the_same_number_of_queries_for_many_clients(
    client, counsellor_stuttgart, make_client
):
    token = token_for(counsellor_stuttgart)
    make_client(name="First Person")
    call(client, "get", "/clients", token)  # the token's first use also records the time
    with CaptureQueriesContext(connection) as one:
        call(client, "get", "/clients", token)
    for n in range(6):
        make_client(name=f"More Person{n}", email=f"m{n}@example.org")
    with CaptureQueriesContext(connection) as seven:
        body = call(client, "get", "/clients", token).json()
    assert len(body["items"]) == 7
    assert len(seven) == len(one)


def test_reading_clients_is_audited_without_personal_data(client, counsellor_stuttgart, olga):
    token = token_for(counsellor_stuttgart)
    call(client, "get", "/clients", token)
    call(client, "get", f"/clients/{olga.pk}", token)
    listed = AuditEvent.objects.get(action="client.list_viewed")
    viewed = AuditEvent.objects.get(action="client.viewed")
    assert listed.extra == {"via": "api", "rows": 1, "offset": 0}
    assert viewed.target_id == str(olga.pk) and viewed.actor_id == counsellor_stuttgart.pk
    for event in (listed, viewed):
        text = json.dumps(event.extra) + event.summary
        assert "Olga" not in text and "olga@example.org" not in text


def test_a_client_is_created_with_consent_and_profile_in_one_request(
    client, counsellor_stuttgart, directory_data
):
    body = {
        "name": "Mariam Yousef",
        "email": "mariam@example.org",
        "preferred_language": "ar",
        "consent": {"given_on": timezone.localdate().isoformat(), "form": "oral"},
        "languages": ["ar", "en", "ar"],
        "gender": "female",
        "birth_year": 1990,
        "qualification_country": "sy",
        "district_code": "08111",
        "qualifications": "Bachelor of Pharmacy",
    }
    response = call(client, "post", "/clients", token_for(counsellor_stuttgart), body=body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["number"].startswith("K-")
    assert created["has_consent"] is True
    assert created["languages"] == ["ar", "en"]
    assert created["qualification_country"] == "SY"
    assert created["age_band"] != "unknown"
    stored = Client.objects.get(pk=created["id"])
    assert stored.organisation == counsellor_stuttgart.organisation
    assert stored.consents.get().form == "oral"
    assert AuditEvent.objects.filter(action="client.created", target_id=str(stored.pk)).exists()


def test_without_consent_profile_fields_are_refused_with_a_clear_409(client, counsellor_stuttgart):
    body = {"name": "Mariam Yousef", "phone": "+49 711 555 0101", "birth_year": 1990}
    response = call(client, "post", "/clients", token_for(counsellor_stuttgart), body=body)
    assert response.status_code == 409
    assert "consent" in response.json()["detail"]
    assert not Client.objects.exists()


def test_without_consent_contact_data_alone_may_be_stored(client, counsellor_stuttgart):
    body = {"name": "Mariam Yousef", "phone": "+49 711 555 0101"}
    response = call(client, "post", "/clients", token_for(counsellor_stuttgart), body=body)
    assert response.status_code == 201
    assert response.json()["has_consent"] is False


def test_a_client_needs_an_email_address_or_a_phone_number(client, counsellor_stuttgart):
    response = call(
        client, "post", "/clients", token_for(counsellor_stuttgart), body={"name": "No Contact"}
    )
    assert response.status_code == 422
    assert "e-mail address or a phone number" in json.dumps(response.json())


def test_patch_changes_only_the_fields_sent_and_null_clears(client, counsellor_stuttgart, olga):
    token = token_for(counsellor_stuttgart)
    response = call(client, "patch", f"/clients/{olga.pk}", token, body={"gender": "female"})
    assert response.status_code == 200
    assert response.json()["gender"] == "female"
    assert response.json()["birth_year"] == 1988
    cleared = call(client, "patch", f"/clients/{olga.pk}", token, body={"birth_year": None})
    assert cleared.json()["birth_year"] is None
    olga.refresh_from_db()
    assert (olga.gender, olga.birth_year, olga.name) == ("female", None, "Olga Petrenko")
    assert AuditEvent.objects.filter(action="client.changed", target_id=str(olga.pk)).count() == 2


def test_patch_of_profile_fields_without_consent_is_refused(
    client, counsellor_stuttgart, make_client
):
    contact_only = make_client(name="Nina Contact", consent=False)
    response = call(
        client,
        "patch",
        f"/clients/{contact_only.pk}",
        token_for(counsellor_stuttgart),
        body={"qualifications": "Diploma in nursing"},
    )
    assert response.status_code == 409
    contact_only.refresh_from_db()
    assert contact_only.qualifications == ""


@pytest.mark.parametrize("field", ["name", "preferred_language"])
def test_patch_cannot_empty_a_required_field(client, counsellor_stuttgart, olga, field):
    response = call(
        client, "patch", f"/clients/{olga.pk}", token_for(counsellor_stuttgart), body={field: None}
    )
    assert response.status_code == 422
    assert field in response.json()["detail"]
    olga.refresh_from_db()
    assert (olga.name, olga.preferred_language) == ("Olga Petrenko", "de")


def test_patch_cannot_remove_both_ways_to_reach_the_client(client, counsellor_stuttgart, olga):
    response = call(
        client, "patch", f"/clients/{olga.pk}", token_for(counsellor_stuttgart), body={"email": ""}
    )
    assert response.status_code == 422
    olga.refresh_from_db()
    assert olga.email == "olga@example.org"


# --- Cases --------------------------------------------------------------------------------


def test_a_case_is_opened_for_an_occupation_slug_with_the_authority_from_the_knowledge_base(
    client, counsellor_stuttgart, olga, reference_data
):
    body = {"client": olga.pk, "occupation": "arzt", "grant_applied": True}
    response = call(client, "post", "/cases", token_for(counsellor_stuttgart), body=body)
    assert response.status_code == 201, response.content
    case = response.json()
    assert case["occupation"]["slug"] == "arzt" and case["occupation"]["regulated"] is True
    assert "Regierungspräsidium Stuttgart" in case["authority"]["name"]
    assert case["status"] == "informed"
    assert case["grant_applied"] is True
    assert [s["status"] for s in case["steps"]] == ["informed"]
    assert "submitted" in case["allowed_next"]


def test_a_case_may_name_its_authority(client, counsellor_stuttgart, olga, reference_data):
    body = {"client": olga.pk, "occupation": "arzt", "authority": "zab"}
    response = call(client, "post", "/cases", token_for(counsellor_stuttgart), body=body)
    assert response.status_code == 201
    assert response.json()["authority"]["key"] == "zab"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"occupation": "no-such-occupation"}, "No reference occupation"),
        ({"occupation": "arzt", "authority": "no-such-authority"}, "No competent authority"),
    ],
)
def test_unknown_occupation_or_authority_is_a_clear_422(
    client, counsellor_stuttgart, olga, reference_data, body, message
):
    response = call(
        client, "post", "/cases", token_for(counsellor_stuttgart), body={"client": olga.pk, **body}
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert not RecognitionCase.objects.exists()


def test_a_case_needs_the_clients_consent(
    client, counsellor_stuttgart, make_client, reference_data
):
    contact_only = make_client(name="Nina Contact", consent=False)
    body = {"client": contact_only.pk, "occupation": "arzt"}
    response = call(client, "post", "/cases", token_for(counsellor_stuttgart), body=body)
    assert response.status_code == 409
    assert "consent" in response.json()["detail"]


def test_patch_records_the_next_step_and_changes_facts(client, counsellor_stuttgart, nurse_case):
    today = timezone.localdate().isoformat()
    body = {"grant_applied": False, "step": {"status": "submitted", "date": today, "note": "sent"}}
    response = call(
        client, "patch", f"/cases/{nurse_case.pk}", token_for(counsellor_stuttgart), body=body
    )
    assert response.status_code == 200, response.content
    case = response.json()
    assert case["status"] == "submitted"
    assert case["submitted_on"] == today
    assert case["days_since_submission"] == 0
    assert case["grant_applied"] is False
    assert [s["status"] for s in case["steps"]] == ["informed", "submitted"]
    assert case["steps"][-1]["note"] == "sent"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"case.step", "case.changed"} <= actions


def test_a_decision_step_needs_the_decision(client, counsellor_stuttgart, nurse_case):
    token = token_for(counsellor_stuttgart)
    path = f"/cases/{nurse_case.pk}"
    call(client, "patch", path, token, body={"step": {"status": "submitted"}})
    missing = call(client, "patch", path, token, body={"step": {"status": "decision"}})
    assert missing.status_code == 409
    assert "decision" in missing.json()["detail"]
    done = call(
        client, "patch", path, token, body={"step": {"status": "decision", "decision": "partial"}}
    )
    assert done.json()["decision"] == "partial"


def test_a_step_that_cannot_follow_is_refused_and_nothing_changes(
    client, counsellor_stuttgart, nurse_case
):
    body = {"grant_applied": True, "step": {"status": "completed"}}
    response = call(
        client, "patch", f"/cases/{nurse_case.pk}", token_for(counsellor_stuttgart), body=body
    )
    assert response.status_code == 409
    nurse_case.refresh_from_db()
    assert (nurse_case.status, nurse_case.grant_applied) == ("informed", None)


def test_case_list_filters_by_status_and_client(
    client, counsellor_stuttgart, nurse_case, make_client
):
    other = make_client(name="Ahmad Rahimi")
    case_open(
        client=other,
        user=counsellor_stuttgart,
        occupation=Occupation.objects.get(slug="arzt"),
    )
    RecognitionCase.objects.filter(pk=nurse_case.pk).update(status="gathering")
    token = token_for(counsellor_stuttgart)
    by_status = call(client, "get", "/cases?status=gathering", token).json()
    by_client = call(client, "get", f"/cases?client={other.pk}", token).json()
    assert [c["id"] for c in by_status["items"]] == [nurse_case.pk]
    assert [c["client"] for c in by_client["items"]] == [other.pk]
    assert by_client["count"] == 1
    everything = call(client, "get", "/cases?occupation=pflegefachmann", token).json()
    assert [c["id"] for c in everything["items"]] == [nurse_case.pk]


def test_reading_a_case_is_audited(client, counsellor_stuttgart, nurse_case):
    call(client, "get", f"/cases/{nurse_case.pk}", token_for(counsellor_stuttgart))
    event = AuditEvent.objects.get(action="case.viewed")
    assert event.target_id == str(nurse_case.pk) and event.extra == {"via": "api"}
