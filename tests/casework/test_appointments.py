"""Booking, changing and cancelling appointments; the e-mails and .ics files the client gets;
the staff .ics download and the day/week calendar."""

import datetime as dt
import threading

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from lotse.casework import appointments
from lotse.casework.models import Appointment, Client
from lotse.casework.rules import CaseworkError
from lotse.core.models import AuditEvent


def local(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime `days` from today at `hour:minute`, local time (Europe/Berlin)."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def book(client, user, starts_at, *, counsellor=None, duration=60, **values):
    values.setdefault("mode", "in_person")
    values.setdefault("language", "de")
    return appointments.appointment_book(
        client=client,
        user=user,
        counsellor=counsellor or user,
        starts_at=starts_at,
        duration_minutes=duration,
        **values,
    )


def form_data(starts_at, counsellor, **values) -> dict:
    local_start = timezone.localtime(starts_at)
    data = {
        "ap-date": local_start.date().isoformat(),
        "ap-time": local_start.strftime("%H:%M"),
        "ap-duration_minutes": "60",
        "ap-mode": "in_person",
        "ap-location": "",
        "ap-language": "de",
        "ap-counsellor": str(counsellor.pk),
    }
    data.update({f"ap-{key}": value for key, value in values.items()})
    return data


def invitation(message) -> tuple[Calendar, object]:
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    return calendar, next(iter(calendar.walk("VEVENT")))


def earlier_today(appointment: Appointment) -> Appointment:
    """Let time pass: an appointment booked earlier now lies early today (a booking in the
    past is refused, so tests move it there)."""
    early = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0, 5)))
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=early)
    appointment.refresh_from_db()
    return appointment


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def client_arabic(counsellor_stuttgart, make_client):
    return make_client(
        counsellor_stuttgart,
        name="Karim Haddad",
        email="karim@example.org",
        preferred_language="ar",
    )


@pytest.fixture
def client_without_email(counsellor_stuttgart, make_client):
    return make_client(counsellor_stuttgart, name="Lena Ivanova", phone="+49 711 555 0101")


# --- Booking and its e-mails ---------------------------------------------------------------


def test_counsellor_books_a_slot_and_the_german_client_gets_a_confirmation_in_german(
    client,
    counsellor_stuttgart,
    client_stuttgart,
    login_verified,
    django_capture_on_commit_callbacks,
):
    login_verified(counsellor_stuttgart)
    starts = local(3, 10, 30)
    data = form_data(
        starts, counsellor_stuttgart, location="Hauptstätter Str. 1, Stuttgart",
        language="uk", interpreter_needed="on", duration_minutes="45",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/appointments/", data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/staff/clients/{client_stuttgart.pk}/#appointments")
    assert "Appointment booked. The client gets an e-mail with a calendar file." in messages_of(
        response
    )
    appointment = Appointment.objects.get()
    assert (appointment.starts_at, appointment.duration_minutes) == (starts, 45)
    assert (appointment.language, appointment.interpreter_needed) == ("uk", True)
    assert appointment.counsellor == counsellor_stuttgart and appointment.sequence == 0
    [message] = mail.outbox
    assert message.to == ["olga@example.org"]
    assert message.extra_headers["Content-Language"] == "de"
    with translation.override("de"):
        day = date_format(timezone.localtime(starts), "DATE_FORMAT")
        weekday = date_format(timezone.localtime(starts), "l")
    assert day in message.subject
    assert message.body.startswith("Hallo Olga Petrenko,")
    assert weekday in message.body and "10:30" in message.body
    assert "Hauptstätter Str. 1, Stuttgart" in message.body
    assert "IQ Netzwerk Baden-Württemberg" in message.body


def test_arabic_client_gets_the_confirmation_in_arabic(
    counsellor_stuttgart, client_arabic, django_capture_on_commit_callbacks
):
    starts = local(5, 9)
    with django_capture_on_commit_callbacks(execute=True):
        book(client_arabic, counsellor_stuttgart, starts, mode="phone", language="ar")
    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "ar"
    with translation.override("ar"):
        day = date_format(timezone.localtime(starts), "DATE_FORMAT")
        weekday = date_format(timezone.localtime(starts), "l")
    assert day in message.subject
    assert message.body.startswith("مرحبًا Karim Haddad،")
    assert weekday in message.body
    assert "شبكة IQ" in message.body
    assert "Hallo" not in message.body and "Dear" not in message.body


def test_confirmation_carries_an_invitation_with_stable_uid_sequence_and_utc_start(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    starts = local(4, 14)
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(client_stuttgart, counsellor_stuttgart, starts, duration=90)
    calendar, event = invitation(mail.outbox[0])
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == appointment.uid
    assert int(event["SEQUENCE"]) == 0
    assert event["DTSTART"].to_ical().decode().endswith("Z")
    assert event.decoded("DTSTART") == starts
    assert event.decoded("DTEND") == starts + dt.timedelta(minutes=90)
    assert str(event["ATTENDEE"]) == "mailto:olga@example.org"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_rescheduling_and_cancelling_send_the_same_uid_with_a_growing_sequence(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(client_stuttgart, counsellor_stuttgart, local(4, 14))
    later = local(6, 11)
    with django_capture_on_commit_callbacks(execute=True):
        appointments.appointment_reschedule(
            appointment=appointment, user=counsellor_stuttgart, counsellor=counsellor_stuttgart,
            starts_at=later, duration_minutes=60, mode="video", language="de",
            location="https://video.example.org/room-7",
        )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        appointments.appointment_cancel(appointment=appointment, user=counsellor_stuttgart)
    confirmation, change, cancellation = (invitation(m) for m in mail.outbox)
    assert {str(event["UID"]) for _cal, event in (confirmation, change, cancellation)} == {
        appointment.uid
    }
    assert [int(event["SEQUENCE"]) for _cal, event in (confirmation, change, cancellation)] == [
        0,
        1,
        2,
    ]
    assert str(change[0]["METHOD"]) == "REQUEST" and change[1].decoded("DTSTART") == later
    assert "https://video.example.org/room-7" in mail.outbox[1].body
    assert str(cancellation[0]["METHOD"]) == "CANCEL"
    assert str(cancellation[1]["STATUS"]) == "CANCELLED"
    appointment.refresh_from_db()
    assert appointment.status == "cancelled" and appointment.sequence == 2


def test_no_email_goes_out_when_the_client_has_no_address_and_the_pages_say_so(
    client, counsellor_stuttgart, client_without_email, login_verified,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/clients/{client_without_email.pk}/appointments/"
    assert "has no e-mail address" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(local(2, 9), counsellor_stuttgart))
    assert "The client has no e-mail address: please tell them yourself." in " ".join(
        messages_of(response)
    )
    appointment = Appointment.objects.get()
    page = client.get(f"/en/staff/appointments/{appointment.pk}/").content.decode()
    assert "the client has no e-mail address" in page
    with django_capture_on_commit_callbacks(execute=True):
        appointments.appointment_cancel(appointment=appointment, user=counsellor_stuttgart)
    assert mail.outbox == []


def test_client_page_lists_appointments_and_says_when_no_email_goes_out(
    client, counsellor_stuttgart, client_without_email, client_stuttgart, login_verified
):
    book(client_without_email, counsellor_stuttgart, local(2, 9), location="Raum 4")
    login_verified(counsellor_stuttgart)
    page = client.get(f"/en/staff/clients/{client_without_email.pk}/").content.decode()
    section = page[page.index('id="appointments"') :]
    assert "this client has no e-mail address" in section
    assert "Raum 4" in section and "Book appointment" in section
    other = client.get(f"/en/staff/clients/{client_stuttgart.pk}/").content.decode()
    assert "this client has no e-mail address" not in other
    assert "by e-mail, in German, with a calendar file" in other


# --- What is refused ------------------------------------------------------------------------


def test_an_overlapping_slot_of_the_same_counsellor_is_refused_with_a_clear_message(
    client, counsellor_stuttgart, client_stuttgart, client_arabic, login_verified
):
    book(client_stuttgart, counsellor_stuttgart, local(3, 10), duration=60)
    login_verified(counsellor_stuttgart)
    response = client.post(
        f"/en/staff/clients/{client_arabic.pk}/appointments/",
        form_data(local(3, 10, 30), counsellor_stuttgart),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Aylin already has an appointment on" in page and "from 10:00 to 11:00" in page
    assert Appointment.objects.count() == 1


def test_back_to_back_slots_other_counsellors_and_cancelled_slots_do_not_clash(
    counsellor_stuttgart, lead_stuttgart, client_stuttgart, client_arabic
):
    first = book(client_stuttgart, counsellor_stuttgart, local(3, 10), duration=60)
    book(client_arabic, counsellor_stuttgart, local(3, 11), duration=30)
    book(client_arabic, counsellor_stuttgart, local(3, 10), counsellor=lead_stuttgart)
    appointments.appointment_cancel(appointment=first, user=counsellor_stuttgart)
    book(client_arabic, counsellor_stuttgart, local(3, 10, 15), duration=30)
    assert Appointment.objects.filter(status="booked").count() == 3


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"starts_at": local(-1, 10)}, "cannot start in the past"),
        ({"duration": 5}, "between 10 and 480 minutes"),
        ({"mode": "email"}, "in person, phone or video"),
        ({"mode": "video", "location": ""}, "video link"),
        ({"language": "xx"}, "language of the appointment"),
    ],
)
def test_bad_bookings_are_refused_with_a_message(
    counsellor_stuttgart, client_stuttgart, change, message
):
    values = {"starts_at": local(2, 10), **change}
    with translation.override("en"), pytest.raises(CaseworkError, match=message):
        book(client_stuttgart, counsellor_stuttgart, **values)
    assert not Appointment.objects.exists()


def test_a_client_whose_data_was_erased_cannot_be_booked(counsellor_stuttgart, client_stuttgart):
    Client.objects.filter(pk=client_stuttgart.pk).update(erased_at=timezone.now())
    client_stuttgart.refresh_from_db()
    with translation.override("en"), pytest.raises(CaseworkError, match="erased"):
        book(client_stuttgart, counsellor_stuttgart, local(2, 10))


def test_appointments_are_booked_only_with_counsellors_of_the_clients_organisation(
    counsellor_stuttgart, counsellor_mannheim, client_stuttgart
):
    with translation.override("en"), pytest.raises(CaseworkError, match="counsellors of your"):
        book(client_stuttgart, counsellor_stuttgart, local(2, 10), counsellor=counsellor_mannheim)


def test_the_booking_form_answers_garbage_with_messages(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    garbage = {"ap-date": "31.02.", "ap-time": "25:99", "ap-duration_minutes": "-4",
               "ap-mode": "<script>", "ap-language": "zz",
               "ap-counsellor": str(counsellor_mannheim.pk), "ap-location": "x" * 400}  # fmt: skip
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/appointments/", garbage)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please correct the following" in page and "<script>" not in page
    assert "Enter a valid date" in page and "Enter a valid time" in page
    assert not Appointment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_simultaneous_bookings_of_one_slot_give_it_to_exactly_one_client(
    counsellor_stuttgart, make_client
):
    clients = [make_client(counsellor_stuttgart, name=f"Client {i}") for i in range(6)]
    starts = local(3, 10)
    barrier = threading.Barrier(len(clients))
    refused, errors = [], []

    def worker(c):
        try:
            barrier.wait()
            book(c, counsellor_stuttgart, starts)
        except CaseworkError as error:
            refused.append(error)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Appointment.objects.count() == 1 and len(refused) == len(clients) - 1


# --- Change, cancel, done ------------------------------------------------------------------


def test_counsellor_changes_cancels_and_marks_done_through_the_appointment_page(
    client, counsellor_stuttgart, client_stuttgart, login_verified,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    future = book(client_stuttgart, counsellor_stuttgart, local(3, 10))
    login_verified(counsellor_stuttgart)
    page = client.get(f"/en/staff/appointments/{future.pk}/").content.decode()
    assert "Change date or details" in page and "Mark as done" not in page
    response = client.post(
        f"/en/staff/appointments/{future.pk}/change/",
        form_data(local(3, 15), counsellor_stuttgart),
    )
    assert response.status_code == 302
    future.refresh_from_db()
    assert future.starts_at == local(3, 15) and future.sequence == 1
    nothing = client.post(
        f"/en/staff/appointments/{future.pk}/change/",
        form_data(local(3, 15), counsellor_stuttgart),
    )
    assert nothing.status_code == 400 and "Nothing was changed." in nothing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/staff/appointments/{future.pk}/cancel/")
    future.refresh_from_db()
    assert future.status == "cancelled"
    assert str(invitation(mail.outbox[-1])[0]["METHOD"]) == "CANCEL"
    again = client.post(f"/en/staff/appointments/{future.pk}/cancel/")
    assert "Only a booked appointment can be cancelled." in messages_of(again)

    Appointment.objects.filter(pk=future.pk).update(status="booked")
    refused = client.post(f"/en/staff/appointments/{future.pk}/done/")
    assert "once it has begun" in " ".join(messages_of(refused))
    Appointment.objects.filter(pk=future.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=1)
    )
    client.post(f"/en/staff/appointments/{future.pk}/done/")
    future.refresh_from_db()
    assert future.status == "done"
    client_stuttgart.refresh_from_db()
    assert client_stuttgart.last_contact_on == timezone.localdate()


def test_staff_ics_download_names_the_client_by_number_only_and_is_audited(
    client, counsellor_stuttgart, client_stuttgart, login_verified
):
    appointment = book(client_stuttgart, counsellor_stuttgart, local(3, 10), location="Raum 4")
    login_verified(counsellor_stuttgart)
    response = client.get(f"/en/staff/appointments/{appointment.pk}/appointment.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(event["UID"]) == appointment.uid
    assert client_stuttgart.number in str(event["SUMMARY"])
    assert b"Olga" not in response.content and b"olga@example.org" not in response.content
    assert AuditEvent.objects.filter(
        action="appointment.ics_downloaded", target_id=str(appointment.pk)
    ).exists()


def test_audit_events_of_appointments_hold_no_personal_data(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(client_stuttgart, counsellor_stuttgart, local(3, 10), location="Raum 4")
        appointments.appointment_cancel(appointment=appointment, user=counsellor_stuttgart)
    events = AuditEvent.objects.filter(target_type="casework.appointment")
    assert {e.action for e in events} >= {
        "appointment.booked",
        "appointment.cancelled",
        "appointment.mail_sent",
    }
    for event in events:
        text = f"{event.summary} {event.extra}"
        assert "Olga" not in text and "olga@" not in text and "Raum 4" not in text


# --- Another organisation ------------------------------------------------------------------


def test_another_organisations_appointment_and_client_answer_404(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, login_verified
):
    appointment = book(client_stuttgart, counsellor_stuttgart, local(3, 10))
    login_verified(counsellor_mannheim)
    base = f"/en/staff/appointments/{appointment.pk}"
    for url in (f"{base}/", f"{base}/appointment.ics"):
        assert client.get(url).status_code == 404, url
    for url in (f"{base}/change/", f"{base}/cancel/", f"{base}/done/"):
        assert client.post(url, form_data(local(4, 10), counsellor_mannheim)).status_code == 404
    booking = f"/en/staff/clients/{client_stuttgart.pk}/appointments/"
    assert client.post(booking, form_data(local(4, 10), counsellor_mannheim)).status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == "booked" and appointment.sequence == 0
