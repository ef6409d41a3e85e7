"""Reminder e-mails from `lotse send_casework_reminders`: the client's appointment reminder a
day before, and the assignee's e-mail when a follow-up task becomes due. Each goes out once."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from lotse.casework import appointments, services
from lotse.casework.models import Appointment, Client
from lotse.casework.tasks import enqueue_appointment_reminders, enqueue_follow_up_reminders
from lotse.core.models import AuditEvent
from tests.casework.test_appointments import book, local


def run_reminders() -> str:
    out = io.StringIO()
    call_command("send_casework_reminders", stdout=out)
    return out.getvalue()


def starting_in(appointment: Appointment, delta: dt.timedelta) -> Appointment:
    """Let time pass until the appointment is `delta` away."""
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=timezone.now() + delta)
    appointment.refresh_from_db()
    return appointment


@pytest.fixture
def client_arabic(counsellor_stuttgart, make_client):
    return make_client(
        counsellor_stuttgart,
        name="Karim Haddad",
        email="karim@example.org",
        preferred_language="ar",
    )


@pytest.fixture
def aylin_with_email(counsellor_stuttgart):
    counsellor_stuttgart.email = "aylin@example.org"
    counsellor_stuttgart.save(update_fields=["email"])
    return counsellor_stuttgart


# --- Appointment reminders -----------------------------------------------------------------


def test_the_client_is_reminded_once_a_day_before_in_their_language(
    counsellor_stuttgart, client_arabic, django_capture_on_commit_callbacks
):
    appointment = book(client_arabic, counsellor_stuttgart, local(3, 10), mode="phone")
    mail.outbox.clear()
    starting_in(appointment, dt.timedelta(hours=23, minutes=30))
    with django_capture_on_commit_callbacks(execute=True):
        assert "Appointment reminders queued: 1." in run_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        assert "Appointment reminders queued: 0." in run_reminders()
    [reminder] = mail.outbox
    assert reminder.to == ["karim@example.org"]
    assert reminder.extra_headers["Content-Language"] == "ar"
    assert reminder.body.startswith("مرحبًا Karim Haddad،")
    with translation.override("ar"):
        assert date_format(timezone.localtime(appointment.starts_at), "l") in reminder.body
    event = next(iter(Calendar.from_ical(reminder.attachments[0].content).walk("VEVENT")))
    assert str(event["UID"]) == appointment.uid
    appointment.refresh_from_db()
    assert appointment.reminded_at is not None


def test_appointments_further_ahead_are_not_reminded_yet(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    appointment = book(client_stuttgart, counsellor_stuttgart, local(3, 10))
    mail.outbox.clear()
    starting_in(appointment, dt.timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_appointment_reminders(now=timezone.now() + dt.timedelta(hours=2)) == 1
    assert len(mail.outbox) == 1


def test_cancelled_and_done_appointments_are_not_reminded(
    counsellor_stuttgart, client_stuttgart, client_arabic, django_capture_on_commit_callbacks
):
    cancelled = book(client_stuttgart, counsellor_stuttgart, local(3, 10))
    appointments.appointment_cancel(appointment=cancelled, user=counsellor_stuttgart)
    done = book(client_arabic, counsellor_stuttgart, local(3, 12))
    Appointment.objects.filter(pk=done.pk).update(status="done")
    for appointment in (cancelled, done):
        starting_in(appointment, dt.timedelta(hours=20))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert "Appointment reminders queued: 0." in run_reminders()
    assert mail.outbox == []


def test_a_reminder_queued_before_a_cancellation_is_not_sent(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    appointment = starting_in(
        book(client_stuttgart, counsellor_stuttgart, local(3, 10)), dt.timedelta(hours=20)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert enqueue_appointment_reminders() == 1
    appointments.appointment_cancel(appointment=appointment, user=counsellor_stuttgart)
    for callback in queued:
        callback()
    assert mail.outbox == []


def test_clients_without_email_or_with_erased_data_get_no_reminder(
    counsellor_stuttgart, make_client, client_stuttgart, django_capture_on_commit_callbacks
):
    no_email = make_client(counsellor_stuttgart, name="Lena Ivanova", phone="+49 711 555 0101")
    for hour, client in ((10, no_email), (12, client_stuttgart)):
        starting_in(book(client, counsellor_stuttgart, local(3, hour)), dt.timedelta(hours=20))
    Client.objects.filter(pk=client_stuttgart.pk).update(erased_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert "Appointment reminders queued: 0." in run_reminders()
    assert mail.outbox == []


def test_a_booking_less_than_a_day_ahead_gets_the_confirmation_and_no_second_reminder(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        book(client_stuttgart, counsellor_stuttgart, timezone.now() + dt.timedelta(hours=5))
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    assert len(mail.outbox) == 1


def test_a_new_date_earns_one_new_reminder(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    appointment = starting_in(
        book(client_stuttgart, counsellor_stuttgart, local(3, 10)), dt.timedelta(hours=20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders()
    appointments.appointment_reschedule(
        appointment=appointment, user=counsellor_stuttgart, counsellor=counsellor_stuttgart,
        starts_at=local(5, 9), duration_minutes=60, mode="in_person", language="de",
    )  # fmt: skip
    appointment.refresh_from_db()
    assert appointment.reminded_at is None
    starting_in(appointment, dt.timedelta(hours=22))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert "Appointment reminders queued: 1." in run_reminders()
    assert len(mail.outbox) == 1


# --- Follow-up task reminders --------------------------------------------------------------


def add_task(client, user, title, due_on):
    return services.follow_up_create(
        client=client, user=user, assignee=user, title=title, due_on=due_on
    )


def test_the_assignee_gets_one_email_when_tasks_become_due(
    aylin_with_email, client_stuttgart, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    due = add_task(client_stuttgart, aylin_with_email, "Bescheid nachfragen", today)
    overdue = add_task(
        client_stuttgart, aylin_with_email, "Zeugnis abholen", today - dt.timedelta(days=2)
    )
    tomorrow = add_task(
        client_stuttgart, aylin_with_email, "Kurs anmelden", today + dt.timedelta(days=1)
    )
    finished = add_task(client_stuttgart, aylin_with_email, "Erledigt", today)
    services.follow_up_done(task=finished, user=aylin_with_email)
    with django_capture_on_commit_callbacks(execute=True):
        assert "Task reminders queued: 2." in run_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        assert "Task reminders queued: 0." in run_reminders()
    [message] = mail.outbox
    assert message.to == ["aylin@example.org"]
    assert message.extra_headers["Content-Language"] == "de"
    assert message.body.startswith("Hallo Aylin,")
    assert "Bescheid nachfragen" in message.body and "Zeugnis abholen" in message.body
    assert "Kurs anmelden" not in message.body and "Erledigt" not in message.body
    assert client_stuttgart.number in message.body
    assert f"/de/staff/clients/{client_stuttgart.pk}/" in message.body
    assert "Olga" not in message.body and "olga@example.org" not in message.body
    for task in (due, overdue):
        task.refresh_from_db()
        assert task.reminded_on == today
    assert AuditEvent.objects.filter(action="follow_up.reminded").count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_follow_up_reminders(today=today + dt.timedelta(days=1)) == 1
    assert "Kurs anmelden" in mail.outbox[-1].body and len(mail.outbox) == 2
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_on == today + dt.timedelta(days=1)


def test_assignees_without_email_are_not_reminded_and_keep_their_tasks_unclaimed(
    counsellor_stuttgart, client_stuttgart, django_capture_on_commit_callbacks
):
    task = add_task(client_stuttgart, counsellor_stuttgart, "Anrufen", timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        assert "Task reminders queued: 0." in run_reminders()
    assert mail.outbox == []
    task.refresh_from_db()
    assert task.reminded_on is None


def test_a_task_done_before_the_email_goes_out_is_left_out(
    aylin_with_email, client_stuttgart, django_capture_on_commit_callbacks
):
    task = add_task(client_stuttgart, aylin_with_email, "Anrufen", timezone.localdate())
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert enqueue_follow_up_reminders() == 1
    services.follow_up_done(task=task, user=aylin_with_email)
    for callback in queued:
        callback()
    assert mail.outbox == []
