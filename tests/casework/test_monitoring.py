"""The quarterly network monitoring export: pseudonymous rows, leads only, audited."""

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from lotse.accounts.models import Role
from lotse.casework import monitoring
from lotse.casework.models import CaseStep, Client, Referral
from lotse.casework.services import (
    case_open,
    case_step,
    client_close,
    outcome_record,
    referral_create,
    session_add,
)
from lotse.core.models import AuditEvent
from lotse.occupations.models import Occupation
from tests.conftest import make_user

D = dt.date
URL = "/en/staff/monitoring/"
Q1 = {"year": 2026, "quarter": 1}


def backdate(client, first_contact: dt.date) -> None:
    Client.objects.filter(pk=client.pk).update(
        first_contact_on=first_contact, last_contact_on=first_contact
    )
    client.refresh_from_db()


def session(client, user, day, mode="in_person", language="de", interpreter=False, **extra):
    values = {
        "date": day,
        "duration_minutes": 45,
        "mode": mode,
        "language": language,
        "interpreter": interpreter,
        "topics": ["recognition"],
        "note": "talked about the documents",
        **extra,
    }
    return session_add(client=client, user=user, values=values)


@pytest.fixture
def quarter_data(reference_data, counsellor_stuttgart, counsellor_mannheim, make_client):
    """Stuttgart: Olga (new in Q1, a nurse case decided only in Q2), Ahmad (known since 2025,
    closed in Q1 with an outcome), Lena (sessions only in Q2), an erased client. Mannheim:
    Karim (sessions in Q1)."""
    user = counsellor_stuttgart
    olga = make_client(
        user,
        email="olga@example.org",
        phone="+49 711 5550101",
        gender="female",
        birth_year=1988,
        qualification_country="UA",
        qualification_level="vocational",
        district_code="08111",
        residence_status="temporary",
        arrived_on=D(2024, 3, 1),
    )
    backdate(olga, D(2026, 1, 10))
    session(olga, user, D(2026, 1, 15), language="uk", interpreter=True)
    session(olga, user, D(2026, 3, 20), mode="phone", topics=["funding"], duration_minutes=30)
    case = case_open(
        client=olga,
        user=user,
        occupation=Occupation.objects.get(slug="pflegefachmann"),
        values={"opened_on": D(2026, 1, 15), "grant_applied": True},
    )
    CaseStep.objects.filter(case=case).update(date=D(2026, 1, 15))
    case_step(case=case, user=user, status="gathering", on=D(2026, 2, 1))
    case_step(case=case, user=user, status="submitted", on=D(2026, 3, 1))
    case_step(
        case=case, user=user, status="decision", on=D(2026, 5, 10), details={"decision": "partial"}
    )
    referral = referral_create(client=olga, user=user, kind="language_course", target="B2 course")
    Referral.objects.filter(pk=referral.pk).update(created_on=D(2026, 2, 1))

    ahmad = make_client(user, name="Ahmad Rahimi", email="ahmad@example.org", gender="male")
    backdate(ahmad, D(2025, 11, 3))
    session(ahmad, user, D(2026, 2, 10), mode="video", language="fa")
    client_close(client=ahmad, user=user, closed_on=D(2026, 3, 25))
    outcome_record(
        client=ahmad, user=user, timepoint="close", employment="employed",
        qualification_match="partly", recorded_on=D(2026, 3, 26),
    )  # fmt: skip

    lena = make_client(user, name="Lena Novak", email="lena@example.org")
    backdate(lena, D(2026, 4, 1))
    session(lena, user, D(2026, 4, 5))

    erased = make_client(user, name="Erased Person", email="erased@example.org")
    backdate(erased, D(2026, 1, 5))
    session(erased, user, D(2026, 1, 6))
    Client.objects.filter(pk=erased.pk).update(erased_at=timezone.now(), name="", email="")

    karim = make_client(counsellor_mannheim, name="Karim Haddad", email="karim@example.org")
    backdate(karim, D(2026, 1, 7))
    session(karim, counsellor_mannheim, D(2026, 1, 8))
    return {"olga": olga, "ahmad": ahmad, "lena": lena, "erased": erased, "karim": karim}


def rows_by_number(user, **quarter) -> dict[str, dict]:
    rows = monitoring.monitoring_rows(user, **quarter)
    return {row[1]: dict(zip(monitoring.HEADER, row, strict=True)) for row in rows}


def parse_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


# --- The rows ------------------------------------------------------------------------------


def test_one_row_per_client_with_a_session_in_the_quarter_of_the_own_organisation(
    quarter_data, lead_stuttgart
):
    rows = rows_by_number(lead_stuttgart, **Q1)
    expected = sorted([quarter_data["olga"].number, quarter_data["ahmad"].number])
    assert list(rows) == expected
    second = rows_by_number(lead_stuttgart, year=2026, quarter=2)
    assert quarter_data["lena"].number in second
    assert quarter_data["olga"].number not in second


def test_session_columns_count_and_combine_the_quarters_sessions(quarter_data, lead_stuttgart):
    olga = rows_by_number(lead_stuttgart, **Q1)[quarter_data["olga"].number]
    assert olga["quarter"] == "2026-Q1"
    assert olga["first_contact_on"] == D(2026, 1, 10)
    assert olga["first_contact_in_quarter"] == "yes"
    assert (olga["sessions_in_quarter"], olga["minutes_in_quarter"]) == (2, 75)
    assert olga["session_modes"] == "in_person|phone"
    assert olga["session_languages"] == "de|uk"
    assert olga["interpreter_used"] == "yes"
    assert olga["session_topics"] == "funding|recognition"


def test_client_columns_hold_codes_and_bands_not_personal_details(quarter_data, lead_stuttgart):
    olga = rows_by_number(lead_stuttgart, **Q1)[quarter_data["olga"].number]
    assert olga["organisation"] == "Beratung Stuttgart"
    assert (olga["gender"], olga["age_band"]) == ("female", "35-44")
    assert olga["arrival_year"] == 2024
    assert olga["district"] == "08111"
    assert olga["residence_status"] == "temporary"
    assert olga["qualification_country"] == "UA"
    assert olga["qualification_country_group"] == "third_country"
    assert olga["qualification_level"] == "vocational"


def test_the_case_is_described_as_it_stood_at_the_end_of_the_quarter(quarter_data, lead_stuttgart):
    number = quarter_data["olga"].number
    q1 = rows_by_number(lead_stuttgart, **Q1)[number]
    assert q1["recognition_cases"] == 1
    assert q1["occupation_kldb2010"] and q1["occupation_regulated"] == "yes"
    assert q1["occupation_title"].startswith("Pflegefach")
    assert q1["competent_authority"]
    assert q1["case_status"] == "submitted"
    assert q1["case_opened_on"] == D(2026, 1, 15)
    assert q1["application_submitted_on"] == D(2026, 3, 1)
    assert (q1["decision"], q1["decision_on"]) == ("", "")
    assert q1["grant_applied"] == "yes"
    assert q1["referral_kinds"] == "language_course"
    session(quarter_data["olga"], quarter_data["olga"].counsellor, D(2026, 5, 12))
    q2 = rows_by_number(lead_stuttgart, year=2026, quarter=2)[number]
    assert (q2["case_status"], q2["decision"], q2["decision_on"]) == (
        "decision",
        "partial",
        D(2026, 5, 10),
    )


def test_a_closed_client_shows_status_and_outcome_and_no_case(quarter_data, lead_stuttgart):
    ahmad = rows_by_number(lead_stuttgart, **Q1)[quarter_data["ahmad"].number]
    assert ahmad["first_contact_in_quarter"] == "no"
    assert ahmad["client_status"] == "closed"
    assert ahmad["outcome_at_close_employment"] == "employed"
    assert ahmad["outcome_at_close_job_matches"] == "partly"
    assert ahmad["outcome_6_months_employment"] == ""
    assert ahmad["recognition_cases"] == 0 and ahmad["case_status"] == ""


def test_the_number_of_queries_does_not_grow_with_the_rows(
    quarter_data, lead_stuttgart, counsellor_stuttgart, make_client
):
    with CaptureQueriesContext(connection) as before:
        monitoring.monitoring_rows(lead_stuttgart, **Q1)
    for n in range(4):
        extra = make_client(counsellor_stuttgart, name=f"Extra Person{n}", email=f"e{n}@ex.org")
        backdate(extra, D(2026, 2, 1))
        session(extra, counsellor_stuttgart, D(2026, 2, 2))
        case_open(
            client=extra,
            user=counsellor_stuttgart,
            occupation=Occupation.objects.get(slug="arzt"),
            values={"opened_on": D(2026, 2, 2)},
        )
    with CaptureQueriesContext(connection) as after:
        rows = monitoring.monitoring_rows(lead_stuttgart, **Q1)
    assert len(rows) == 6
    assert len(after) == len(before)


@pytest.mark.parametrize(
    ("year", "quarter", "first", "last"),
    [
        (2026, 1, D(2026, 1, 1), D(2026, 3, 31)),
        (2024, 1, D(2024, 1, 1), D(2024, 3, 31)),
        (2026, 2, D(2026, 4, 1), D(2026, 6, 30)),
        (2026, 3, D(2026, 7, 1), D(2026, 9, 30)),
        (2026, 4, D(2026, 10, 1), D(2026, 12, 31)),
    ],
)
def test_quarters_run_from_their_first_to_their_last_day(year, quarter, first, last):
    assert monitoring.quarter_bounds(year, quarter) == (first, last)


def test_the_default_is_the_last_completed_quarter():
    assert monitoring.last_completed_quarter(D(2026, 2, 15)) == (2025, 4)
    assert monitoring.last_completed_quarter(D(2026, 12, 3)) == (2026, 3)


# --- The page and the downloads -------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("lead_stuttgart", 200), ("counsellor_stuttgart", 403), ("coordinator", 403)],
)
def test_only_leads_of_an_organisation_reach_the_export(
    client, login_verified, request, persona, status
):
    login_verified(request.getfixturevalue(persona))
    assert client.get(URL).status_code == status
    assert client.get(URL, {**Q1, "format": "csv"}).status_code == status


def test_an_anonymous_visitor_is_sent_to_the_login(client, db):
    response = client.get(URL, {**Q1, "format": "csv"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_csv_download_is_utf8_with_a_header_and_no_personal_data(
    client, login_verified, quarter_data, lead_stuttgart
):
    login_verified(lead_stuttgart)
    response = client.get(URL, {**Q1, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="monitoring-beratung-stuttgart-2026-Q1.csv"' in response["Content-Disposition"]
    rows = parse_csv(response.content)
    assert list(rows[0]) == monitoring.HEADER
    assert [r["client_number"] for r in rows] == sorted(
        [quarter_data["olga"].number, quarter_data["ahmad"].number]
    )
    olga_row = next(r for r in rows if r["client_number"] == quarter_data["olga"].number)
    authority = quarter_data["olga"].cases.get().authority.name
    assert olga_row["competent_authority"] == authority  # non-ASCII names survive
    text = response.content.decode("utf-8")
    for personal in ("Olga", "Petrenko", "olga@example.org", "5550101", "Ahmad", "documents"):
        assert personal not in text


def test_xlsx_download_holds_the_same_rows_with_real_dates(
    client, login_verified, quarter_data, lead_stuttgart
):
    login_verified(lead_stuttgart)
    response = client.get(URL, {**Q1, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == monitoring.HEADER
    assert len(values) == 3
    first_contact = values[1][monitoring.HEADER.index("first_contact_on")]
    assert isinstance(first_contact, dt.datetime | dt.date)


def test_each_download_is_audited_with_figures_only(
    client, login_verified, quarter_data, lead_stuttgart
):
    login_verified(lead_stuttgart)
    client.get(URL, {**Q1, "format": "csv"})
    event = AuditEvent.objects.get(action="monitoring.exported")
    assert event.actor_id == lead_stuttgart.pk
    assert event.organisation_id == lead_stuttgart.organisation_id
    assert event.extra == {"year": 2026, "quarter": 1, "format": "csv", "rows": 2}
    assert "Olga" not in json.dumps(event.extra) + event.summary


def test_another_organisations_lead_exports_only_their_own_cases(
    client, login_verified, quarter_data, org_mannheim
):
    lead_mannheim = make_user("lars", Role.LEAD, org_mannheim)
    login_verified(lead_mannheim)
    rows = parse_csv(client.get(URL, {**Q1, "format": "csv"}).content)
    assert [r["client_number"] for r in rows] == [quarter_data["karim"].number]
    assert rows[0]["organisation"] == "Beratung Mannheim"


def test_the_page_counts_the_cases_of_the_chosen_quarter(
    client, login_verified, quarter_data, lead_stuttgart
):
    login_verified(lead_stuttgart)
    response = client.get(URL, Q1)
    assert response.status_code == 200
    assert "2 counselling cases had a session" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"year": 2099, "quarter": 1, "format": "csv"},
        {"year": "twenty", "quarter": 1, "format": "csv"},
        {"year": 2026, "quarter": 9, "format": "xlsx"},
        {"year": 2026, "format": "csv"},
        {"year": 1999, "quarter": 1, "format": "csv"},
    ],
)
def test_bad_choices_show_the_form_with_an_error_not_a_file(
    client, login_verified, lead_stuttgart, params
):
    login_verified(lead_stuttgart)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert "Content-Disposition" not in response
    assert not AuditEvent.objects.filter(action="monitoring.exported").exists()


def test_a_quarter_that_has_not_begun_is_refused_with_a_message(
    client, login_verified, lead_stuttgart, monkeypatch
):
    login_verified(lead_stuttgart)
    monkeypatch.setattr(timezone, "localdate", lambda: D(2026, 5, 1))
    assert client.get(URL, {"year": 2026, "quarter": 2}).status_code == 200
    response = client.get(URL, {"year": 2026, "quarter": 3, "format": "csv"})
    assert response.status_code == 400
    assert "This quarter has not begun yet." in response.content.decode()


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(
    quarter_data, lead_stuttgart
):
    organisation = lead_stuttgart.organisation
    organisation.name = '=HYPERLINK("http://evil.example","click")'
    organisation.save()
    rows = monitoring.monitoring_rows(lead_stuttgart, **Q1)
    parsed = parse_csv(monitoring.as_csv(rows))
    assert parsed[0]["organisation"].startswith("'=HYPERLINK")
    sheet = load_workbook(io.BytesIO(monitoring.as_xlsx(rows, title="x"))).active
    assert sheet["C2"].value.startswith("'=")
    assert sheet["C2"].data_type == "s"
