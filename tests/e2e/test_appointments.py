"""Booking an appointment in the browser, and the calendar pages under axe (WCAG 2.1 AA),
in German and English."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.casework import appointments
from lotse.casework.models import Appointment
from lotse.casework.services import client_create
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_quality import log_in


def tomorrow_at(hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_counsellor_books_an_appointment_and_the_calendar_pages_pass_axe(
    page, axe, counsellor_stuttgart, lang
):
    client = client_create(
        organisation=counsellor_stuttgart.organisation,
        user=counsellor_stuttgart,
        values={"name": "Olga Petrenko", "email": "olga@example.org"},
    )
    first = appointments.appointment_book(
        client=client, user=counsellor_stuttgart, counsellor=counsellor_stuttgart,
        starts_at=tomorrow_at(10), duration_minutes=60, mode="in_person", language="uk",
    )  # fmt: skip
    log_in(page, counsellor_stuttgart)

    page.goto(f"/{lang}/staff/clients/{client.pk}/appointments/")
    assert_no_axe_violations(axe, page)
    page.locator("#id_ap-date").fill(tomorrow_at(10).date().isoformat())
    page.locator("#id_ap-time").fill("10:30")
    page.locator("#id_ap-time").press("Enter")
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert "10:00" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(axe, page)

    page.locator("#id_ap-time").fill("14:00")
    page.locator("#id_ap-time").press("Enter")
    page.wait_for_url(f"**/staff/clients/{client.pk}/#appointments")
    assert page.locator("#appointments tbody tr").count() == 2
    assert_no_axe_violations(axe, page)
    second = Appointment.objects.exclude(pk=first.pk).get()
    assert timezone.localtime(second.starts_at) == tomorrow_at(14)

    day = timezone.localdate() + dt.timedelta(days=1)
    for url in (
        f"/{lang}/staff/calendar/",
        f"/{lang}/staff/calendar/?day={day.isoformat()}&view=week",
        f"/{lang}/staff/calendar/?day=not-a-day",
        f"/{lang}/staff/appointments/{second.pk}/",
    ):
        page.goto(url)
        assert_no_axe_violations(axe, page)

    page.goto(f"/{lang}/staff/calendar/?day={day.isoformat()}")
    assert page.locator("table tbody tr").count() == 2
    assert page.get_by_role("link", name="Olga Petrenko").count() == 2
