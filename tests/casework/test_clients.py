"""The client list, the client page and the client's master data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.casework import services
from lotse.casework.models import Client, FollowUp
from lotse.core.models import AuditEvent
from tests.casework.workspace_helpers import days_ago, open_case, page_text

LIST = "/en/staff/clients/"


def make_clients(make_client, user, n: int, **values):
    return [make_client(user, name=f"Client Number{i}", email=f"c{i}@example.org", **values)
            for i in range(n)]  # fmt: skip


def test_counsellor_sees_own_clients_with_number_counsellor_and_last_contact(
    client, counsellor_stuttgart, client_stuttgart, client_mannheim, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.get(LIST)
    text = page_text(response)
    assert response.status_code == 200
    assert client_stuttgart.number in text and "Olga Petrenko" in text
    assert "Aylin" in text
    assert client_mannheim.number not in text and "Karim" not in text


def test_empty_list_invites_to_take_on_a_request(client, counsellor_stuttgart, login_verified):
    login_verified(counsellor_stuttgart)
    text = page_text(client.get(LIST))
    assert "No clients yet" in text
    assert "/en/staff/inbox/" in text


@pytest.mark.parametrize(
    "query", ["olga", "PETRENKO", "Ольга", "Petrenko Olga", "olga@example.org", "K-"]
)
def test_search_finds_a_client_by_name_in_any_script_number_or_email(
    client, counsellor_stuttgart, client_stuttgart, make_client, login_verified, query
):
    make_client(counsellor_stuttgart, name="Karim Haddad", email="karim@example.org")
    login_verified(counsellor_stuttgart)
    if query == "K-":
        query = client_stuttgart.number.replace("-", "").lower()
    text = page_text(client.get(LIST, {"q": query}))
    assert client_stuttgart.number in text
    assert "Karim" not in text


def test_search_by_phone_ignores_how_the_number_was_typed(
    client, counsellor_stuttgart, make_client, login_verified
):
    found = make_client(counsellor_stuttgart, name="Amal Haddad", phone="+49 711 1234567")
    login_verified(counsellor_stuttgart)
    assert found.number in page_text(client.get(LIST, {"q": "0711 / 123 45 67"}))


def test_filters_by_status_case_status_occupation_counsellor_and_overdue(
    client, counsellor_stuttgart, lead_stuttgart, make_client, reference_data, login_verified
):
    nurse = make_client(counsellor_stuttgart, name="Nadia Nurse", email="n@example.org")
    open_case(nurse, counsellor_stuttgart, "pflegefachmann")
    doctor = make_client(lead_stuttgart, name="Daniel Doctor", email="d@example.org")
    case = open_case(doctor, lead_stuttgart, "arzt")
    services.case_step(case=case, user=lead_stuttgart, status="submitted", on=timezone.localdate())
    closed = make_client(counsellor_stuttgart, name="Clara Closed", email="c@example.org")
    services.client_close(client=closed, user=counsellor_stuttgart, closed_on=timezone.localdate())
    late = make_client(counsellor_stuttgart, name="Lena Late", email="l@example.org")
    FollowUp.objects.create(
        client=late, organisation_id=late.organisation_id, assignee=counsellor_stuttgart,
        title="Call back", due_on=days_ago(2),
    )  # fmt: skip
    login_verified(counsellor_stuttgart)

    def names(**params):
        text = page_text(client.get(LIST, params))
        return {n for n in ("Nadia", "Daniel", "Clara", "Lena") if n in text}

    assert names() == {"Nadia", "Daniel", "Clara", "Lena"}
    assert names(status="closed") == {"Clara"}
    assert names(case_status="submitted") == {"Daniel"}
    assert names(occupation="pflegefachmann") == {"Nadia"}
    assert names(counsellor=lead_stuttgart.pk) == {"Daniel"}
    assert names(overdue="on") == {"Lena"}


def test_rows_show_open_cases_and_an_overdue_marker_in_words(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    open_case(client_stuttgart, counsellor_stuttgart)
    open_case(client_stuttgart, counsellor_stuttgart, "arzt")
    FollowUp.objects.create(
        client=client_stuttgart, organisation_id=client_stuttgart.organisation_id,
        assignee=counsellor_stuttgart, title="Call", due_on=days_ago(1),
    )  # fmt: skip
    login_verified(counsellor_stuttgart)
    response = client.get(LIST)
    row = response.context["page"].object_list[0]
    assert (row.open_cases, row.has_overdue) == (2, True)
    assert 'class="tag tag-overdue">overdue<' in page_text(response)


def test_sorting_by_name_and_by_oldest_contact(
    client, counsellor_stuttgart, make_client, login_verified
):
    zoe = make_client(counsellor_stuttgart, name="Zoe Zander", email="z@example.org")
    adam = make_client(counsellor_stuttgart, name="Adam Abel", email="a@example.org")
    Client.objects.filter(pk=adam.pk).update(last_contact_on=days_ago(30))
    login_verified(counsellor_stuttgart)
    by_name = [c.pk for c in client.get(LIST, {"sort": "name"}).context["page"]]
    assert by_name == [adam.pk, zoe.pk]
    recent = [c.pk for c in client.get(LIST).context["page"]]
    assert recent == [zoe.pk, adam.pk]
    oldest = [c.pk for c in client.get(LIST, {"sort": "oldest"}).context["page"]]
    assert oldest == [adam.pk, zoe.pk]


def test_list_pages_by_fifty_and_audits_each_page_once(
    client, counsellor_stuttgart, make_client, login_verified
):
    make_clients(make_client, counsellor_stuttgart, 55, consent=False)
    login_verified(counsellor_stuttgart)
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in page_text(first)
    second = client.get(LIST, {"page": "2"})
    assert len(second.context["page"].object_list) == 5
    events = AuditEvent.objects.filter(action="client.list_viewed").order_by("id")
    assert [e.extra for e in events] == [{"page": 1, "rows": 50}, {"page": 2, "rows": 5}]


def test_list_query_count_does_not_grow_with_the_number_of_rows(
    client, counsellor_stuttgart, lead_stuttgart, make_client, reference_data, login_verified
):
    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    def add(n: int):
        for row in make_clients(make_client, counsellor_stuttgart, n):
            open_case(row, lead_stuttgart)
            FollowUp.objects.create(
                client=row, organisation_id=row.organisation_id, assignee=lead_stuttgart,
                title="Call", due_on=days_ago(1),
            )  # fmt: skip

    login_verified(counsellor_stuttgart)
    add(10)
    with_10 = queries_for_list()
    add(50)
    with_60 = queries_for_list()
    assert with_10 == with_60


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"sort": "evil"},
        {"status": "'; DROP TABLE"},
        {"counsellor": "abc"},
        {"counsellor": "999999"},
        {"occupation": "no-such-occupation"},
        {"case_status": "<script>"},
        {"q": "x" * 500},
        {"q": "%_\\"},
        {"overdue": "maybe"},
    ],
)
def test_garbage_in_the_list_parameters_never_answers_500(
    client, counsellor_stuttgart, client_stuttgart, login_verified, params
):
    login_verified(counsellor_stuttgart)
    response = client.get(LIST, params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Please correct the following" in page_text(response)


def test_counsellor_of_another_organisation_is_filtered_out_as_an_invalid_choice(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.get(LIST, {"counsellor": counsellor_mannheim.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in page_text(response)


def test_client_page_shows_every_section_and_audits_the_read(
    client, counsellor_stuttgart, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.get(f"/en/staff/clients/{client_stuttgart.pk}/")
    text = page_text(response)
    assert response.status_code == 200
    for section in ("consent", "profile", "sessions", "cases", "referrals", "follow-ups",
                    "appointments", "documents", "outcome", "status", "privacy"):  # fmt: skip
        assert f'id="{section}"' in text, section
    event = AuditEvent.objects.get(action="client.viewed")
    assert event.target_id == str(client_stuttgart.pk)
    assert "Olga" not in str(event.extra) and "Olga" not in event.summary


def test_another_organisations_client_answers_404_on_every_page(
    client, counsellor_mannheim, client_stuttgart, login_verified
):
    login_verified(counsellor_mannheim)
    pk = client_stuttgart.pk
    for url in (f"/en/staff/clients/{pk}/", f"/en/staff/clients/{pk}/edit/",
                f"/en/staff/clients/{pk}/cases/new/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    for url in ("sessions", "outcome", "close", "reopen", "consents", "tasks", "referrals"):
        assert client.post(f"/en/staff/clients/{pk}/{url}/", {}).status_code == 404, url
    assert not AuditEvent.objects.filter(action="client.viewed").exists()


@pytest.mark.parametrize("persona", ["coordinator", "trainer", "administrator"])
def test_staff_without_casework_role_cannot_open_the_workspace(
    client, request, client_stuttgart, login_verified, persona
):
    login_verified(request.getfixturevalue(persona))
    assert client.get(LIST).status_code == 403
    assert client.get(f"/en/staff/clients/{client_stuttgart.pk}/").status_code == 403


def test_anonymous_visitor_is_sent_to_the_login(client, client_stuttgart):
    response = client.get(f"/en/staff/clients/{client_stuttgart.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_edit_stores_contact_and_profile_and_assigns_a_counsellor(
    client, counsellor_stuttgart, lead_stuttgart, client_stuttgart, guide_data, login_verified
):
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/clients/{client_stuttgart.pk}/edit/"
    response = client.post(url, {
        "name": "Olga Petrenko", "email": "OLGA@Example.org", "phone": "0711 555 66 77",
        "preferred_language": "uk", "counsellor": lead_stuttgart.pk,
        "p-gender": "female", "p-birth_year": "1988", "p-languages": ["uk", "de", "en"],
        "p-country_of_residence": "DE", "p-arrived_on": "2022-03-15",
        "p-district_code": "08111", "p-residence_status": "temporary",
        "p-qualification_country": "UA", "p-qualification_level": "higher",
        "p-qualifications": "Bachelor of Nursing, Kyiv 2012", "p-work_experience": "8 years ICU",
    })  # fmt: skip
    assert response.status_code == 302
    client_stuttgart.refresh_from_db()
    assert client_stuttgart.email == "olga@example.org"
    assert client_stuttgart.phone_key == "7115556677"[-9:]
    assert client_stuttgart.counsellor == lead_stuttgart
    assert client_stuttgart.languages == "uk de en"
    assert client_stuttgart.age_band != "unknown"
    event = AuditEvent.objects.filter(action="client.changed").latest("id")
    assert {"phone", "counsellor", "languages", "work_experience"} <= set(event.extra["fields"])
    assert "email" not in event.extra["fields"]  # only the case differed
    text = page_text(client.get(f"/en/staff/clients/{client_stuttgart.pk}/"))
    assert "Bachelor of Nursing" in text and "Ukraine" in text and "Stuttgart" in text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("p-birth_year", "1850", "Enter a year of birth between"),
        ("p-birth_year", "abc", "Enter a whole number"),
        ("p-arrived_on", "2999-01-01", "cannot be in the future"),
        ("p-arrived_on", "31.02.2024", "Enter a valid date"),
        ("p-gender", "alien", "Select a valid choice"),
        ("p-qualification_country", "XX", "Select a valid choice"),
        ("p-district_code", "99999", "Select a valid choice"),
        ("email", "not-an-address", "Enter a valid email address"),
        ("phone", "call me", "Please enter a phone number"),
        ("name", "12345", "Please enter a name with letters"),
        ("preferred_language", "xx", "Select a valid choice"),
    ],
)
def test_edit_explains_bad_input_and_changes_nothing(
    client, counsellor_stuttgart, client_stuttgart, guide_data, login_verified,
    field, value, message,
):  # fmt: skip
    login_verified(counsellor_stuttgart)
    data = {"name": "Olga Petrenko", "email": "olga@example.org", "preferred_language": "uk",
            "p-gender": "not_stated", "p-residence_status": "not_stated",
            "p-qualification_level": "not_stated", field: value}  # fmt: skip
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/edit/", data)
    assert response.status_code == 400
    assert message in page_text(response)
    assert Client.objects.get(pk=client_stuttgart.pk).updated_at == client_stuttgart.updated_at


def test_edit_refuses_a_counsellor_of_another_organisation(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/edit/", {
        "name": "Olga Petrenko", "email": "olga@example.org", "preferred_language": "uk",
        "counsellor": counsellor_mannheim.pk,
    })  # fmt: skip
    assert response.status_code == 400
    assert Client.objects.get(pk=client_stuttgart.pk).counsellor == counsellor_stuttgart


def test_close_needs_finished_cases_then_reopen_works(
    client, counsellor_stuttgart, client_stuttgart, reference_data, login_verified
):
    case = open_case(client_stuttgart, counsellor_stuttgart)
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/clients/{client_stuttgart.pk}/"
    today = timezone.localdate().isoformat()
    refused = client.post(url + "close/", {"x-closed_on": today})
    assert refused.status_code == 400
    assert "Complete or abandon the open recognition cases first" in page_text(refused)
    services.case_step(
        case=case, user=counsellor_stuttgart, status="abandoned", on=timezone.localdate(),
        details={"abandon_reason": "Moved away"},
    )  # fmt: skip
    assert client.post(url + "close/", {"x-closed_on": "2999-01-01"}).status_code == 400
    assert client.post(url + "close/", {"x-closed_on": today}).status_code == 302
    assert Client.objects.get(pk=client_stuttgart.pk).status == "closed"
    closed_page = page_text(client.get(url))
    assert "Reopen the client" in closed_page and "Record a session" not in closed_page
    assert client.post(url + "reopen/").status_code == 302
    reopened = Client.objects.get(pk=client_stuttgart.pk)
    assert (reopened.status, reopened.closed_on) == ("active", None)
    actions = list(
        AuditEvent.objects.filter(action__startswith="client.").values_list("action", flat=True)
    )
    assert "client.closed" in actions and "client.reopened" in actions


def test_outcome_at_close_and_six_months_after(
    client, counsellor_stuttgart, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/clients/{client_stuttgart.pk}/"
    today = timezone.localdate().isoformat()
    data = {"o-employment": "employed", "o-qualification_match": "yes", "o-recorded_on": today}
    too_early = client.post(url + "outcome/", {**data, "o-timepoint": "6m"})
    assert too_early.status_code == 400
    assert "once the client is closed" in page_text(too_early)
    assert client.post(url + "outcome/", {**data, "o-timepoint": "close"}).status_code == 302
    client.post(url + "close/", {"x-closed_on": today})
    assert client.post(url + "outcome/", {**data, "o-timepoint": "6m"}).status_code == 302
    # Recording the same time point again replaces the entry.
    client.post(url + "outcome/", {**data, "o-timepoint": "6m", "o-employment": "seeking"})
    outcomes = dict(client_stuttgart.outcomes.values_list("timepoint", "employment"))
    assert outcomes == {"close": "employed", "6m": "seeking"}
    bad = client.post(url + "outcome/", {**data, "o-timepoint": "never", "o-employment": "x"})
    assert bad.status_code == 400 and "Select a valid choice" in page_text(bad)
