"""The day/week calendar per counsellor: defaults, navigation, scoping, odd input."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.core.models import AuditEvent
from tests.casework.test_appointments import book, earlier_today, local


@pytest.fixture
def client_arabic(counsellor_stuttgart, make_client):
    return make_client(
        counsellor_stuttgart,
        name="Karim Haddad",
        email="karim@example.org",
        preferred_language="ar",
    )


def test_roles_without_casework_cannot_open_the_calendar(client, coordinator, login_verified):
    login_verified(coordinator)
    assert client.get("/en/staff/calendar/").status_code == 403


def test_calendar_shows_my_day_by_default_with_links_to_the_clients(
    client, counsellor_stuttgart, lead_stuttgart, client_stuttgart, client_arabic, login_verified
):
    mine = earlier_today(book(client_stuttgart, counsellor_stuttgart, local(1, 10)))
    earlier_today(
        book(client_arabic, counsellor_stuttgart, local(1, 10), counsellor=lead_stuttgart)
    )
    login_verified(counsellor_stuttgart)
    page = client.get("/en/staff/calendar/").content.decode()
    assert f'href="/en/staff/clients/{client_stuttgart.pk}/"' in page
    assert f'href="/en/staff/appointments/{mine.pk}/"' in page
    assert "Karim Haddad" not in page
    assert "(today)" in page and 'scope="col"' in page and "<caption" in page
    assert AuditEvent.objects.filter(action="appointment.calendar_viewed").count() == 1


def test_calendar_shows_a_colleagues_week_and_navigates_by_week(
    client, counsellor_stuttgart, lead_stuttgart, client_arabic, login_verified
):
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    thursday = monday + dt.timedelta(days=3)
    starts = timezone.make_aware(dt.datetime.combine(thursday, dt.time(9)))
    book(client_arabic, counsellor_stuttgart, starts, counsellor=lead_stuttgart)
    login_verified(counsellor_stuttgart)
    query = {"counsellor": lead_stuttgart.pk, "day": thursday.isoformat(), "view": "week"}
    page = client.get("/en/staff/calendar/", query).content.decode()
    assert "Karim Haddad" in page and "09:00–10:00" in page
    assert page.count("<h2") == 7
    assert "1 appointment from" in page and "No appointments." in page
    previous = (thursday - dt.timedelta(days=7)).isoformat()
    following = (thursday + dt.timedelta(days=7)).isoformat()
    assert f"day={previous}&amp;view=week&amp;counsellor={lead_stuttgart.pk}" in page
    assert f"day={following}&amp;view=week&amp;counsellor={lead_stuttgart.pk}" in page
    day_page = client.get(
        "/en/staff/calendar/", {**query, "day": (thursday + dt.timedelta(days=1)).isoformat(),
                                "view": "day"}
    ).content.decode()  # fmt: skip
    assert "Karim Haddad" not in day_page and day_page.count("<h2") == 1


def test_calendar_shows_only_the_own_organisation(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, client_mannheim,
    login_verified,
):  # fmt: skip
    earlier_today(book(client_stuttgart, counsellor_stuttgart, local(1, 10)))
    earlier_today(book(client_mannheim, counsellor_mannheim, local(1, 10)))
    login_verified(counsellor_mannheim)
    page = client.get("/en/staff/calendar/").content.decode()
    assert "Karim Haddad" in page and "Olga Petrenko" not in page
    assert "Aylin" not in page
    response = client.get("/en/staff/calendar/", {"counsellor": counsellor_stuttgart.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a counsellor of your team." in page and "Olga Petrenko" not in page


@pytest.mark.parametrize(
    "query",
    ["?day=2025-02-31", "?day=abc&view=evil", "?counsellor=abc", "?counsellor=999999", "?view=x"],
)
def test_calendar_answers_odd_input_with_a_message(
    client, counsellor_stuttgart, login_verified, query
):
    login_verified(counsellor_stuttgart)
    response = client.get("/en/staff/calendar/" + query)
    assert response.status_code == 400
    assert "Please correct the following" in response.content.decode()
