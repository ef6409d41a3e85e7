import uuid

import pytest
from django.core import mail
from django.test import override_settings

from lotse.core.models import AuditEvent
from lotse.guide.models import AppointmentRequest

QUERY = "?occupation=arzt&country=SY&district=08111"


def form_data(**overrides) -> dict:
    data = {
        "name": "Amal Haddad",
        "email": "amal@example.org",
        "phone": "",
        "preferred_language": "ar",
        "preferred_times": "Monday morning",
        "message": "I am a doctor from Aleppo.",
        "consent": "on",
        "website": "",
        "token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def send(client, centre, lang="ar", **overrides):
    return client.post(f"/{lang}/guide/request/{centre.key}/{QUERY}", form_data(**overrides))


def test_request_is_stored_confirmed_and_mailed_in_the_users_language(
    client, awo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, awo)
    assert response.status_code == 302
    request = AppointmentRequest.objects.get()
    assert response["Location"] == f"/ar/guide/request-sent/{request.reference}/"
    assert request.organisation_id == awo.organisation_id
    assert (request.occupation_slug, request.country, request.district_code) == (
        "arzt",
        "SY",
        "08111",
    )
    assert request.consent_text_version and request.consent_given_at
    page = client.get(response["Location"]).content.decode()
    assert request.reference in page
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["amal@example.org"]
    assert request.reference in message.subject
    assert "Amal Haddad" in message.body
    assert "Hello" not in message.body  # written in Arabic, the language of the request
    assert AuditEvent.objects.filter(action="appointment_request.created").count() == 1


def test_sending_the_same_form_twice_creates_one_request(
    client, awo, django_capture_on_commit_callbacks
):
    data = form_data()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/de/guide/request/{awo.key}/{QUERY}", data)
        second = client.post(f"/de/guide/request/{awo.key}/{QUERY}", data)
    assert first["Location"] == second["Location"]
    assert AppointmentRequest.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"email": "not-an-address"}, "name@example.org"),
        ({"email": "", "phone": ""}, "e-mail address or a phone number"),
        ({"message": "x" * 1001}, "at most 1000 characters"),
        ({"consent": ""}, "only with your consent"),
        ({"name": ""}, "required"),
        ({"phone": "call me maybe", "email": ""}, "digits only"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(client, awo, overrides, message):
    response = send(client, awo, lang="en", **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AppointmentRequest.objects.exists()


def test_errors_are_in_the_users_language(client, awo):
    html = send(client, awo, lang="de", email="", phone="").content.decode()
    assert "E-Mail-Adresse" in html or "Telefonnummer" in html


def test_robots_filling_the_hidden_field_get_no_request_stored(client, awo):
    response = send(client, awo, website="http://spam.example")
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()
    assert not mail.outbox


@override_settings(LOTSE_REQUEST_RATE_LIMIT=2)
def test_many_requests_from_one_address_are_slowed_down(client, awo):
    from django.core.cache import cache

    cache.clear()
    for _ in range(2):
        assert send(client, awo).status_code == 302
    response = send(client, awo, lang="en")
    assert response.status_code == 200
    assert "Too many requests" in response.content.decode()
    assert AppointmentRequest.objects.count() == 2


def test_centres_outside_lotse_show_their_contact_instead_of_a_form(client, guide_data):
    response = client.get(f"/en/guide/request/invia-ulm-anerkennungsberatung/{QUERY}")
    assert "does not take requests through Lotse yet" in response.content.decode()
    response = client.post(f"/en/guide/request/invia-ulm-anerkennungsberatung/{QUERY}", form_data())
    assert not AppointmentRequest.objects.exists()


def test_the_centre_sees_the_request_in_its_inbox_and_accepts_it(
    client, awo, counsellor_stuttgart, login_verified
):
    send(client, awo)
    request = AppointmentRequest.objects.get()
    login_verified(counsellor_stuttgart)
    html = client.get("/en/staff/requests/").content.decode()
    assert "Amal Haddad" in html and request.reference in html
    response = client.post(f"/en/staff/requests/{request.pk}/decide/", {"decision": "accept"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "accepted"
    assert request.decided_by == counsellor_stuttgart
    assert AuditEvent.objects.filter(action="appointment_request.accepted").exists()


def test_another_organisation_neither_sees_nor_decides_the_request(
    client, awo, ikubiz, counsellor_mannheim, login_verified
):
    send(client, awo)
    request = AppointmentRequest.objects.get()
    login_verified(counsellor_mannheim)
    html = client.get("/en/staff/requests/").content.decode()
    assert "Amal Haddad" not in html
    response = client.post(f"/en/staff/requests/{request.pk}/decide/", {"decision": "decline"})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "new"


def test_trainers_have_no_request_inbox(client, awo, org_coordination, login_verified):
    from lotse.accounts.models import Role
    from tests.conftest import make_user

    trainer = make_user("tina", Role.TRAINER, org_coordination)
    login_verified(trainer)
    assert client.get("/en/staff/requests/").status_code == 403


def test_workspace_links_to_the_inbox_and_the_centre_entry(
    client, awo, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    html = client.get("/en/staff/").content.decode()
    assert "/en/staff/requests/" in html
    assert f"/en/staff/centres/{awo.key}/edit/" in html
