"""Helpers of the counsellor's workspace tests (clients, intake, cases, referrals, tasks)."""

import uuid
from datetime import timedelta

from django.utils import timezone

from lotse.casework import services
from lotse.guide.services import appointment_request_create
from lotse.occupations.models import Occupation


def guide_request(centre, name="Olga Petrenko", **values):
    """An appointment request as the public guide stores it."""
    fields = {
        "token": uuid.uuid4(),
        "name": name,
        "email": "olga.p@example.org",
        "phone": "",
        "preferred_language": "uk",
        "preferred_times": "Tuesday afternoon",
        "message": "I am a nurse from Kyiv.",
        "occupation_slug": "pflegefachmann",
        "country": "UA",
        "district_code": "08111",
        "language": "uk",
    }
    fields.update(values)
    found, _created = appointment_request_create(centre=centre, **fields)
    return found


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


def open_case(client, user, slug="pflegefachmann", **values):
    return services.case_open(
        client=client, user=user, occupation=Occupation.objects.get(slug=slug), values=values
    )


def page_text(response) -> str:
    return response.content.decode()
