import io
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation
from icalendar import Calendar
from pypdf import PdfReader

from lotse.training import services
from lotse.training.models import Event, Registration
from tests.training.conftest import new_event


def register(event, name, email=None, **kwargs):
    kwargs.setdefault("language", "en")
    return services.registration_create(
        event_id=event.pk, name=name, email=email or f"{name.lower()}@example.org",
        organisation_name="Welcome Center", **kwargs,
    )  # fmt: skip


def test_seats_then_waiting_list_in_order(event):
    assert register(event, "Ana").status == "confirmed"
    assert register(event, "Ben").status == "confirmed"
    carl = register(event, "Carl")
    dora = register(event, "Dora")
    assert (carl.status, carl.waiting_position) == ("waiting", 1)
    assert (dora.status, dora.waiting_position) == ("waiting", 2)


def test_cancelling_a_seat_promotes_exactly_the_first_on_the_waiting_list(
    event, django_capture_on_commit_callbacks
):
    ana = register(event, "Ana")
    register(event, "Ben")
    carl = register(event, "Carl")
    dora = register(event, "Dora")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(token=ana.token)
    carl.refresh_from_db()
    dora.refresh_from_db()
    assert carl.status == "confirmed" and carl.waiting_position is None
    assert dora.status == "waiting"
    assert [m.to for m in mail.outbox] == [["carl@example.org"]]
    assert "seat" in mail.outbox[0].subject.lower()


def test_cancelling_a_waiting_place_promotes_nobody(event):
    register(event, "Ana")
    register(event, "Ben")
    carl = register(event, "Carl")
    services.registration_cancel(token=carl.token)
    assert Registration.objects.filter(status="confirmed").count() == 2


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda e: Event.objects.filter(pk=e.pk).update(status="draft"), "not open"),
        (
            lambda e: Event.objects.filter(pk=e.pk).update(
                registration_deadline=e.starts_at.replace(year=2000)
            ),
            "deadline has passed",
        ),
        (lambda e: register(e, "Ana", "ANA@example.org"), "already registered"),
    ],
)
def test_bad_registrations_are_refused_with_a_clear_message(event, setup, message):
    setup(event)
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        register(event, "Ana", "ana@example.org")


def test_confirmation_mail_carries_a_valid_ics_file(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "Ana", language="en")
    message = mail.outbox[0]
    name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    vevent = next(iter(calendar.walk("VEVENT")))
    assert str(vevent["SUMMARY"]) == "Anerkennungsrecht"
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)


def test_attendance_gives_a_certificate_that_the_public_page_verifies(
    client, event, trainer, login_verified
):
    ana = register(event, "Ana")
    login_verified(trainer)
    client.post(f"/en/staff/trainings/registrations/{ana.pk}/attendance/", {"present": "1"})
    ana.refresh_from_db()
    assert ana.attended is True and ana.certificate_code
    pdf = client.get(f"/en/trainings/registrations/{ana.token}/certificate.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Teilnahmebescheinigung" in text and "Ana" in text and ana.certificate_code in text
    page = client.get("/en/trainings/certificates/verify/", {"code": ana.certificate_code.lower()})
    assert "Valid: Ana attended" in page.content.decode()
    assert (
        "No certificate has this code"
        in client.get("/en/trainings/certificates/verify/", {"code": "NOPE"}).content.decode()
    )


def test_absent_participants_get_no_certificate(client, event, trainer, login_verified):
    ana = register(event, "Ana")
    login_verified(trainer)
    client.post(f"/en/staff/trainings/registrations/{ana.pk}/attendance/", {"present": "0"})
    assert client.get(f"/en/trainings/registrations/{ana.token}/certificate.pdf").status_code == 404


def test_trainer_sees_only_own_events_and_exports(
    client, event, trainer, login_verified, org_coordination
):
    from openpyxl import load_workbook

    from lotse.accounts.models import Role
    from tests.conftest import make_user

    register(event, "Ana")
    other = new_event(trainer=make_user("otto", Role.TRAINER, org_coordination))
    login_verified(trainer)
    assert event.module.title_de in client.get("/en/staff/trainings/").content.decode()
    assert client.get(f"/en/staff/trainings/events/{other.pk}/").status_code == 403
    csv_body = client.get(
        f"/en/staff/trainings/events/{event.pk}/registrations.csv"
    ).content.decode()
    assert "ana@example.org" in csv_body
    xlsx = client.get(f"/en/staff/trainings/events/{event.pk}/registrations.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.values)
    assert rows[1][1] == "ana@example.org"


def test_counsellors_have_no_trainer_back_office(
    client, counsellor_stuttgart, login_verified, event
):
    login_verified(counsellor_stuttgart)
    assert client.get("/en/staff/trainings/").status_code == 403


def test_public_json_and_ical_list_upcoming_events(client, event):
    register(event, "Ana")
    register(event, "Ben")
    register(event, "Carl")
    item = client.get("/api/v1/training/events").json()["items"][0]
    assert {"id", "title", "starts_at", "capacity", "seats_left", "waiting_list"} <= set(item)
    assert (item["capacity"], item["seats_left"], item["waiting_list"]) == (2, 0, 1)
    calendar = Calendar.from_ical(client.get("/api/v1/training/events.ics").content)
    assert len(list(calendar.walk("VEVENT"))) == 1


def test_registration_form_explains_bad_input_and_saves_nothing(client, event):
    response = client.post(
        f"/en/trainings/events/{event.pk}/",
        {"name": "Ana", "email": "nope", "organisation_name": "X"},
    )
    assert "name@example.org" in response.content.decode()
    assert not Registration.objects.exists()


def test_cancel_by_link(client, event):
    ana = register(event, "Ana")
    client.post(f"/en/trainings/registrations/{ana.token}/", {"action": "cancel"})
    ana.refresh_from_db()
    assert ana.status == "cancelled"


def test_anonymous_training_feedback(client, event, trainer, login_verified):
    url = f"/en/trainings/events/{event.pk}/feedback/{event.feedback_token}/"
    client.post(url, {"overall": "5", "useful": "4", "trainer": "5", "comment": "Sehr gut"})
    assert event.feedback.count() == 1
    assert (
        client.get(
            f"/en/trainings/events/{event.pk}/feedback/00000000-0000-0000-0000-000000000000/"
        ).status_code
        == 404
    )
    login_verified(trainer)
    assert "1 answer" in client.get(f"/en/staff/trainings/events/{event.pk}/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_many_simultaneous_registrations_never_overbook(trainer):
    event = new_event(capacity=3, trainer=trainer)
    barrier = threading.Barrier(8)
    errors = []

    def worker(i):
        try:
            barrier.wait()
            register(event, f"P{i}")
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Registration.objects.filter(event=event, status="confirmed").count() == 3
    positions = sorted(
        Registration.objects.filter(event=event, status="waiting").values_list(
            "waiting_position", flat=True
        )
    )
    assert positions == [1, 2, 3, 4, 5]


def test_participants_are_reminded_once_before_the_event(trainer):
    from django.core.management import call_command

    soon = new_event(trainer=trainer, days=1, deadline_days=0)
    later = new_event(trainer=trainer, days=20)
    register(soon, "Ana")
    register(later, "Ben")
    call_command("send_training_reminders", stdout=io.StringIO())
    call_command("send_training_reminders", stdout=io.StringIO())
    reminders = [m for m in mail.outbox if "Reminder" in m.subject]
    assert [m.to for m in reminders] == [["ana@example.org"]]
