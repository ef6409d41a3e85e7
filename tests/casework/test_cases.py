"""Recognition cases: the occupation from the matcher, the authority from the knowledge base,
the status timeline with dates and notes, and the days since submission."""

import pytest
from django.utils import timezone

from lotse.casework import services
from lotse.casework.models import CounsellingSession, RecognitionCase
from lotse.core.models import AuditEvent
from lotse.occupations.models import Occupation
from lotse.occupations.selectors import authority_for
from tests.casework.workspace_helpers import days_ago, open_case, page_text


def step(client, case, status, on, **details):
    data = {"status": status, "date": on.isoformat(), "note": details.pop("note", "")}
    data.update(details)
    return client.post(f"/en/staff/cases/{case.pk}/step/", data)


def test_the_matcher_finds_the_occupation_in_the_clients_language(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    login_verified(counsellor_stuttgart)
    base = f"/en/staff/clients/{client_stuttgart.pk}/cases/"
    fragment = page_text(client.get(base + "suggest/", {"q": "медична сестра"}))
    assert 'role="option"' in fragment
    assert f'data-href="{base}new/?occupation=pflegefachmann"' in fragment
    results = page_text(client.get(base + "new/", {"q": "медична сестра"}))
    assert f"{base}new/?occupation=pflegefachmann" in results
    assert 'role="combobox"' in results


def test_opening_a_case_prefills_the_authority_of_the_clients_district(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/clients/{client_stuttgart.pk}/cases/new/"
    occupation = Occupation.objects.get(slug="pflegefachmann")
    expected = authority_for(occupation=occupation, district_code="08111")
    form = client.get(url, {"occupation": "pflegefachmann"}).context["form"]
    assert form.initial["authority"] == expected
    response = client.post(url, {
        "occupation": "pflegefachmann", "authority": expected.pk if expected else "",
        "grant_applied": "true", "opened_on": timezone.localdate().isoformat(),
    })  # fmt: skip
    case = RecognitionCase.objects.get()
    assert response["Location"] == f"/en/staff/cases/{case.pk}/"
    assert (case.occupation, case.authority, case.grant_applied) == (occupation, expected, True)
    assert (case.status, case.counsellor) == ("informed", counsellor_stuttgart)
    assert list(case.steps.values_list("status", flat=True)) == ["informed"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"occupation": "no-such-thing"}, "Choose a reference occupation"),
        ({"occupation": "pflegefachmann", "authority": "999999"}, "Select a valid choice"),
        ({"occupation": "pflegefachmann", "grant_applied": "perhaps"}, ""),
        ({"occupation": "pflegefachmann", "opened_on": "2999-01-01"}, "cannot be in the future"),
        ({"occupation": "x" * 300}, "at most 100 characters"),
    ],
)
def test_bad_case_input_is_explained_and_opens_nothing(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified, data, message
):
    login_verified(counsellor_stuttgart)
    payload = {"grant_applied": "unknown", "opened_on": timezone.localdate().isoformat(), **data}
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/cases/new/", payload)
    if data.get("grant_applied") == "perhaps":
        # An unknown answer to "grant applied for?" means "not yet known".
        assert response.status_code == 302
        assert RecognitionCase.objects.get().grant_applied is None
        return
    assert response.status_code == 400
    assert message in page_text(response)
    assert RecognitionCase.objects.count() == 0


def test_a_case_moves_from_informed_to_completed_with_dates_and_notes(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    case = open_case(client_stuttgart, counsellor_stuttgart, opened_on=days_ago(60))
    login_verified(counsellor_stuttgart)
    assert (
        step(client, case, "gathering", days_ago(55), note="Diploma requested").status_code == 302
    )
    assert step(client, case, "submitted", days_ago(40)).status_code == 302
    assert step(client, case, "docs_requested", days_ago(30), note="Transcript").status_code == 302
    assert step(client, case, "decision", days_ago(10), decision="partial").status_code == 302
    assert step(client, case, "compensation", days_ago(5), compensation_type="knowledge_test",
                compensation_provider="Akademie", compensation_start=days_ago(5).isoformat(),
                compensation_end=timezone.localdate().isoformat()).status_code == 302  # fmt: skip
    assert step(client, case, "completed", timezone.localdate()).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.decision, case.compensation_type) == (
        "completed",
        "partial",
        "knowledge_test",
    )
    assert (case.submitted_on, case.decided_on, case.closed_on) == (
        days_ago(40),
        days_ago(10),
        timezone.localdate(),
    )
    assert list(case.steps.values_list("status", flat=True)) == [
        "informed", "gathering", "submitted", "docs_requested", "decision", "compensation",
        "completed",
    ]  # fmt: skip
    text = page_text(client.get(f"/en/staff/cases/{case.pk}/"))
    assert "Diploma requested" in text and "Transcript" in text
    assert "The authority decided 30 days after the application." in text
    assert "Record the next step" not in text
    assert AuditEvent.objects.filter(action="case.step").count() == 6


def test_days_since_submission_are_shown_while_the_authority_decides(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    case = open_case(client_stuttgart, counsellor_stuttgart, opened_on=days_ago(30))
    services.case_step(case=case, user=counsellor_stuttgart, status="submitted", on=days_ago(21))
    login_verified(counsellor_stuttgart)
    case_page = page_text(client.get(f"/en/staff/cases/{case.pk}/"))
    assert "21 days since the application was submitted" in case_page
    client_page = page_text(client.get(f"/en/staff/clients/{client_stuttgart.pk}/"))
    assert "21 days" in client_page


@pytest.mark.parametrize(
    ("status", "on", "details", "message"),
    [
        ("completed", 0, {}, "Select a valid choice"),
        ("submitted", -1, {}, "cannot be in the future"),
        ("submitted", 90, {}, "before the previous step"),
        ("abandoned", 0, {}, "Say why the case was abandoned"),
        ("submitted", 0, {"date": "tomorrow-ish"}, "Enter a valid date"),
    ],
)
def test_steps_that_do_not_fit_the_timeline_are_refused_with_a_reason(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified,
    status, on, details, message,
):  # fmt: skip
    case = open_case(client_stuttgart, counsellor_stuttgart, opened_on=days_ago(30))
    login_verified(counsellor_stuttgart)
    data = {"status": status, "date": days_ago(on).isoformat(), "note": "", **details}
    response = client.post(f"/en/staff/cases/{case.pk}/step/", data)
    assert response.status_code == 400
    assert message in page_text(response)
    assert RecognitionCase.objects.get().status == "informed"


def test_decision_and_measure_need_their_details(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    case = open_case(client_stuttgart, counsellor_stuttgart, opened_on=days_ago(30))
    services.case_step(case=case, user=counsellor_stuttgart, status="submitted", on=days_ago(20))
    login_verified(counsellor_stuttgart)
    assert "Choose the decision" in page_text(step(client, case, "decision", days_ago(1)))
    step(client, case, "decision", days_ago(1), decision="partial")
    refused = step(client, case, "compensation", days_ago(1), compensation_type="aptitude_test",
                   compensation_start=days_ago(1).isoformat(),
                   compensation_end=days_ago(3).isoformat())  # fmt: skip
    assert "cannot end before it starts" in page_text(refused)
    assert RecognitionCase.objects.get().status == "decision"


def test_abandoning_records_the_reason_and_closes_the_case(
    counsellor_stuttgart, client_stuttgart, reference_data
):
    case = open_case(client_stuttgart, counsellor_stuttgart)
    services.case_step(
        case=case, user=counsellor_stuttgart, status="abandoned", on=timezone.localdate(),
        details={"abandon_reason": "Found work as an assistant"},
    )  # fmt: skip
    case.refresh_from_db()
    assert (case.status, case.abandon_reason, case.is_open) == (
        "abandoned",
        "Found work as an assistant",
        False,
    )
    assert services.allowed_next(case) == []


def test_the_grant_answer_can_be_changed_on_the_case_page(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    case = open_case(client_stuttgart, counsellor_stuttgart)
    login_verified(counsellor_stuttgart)
    client.post(f"/en/staff/cases/{case.pk}/grant/", {"grant_applied": "false"})
    assert RecognitionCase.objects.get().grant_applied is False
    assert "not applied for" in page_text(client.get(f"/en/staff/cases/{case.pk}/"))


def test_another_organisation_cannot_see_or_move_a_case(
    client, counsellor_mannheim, counsellor_stuttgart, client_stuttgart, reference_data,
    login_verified,
):  # fmt: skip
    case = open_case(client_stuttgart, counsellor_stuttgart)
    login_verified(counsellor_mannheim)
    assert client.get(f"/en/staff/cases/{case.pk}/").status_code == 404
    assert step(client, case, "submitted", timezone.localdate()).status_code == 404
    assert (
        client.post(f"/en/staff/cases/{case.pk}/grant/", {"grant_applied": "true"}).status_code
        == 404
    )
    assert RecognitionCase.objects.get().status == "informed"


def test_case_page_read_is_audited(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    case = open_case(client_stuttgart, counsellor_stuttgart)
    login_verified(counsellor_stuttgart)
    client.get(f"/en/staff/cases/{case.pk}/")
    assert AuditEvent.objects.filter(action="case.viewed", target_id=str(case.pk)).count() == 1


def test_a_session_is_recorded_from_the_client_page(
    client, counsellor_stuttgart, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/sessions/", {
        "s-date": days_ago(3).isoformat(), "s-duration_minutes": "50", "s-mode": "video",
        "s-language": "uk", "s-interpreter": "on", "s-topics": ["recognition", "language"],
        "s-note": "Explained the procedure",
    })  # fmt: skip
    assert response["Location"] == f"/en/staff/clients/{client_stuttgart.pk}/#sessions"
    session = CounsellingSession.objects.get()
    assert (session.mode, session.interpreter, session.topics) == (
        "video",
        True,
        ["recognition", "language"],
    )
    client_stuttgart.refresh_from_db()
    # Entered afterwards: the first contact moves back to the session's date.
    assert client_stuttgart.first_contact_on == days_ago(3)
    text = page_text(client.get(f"/en/staff/clients/{client_stuttgart.pk}/"))
    assert "Explained the procedure" in text and "German language" in text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"s-date": "2999-01-01"}, "cannot be in the future"),
        ({"s-duration_minutes": "0"}, "greater than or equal to 5"),
        ({"s-duration_minutes": "9999"}, "less than or equal to 480"),
        ({"s-duration_minutes": "an hour"}, "Enter a whole number"),
        ({"s-mode": "pigeon"}, "Select a valid choice"),
        ({"s-language": "xx"}, "Select a valid choice"),
        ({"s-topics": []}, "Choose at least one topic"),
        ({"s-topics": ["astrology"]}, "Select a valid choice"),
        ({"s-note": "x" * 5001}, "at most 5000 characters"),
    ],
)
def test_bad_session_input_is_explained_on_the_client_page(
    client, counsellor_stuttgart, client_stuttgart, login_verified, overrides, message
):
    login_verified(counsellor_stuttgart)
    data = {
        "s-date": timezone.localdate().isoformat(),
        "s-duration_minutes": "45",
        "s-mode": "phone",
        "s-language": "uk",
        "s-topics": ["recognition"],
        **overrides,
    }
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/sessions/", data)
    assert response.status_code == 400
    assert message in page_text(response)
    assert CounsellingSession.objects.count() == 0
