"""Consent first: without a counselling consent only contact data is stored; a consent shows the
text the client agreed to; withdrawing it is recorded and has consequences."""

import pytest
from django.utils import timezone

from lotse.casework import services
from lotse.casework.models import Client, Consent
from lotse.core.models import AuditEvent
from tests.casework.workspace_helpers import page_text

TODAY = timezone.localdate


def consent_data(**overrides) -> dict:
    data = {
        "k-purpose": "counselling",
        "k-given_on": TODAY().isoformat(),
        "k-given_by": "client",
        "k-form": "written",
        "k-confirmed": "on",
    }
    data.update(overrides)
    return data


def test_the_service_refuses_profile_data_without_consent(counsellor_stuttgart, make_client):
    with pytest.raises(services.CaseworkError, match="consent to counselling first"):
        make_client(counsellor_stuttgart, consent=False, email="a@example.org", birth_year=1980)
    bare = make_client(counsellor_stuttgart, consent=False, email="a@example.org")
    with pytest.raises(services.CaseworkError):
        services.client_update(
            client=bare, user=counsellor_stuttgart, values={"qualifications": "MD"}
        )
    assert Client.objects.get(pk=bare.pk).qualifications == ""


def test_without_consent_the_edit_page_offers_contact_fields_only_and_says_why(
    client, counsellor_stuttgart, make_client, login_verified
):
    bare = make_client(counsellor_stuttgart, consent=False, email="a@example.org")
    login_verified(counsellor_stuttgart)
    text = page_text(client.get(f"/en/staff/clients/{bare.pk}/edit/"))
    assert 'name="p-qualifications"' not in text
    assert "only name, contact details and preferred language can be stored" in text
    # Profile fields smuggled into the form are ignored, not stored.
    client.post(f"/en/staff/clients/{bare.pk}/edit/", {
        "name": "Amal Haddad", "email": "a@example.org", "preferred_language": "ar",
        "p-qualifications": "MD", "p-birth_year": "1980",
    })  # fmt: skip
    bare.refresh_from_db()
    assert (bare.qualifications, bare.birth_year) == ("", None)


def test_sessions_and_cases_wait_for_the_consent(
    client, counsellor_stuttgart, make_client, reference_data, login_verified
):
    bare = make_client(counsellor_stuttgart, consent=False, email="a@example.org")
    login_verified(counsellor_stuttgart)
    text = page_text(client.get(f"/en/staff/clients/{bare.pk}/"))
    assert "Sessions can be recorded once the consent to counselling is recorded." in text
    assert 'name="s-date"' not in text
    response = client.post(f"/en/staff/clients/{bare.pk}/sessions/", {
        "s-date": TODAY().isoformat(), "s-duration_minutes": "30", "s-mode": "phone",
        "s-language": "ar", "s-topics": ["recognition"],
    })  # fmt: skip
    assert response.status_code == 400
    assert "Record the client&#x27;s consent to counselling first." in page_text(response)
    assert bare.sessions.count() == 0


def test_recording_a_consent_shows_the_text_the_client_agreed_to(
    client, counsellor_stuttgart, make_client, login_verified
):
    bare = make_client(counsellor_stuttgart, consent=False, email="a@example.org")
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/clients/{bare.pk}/consents/", consent_data())
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.purpose, consent.text_version, consent.recorded_by) == (
        "counselling",
        "2026-11",
        counsellor_stuttgart,
    )
    text = page_text(client.get(f"/en/staff/clients/{bare.pk}/"))
    assert "Version 2026-11" in text
    assert "to counsel me on the recognition of my qualification" in text
    assert "No consent to counselling is recorded." not in text
    event = AuditEvent.objects.get(action="consent.recorded")
    assert event.extra == {"consent": consent.pk, "purpose": "counselling", "version": "2026-11"}


def test_consent_texts_are_shown_in_german_on_the_german_page(
    client, counsellor_stuttgart, make_client, login_verified
):
    bare = make_client(counsellor_stuttgart, consent=False, email="a@example.org")
    login_verified(counsellor_stuttgart)
    text = page_text(client.get(f"/de/staff/clients/{bare.pk}/"))
    assert "Einwilligung" in text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"k-confirmed": ""}, "Confirm that the client agreed to the text"),
        ({"k-given_on": "2999-01-01"}, "The date cannot be in the future"),
        ({"k-given_on": "0001-01-01"}, "Please check the year"),
        ({"k-purpose": "marketing"}, "Select a valid choice"),
        ({"k-given_by": "neighbour"}, "Select a valid choice"),
        ({"k-purpose": "referral"}, "Choose the receiving organisation"),
        ({"k-purpose": "referral", "k-receiving_organisation": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_consent_input_is_explained(
    client, counsellor_stuttgart, make_client, login_verified, overrides, message
):
    bare = make_client(counsellor_stuttgart, consent=False, email="a@example.org")
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/clients/{bare.pk}/consents/", consent_data(**overrides))
    assert response.status_code == 400
    assert message in page_text(response)
    assert Consent.objects.count() == 0


def test_a_referral_consent_cannot_name_ones_own_organisation(
    counsellor_stuttgart, client_stuttgart, org_stuttgart
):
    with pytest.raises(services.CaseworkError, match="another organisation"):
        services.consent_record(
            client=client_stuttgart, user=counsellor_stuttgart, purpose="referral",
            given_on=TODAY(), receiving_organisation=org_stuttgart, shared_fields=["name"],
        )  # fmt: skip


def test_withdrawing_the_counselling_consent_is_recorded_and_blocks_new_entries(
    client, counsellor_stuttgart, client_stuttgart, login_verified
):
    consent = client_stuttgart.consents.get()
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/clients/{client_stuttgart.pk}/consents/{consent.pk}/withdraw/"
    assert client.post(url).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == TODAY()
    again = client.post(url, follow=True)
    assert "already been withdrawn" in page_text(again)
    text = page_text(client.get(f"/en/staff/clients/{client_stuttgart.pk}/"))
    assert "No consent to counselling is recorded." in text
    assert AuditEvent.objects.filter(action="consent.withdrawn").count() == 1
    with pytest.raises(services.CaseworkError):
        services.session_add(
            client=client_stuttgart, user=counsellor_stuttgart,
            values={"date": TODAY(), "duration_minutes": 30, "mode": "phone",
                    "language": "uk", "interpreter": False, "topics": [], "note": ""},
        )  # fmt: skip


def test_another_organisation_cannot_withdraw_a_consent(
    client, counsellor_mannheim, client_stuttgart, login_verified
):
    consent = client_stuttgart.consents.get()
    login_verified(counsellor_mannheim)
    url = f"/en/staff/clients/{client_stuttgart.pk}/consents/{consent.pk}/withdraw/"
    assert client.post(url).status_code == 404
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is None
