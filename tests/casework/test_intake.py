"""The inbox, turning a guide request into a client, manual intake and the duplicate check."""

import pytest
from django.utils import timezone

from lotse.casework.duplicates import name_key, names_match, phone_key
from lotse.casework.models import Client
from lotse.casework.selectors import possible_duplicates
from lotse.core.models import AuditEvent
from lotse.guide.models import AppointmentRequest
from tests.casework.workspace_helpers import guide_request, page_text

INBOX = "/en/staff/inbox/"
NEW = "/en/staff/clients/new/"


def intake(**overrides) -> dict:
    data = {
        "name": "Amal Haddad",
        "email": "amal@example.org",
        "phone": "",
        "preferred_language": "ar",
        "birth_year": "",
        "c-consent_given": "on",
        "c-consent_given_on": timezone.localdate().isoformat(),
        "c-consent_form": "written",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "typed", ["Olha Petrenko", "Olga Petrenko", "Ольга Петренко", "PETRENKO, Olga", "Olga Petrenk"]
)
def test_names_typed_differently_or_in_another_script_are_the_same_person(typed):
    assert names_match(name_key("Olga Petrenko"), name_key(typed))


@pytest.mark.parametrize(
    "other", ["Oleg Petrenko", "Olga Schmidt", "Olga", "Anna Petrenko", "Olena Kovalenko"]
)
def test_different_people_are_not_taken_for_duplicates(other):
    assert not names_match(name_key("Olga Petrenko"), name_key(other))


def test_phone_numbers_meet_however_they_were_typed():
    assert phone_key("+49 711 1234567") == phone_key("0711/123 45 67") == phone_key("07111234567")
    assert phone_key("12 34") == ""


def test_inbox_lists_new_requests_of_the_organisation_oldest_first(
    client, counsellor_stuttgart, awo, ikubiz, login_verified
):
    first = guide_request(awo, name="Olga Petrenko")
    second = guide_request(awo, name="Karim Haddad", email="karim@example.org")
    guide_request(ikubiz, name="Mannheim Person", email="m@example.org")
    login_verified(counsellor_stuttgart)
    response = client.get(INBOX)
    text = page_text(response)
    assert text.index(first.reference) < text.index(second.reference)
    assert "Mannheim Person" not in text
    assert "Pflegefachmann" in text  # the occupation asked about in the guide
    assert f"/en/staff/inbox/{first.pk}/" in text
    event = AuditEvent.objects.get(action="appointment_request.list_viewed")
    assert event.extra == {"page": 1, "rows": 2}


def test_request_becomes_a_client_with_consent_in_one_step(
    client, counsellor_stuttgart, awo, login_verified
):
    found = guide_request(awo)
    login_verified(counsellor_stuttgart)
    page = client.get(f"/en/staff/inbox/{found.pk}/")
    text = page_text(page)
    assert "I agree that the counselling organisation stores" in text  # the consent text
    assert "Possible duplicate" not in text
    response = client.post(f"/en/staff/inbox/{found.pk}/", intake(
        name="Olga Petrenko", email="olga.p@example.org", preferred_language="uk",
        birth_year="1988",
    ))  # fmt: skip
    created = Client.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/staff/clients/{created.pk}/"
    assert created.source == "guide" and created.appointment_request == found
    assert created.counsellor == counsellor_stuttgart
    # With the consent the profile facts from the guide are kept; so is the year of birth.
    assert (created.qualification_country, created.district_code) == ("UA", "08111")
    assert created.birth_year == 1988
    consent = created.consents.get()
    assert (consent.purpose, consent.text_version) == ("counselling", "2026-11")
    found.refresh_from_db()
    assert found.status == AppointmentRequest.Status.ACCEPTED
    assert found.decided_by == counsellor_stuttgart


def test_request_without_consent_keeps_contact_data_only(
    client, counsellor_stuttgart, awo, login_verified
):
    found = guide_request(awo)
    login_verified(counsellor_stuttgart)
    client.post(f"/en/staff/inbox/{found.pk}/", intake(
        name="Olga Petrenko", **{"c-consent_given": ""}, birth_year="1988",
    ))  # fmt: skip
    created = Client.objects.get()
    assert created.consents.count() == 0
    assert (created.birth_year, created.qualification_country, created.district_code) == (
        None,
        "",
        "",
    )
    text = page_text(client.get(f"/en/staff/clients/{created.pk}/"))
    assert "No consent to counselling is recorded." in text
    assert "Until the client consents, Lotse stores only name, contact details" in text


@pytest.mark.parametrize(
    ("name", "email", "phone"),
    [
        ("Olha Petrenko", "other@example.org", ""),
        ("Ольга Петренко", "", "+49 170 5550101"),
        ("Someone Else", "OLGA@example.org", ""),
        ("Someone Else", "", "0170 555 01 01"),
    ],
)
def test_possible_duplicates_are_shown_before_a_request_becomes_a_client(
    client, counsellor_stuttgart, awo, make_client, login_verified, name, email, phone
):
    existing = make_client(
        counsellor_stuttgart, name="Olga Petrenko", email="olga@example.org", phone="0170 5550101"
    )
    found = guide_request(awo, name=name, email=email, phone=phone)
    login_verified(counsellor_stuttgart)
    text = page_text(client.get(f"/en/staff/inbox/{found.pk}/"))
    assert "Possible duplicate" in text
    assert existing.number in text
    assert "Create a new client anyway" in text


def test_same_person_links_the_request_to_the_existing_client(
    client, counsellor_stuttgart, awo, make_client, login_verified
):
    existing = make_client(counsellor_stuttgart, name="Olga Petrenko", email="olga@example.org")
    found = guide_request(awo, name="Olha Petrenko", email="olha@example.org")
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/inbox/{found.pk}/", {"link": existing.pk})
    assert response["Location"] == f"/en/staff/clients/{existing.pk}/"
    assert Client.objects.count() == 1
    existing.refresh_from_db()
    assert existing.appointment_request == found
    assert AppointmentRequest.objects.get().status == "accepted"
    assert AuditEvent.objects.filter(action="client.request_linked").count() == 1


def test_linking_to_a_client_that_is_not_a_listed_duplicate_is_refused(
    client, counsellor_stuttgart, counsellor_mannheim, awo, make_client, login_verified
):
    make_client(counsellor_stuttgart, name="Olga Petrenko", email="olga@example.org")
    foreign = make_client(counsellor_mannheim, name="Olga Petrenko", email="olga@example.org")
    found = guide_request(awo, name="Olga Petrenko", email="olga@example.org")
    login_verified(counsellor_stuttgart)
    for value in (foreign.pk, "abc", ""):
        response = client.post(f"/en/staff/inbox/{found.pk}/", {"link": value})
        assert response.status_code == 400
        assert "Choose the client this request belongs to" in page_text(response)
    assert AppointmentRequest.objects.get().status == "new"


def test_create_anyway_makes_a_new_client_despite_duplicates(
    client, counsellor_stuttgart, awo, make_client, login_verified
):
    make_client(counsellor_stuttgart, name="Olga Petrenko", email="olga@example.org")
    found = guide_request(awo, name="Olga Petrenko", email="olga2@example.org")
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/inbox/{found.pk}/", intake(
        name="Olga Petrenko", email="olga2@example.org", action="create",
    ))  # fmt: skip
    assert response.status_code == 302
    assert Client.objects.count() == 2


def test_an_answered_request_cannot_be_taken_on_twice(
    client, counsellor_stuttgart, awo, login_verified
):
    found = guide_request(awo)
    login_verified(counsellor_stuttgart)
    client.post(f"/en/staff/inbox/{found.pk}/", intake(name="Olga Petrenko"))
    again = client.post(f"/en/staff/inbox/{found.pk}/", intake(name="Olga Petrenko"))
    assert again.status_code == 409
    assert "already been answered" in page_text(again)
    assert Client.objects.count() == 1


def test_another_organisations_request_answers_404(
    client, counsellor_mannheim, awo, login_verified
):
    found = guide_request(awo)
    login_verified(counsellor_mannheim)
    assert client.get(f"/en/staff/inbox/{found.pk}/").status_code == 404
    assert client.post(f"/en/staff/inbox/{found.pk}/", intake()).status_code == 404
    assert AppointmentRequest.objects.get().status == "new"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"email": "", "phone": ""}, "Give an e-mail address or a phone number"),
        ({"email": "nope"}, "Enter a valid email address"),
        ({"phone": "ring ring", "email": ""}, "Please enter a phone number"),
        ({"c-consent_given_on": "2999-12-31"}, "The date cannot be in the future"),
        ({"c-consent_given_on": "yesterday"}, "Enter a valid date"),
        ({"c-consent_form": "telepathy"}, "Select a valid choice"),
        ({"birth_year": "1800"}, "Enter a year of birth between"),
        ({"preferred_language": "klingon"}, "Select a valid choice"),
    ],
)
def test_bad_intake_input_is_explained_and_nothing_is_stored(
    client, counsellor_stuttgart, awo, login_verified, overrides, message
):
    found = guide_request(awo)
    login_verified(counsellor_stuttgart)
    for url in (NEW, f"/en/staff/inbox/{found.pk}/"):
        response = client.post(url, intake(**overrides))
        assert response.status_code == 400, url
        assert message in page_text(response), url
    assert Client.objects.count() == 0


def test_manual_intake_creates_a_client_when_nobody_looks_alike(
    client, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.post(NEW, intake(birth_year="1990"))
    created = Client.objects.get()
    assert response["Location"] == f"/en/staff/clients/{created.pk}/"
    assert created.source == "manual" and created.birth_year == 1990
    assert created.number.startswith("K-") and len(created.number) == 11
    assert AuditEvent.objects.filter(action="client.created", target_id=created.pk).exists()


def test_manual_intake_shows_duplicates_and_creates_only_when_confirmed(
    client, counsellor_stuttgart, make_client, login_verified
):
    existing = make_client(counsellor_stuttgart, name="Amal Haddad", email="amal@example.org")
    login_verified(counsellor_stuttgart)
    shown = client.post(NEW, intake(name="Amal Hadad", email="amal.h@example.org"))
    text = page_text(shown)
    assert shown.status_code == 200
    assert existing.number in text and "similar name" in text
    assert f"/en/staff/clients/{existing.pk}/" in text  # "this is the same person"
    assert Client.objects.count() == 1
    checked = shown.context["checked"]
    # Confirming for other values than those checked checks again instead of creating.
    client.post(NEW, intake(name="Amal Haddad", email="x@example.org", confirm_new=checked))
    assert Client.objects.count() == 1
    client.post(NEW, intake(name="Amal Hadad", email="amal.h@example.org", confirm_new=checked))
    assert Client.objects.count() == 2


def test_a_different_year_of_birth_rules_out_a_name_match(counsellor_stuttgart, make_client):
    make_client(counsellor_stuttgart, name="Olga Petrenko", email="o@example.org", birth_year=1988)
    same = possible_duplicates(counsellor_stuttgart, name="Olha Petrenko", birth_year=1988)
    other = possible_duplicates(counsellor_stuttgart, name="Olha Petrenko", birth_year=1961)
    unknown = possible_duplicates(counsellor_stuttgart, name="Olha Petrenko")
    assert len(same) == 1 and same[0].match_reasons == ["name"]
    assert other == []
    assert len(unknown) == 1


def test_duplicates_never_come_from_another_organisation(
    counsellor_stuttgart, counsellor_mannheim, make_client
):
    make_client(counsellor_mannheim, name="Olga Petrenko", email="olga@example.org")
    assert possible_duplicates(counsellor_stuttgart, name="Olga Petrenko") == []
    assert possible_duplicates(counsellor_stuttgart, email="olga@example.org") == []
