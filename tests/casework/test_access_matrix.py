"""Every role × every casework route × own vs other organisation, generated from the URL table.

The routes are read from `lotse.casework.urls`, so a new view is in the matrix the moment it
has a URL. Each `<int:…>` in a route is filled with the id of a record of the Stuttgart
organisation, chosen by the path segment in front of it (`clients/<pk>` → a client,
`documents/<pk>` → a document …). A route whose segment is unknown fails the first test, so
nobody can add a route that the matrix silently skips.

Expectations:
- anonymous visitors are sent to the login page, for GET and POST (a method a route does not
  take answers 405 for everybody, before anything is looked up);
- roles without casework rights (trainer, quality manager, coordinator, administrator) get
  403 or 404 and never see the client's data;
- a counsellor or lead of the other organisation gets 404 for every Stuttgart record, GET or
  POST, and nothing of Stuttgart changes; on pages without a record id (lists) the Stuttgart
  client does not appear;
- a counsellor of Stuttgart reaches every page (lead-only pages: 403), a lead reaches all.
"""

import datetime as dt
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lotse.accounts.models import Role
from lotse.casework import services
from lotse.casework import urls as casework_urls
from lotse.casework.appointments import appointment_book
from lotse.casework.documents import document_add
from lotse.casework.models import (
    Appointment,
    Client,
    Consent,
    CounsellingSession,
    Document,
    FollowUp,
    Outcome,
    RecognitionCase,
    Referral,
)
from lotse.guide.models import AppointmentRequest
from lotse.guide.services import appointment_request_create
from lotse.occupations.models import Occupation
from tests.conftest import make_user

CANARY = "Canarina Stuttgartova"
LEAD_ONLY = {"team", "monitoring_export"}
# The path segment in front of an id → the kind of record the id names.
SEGMENT_MODEL = {
    "clients": "client",
    "consents": "consent",
    "tasks": "task",
    "cases": "case",
    "referrals": "referral",
    "documents": "document",
    "appointments": "appointment",
    "inbox": "request",
}


def _routes() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(url name, route, [(kwarg, kind of record)]) for every casework route."""
    found = []
    for pattern in casework_urls.urlpatterns:
        route = str(pattern.pattern)
        kwargs = []
        for match in re.finditer(r"([\w-]+)/<int:(\w+)>", route):
            kwargs.append((match.group(2), SEGMENT_MODEL.get(match.group(1), "?")))
        found.append((pattern.name, route, kwargs))
    return found


ROUTES = _routes()
KWARGS = {name: kwargs for name, _route, kwargs in ROUTES}


def test_every_casework_route_is_in_the_matrix():
    assert len(ROUTES) >= 30
    unknown = [(name, route) for name, route, kwargs in ROUTES if any(k == "?" for _, k in kwargs)]
    assert unknown == [], "add the path segment of these routes to SEGMENT_MODEL"


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("diploma.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


@pytest.fixture
def world(awo, ikubiz, counsellor_stuttgart, counsellor_mannheim, org_stuttgart, make_client):
    """One record of every kind in Stuttgart, and a Mannheim client referred to Stuttgart."""
    today = timezone.localdate()
    aylin = counsellor_stuttgart
    client = make_client(aylin, name=CANARY, email="canary@example.org", district_code="08111")
    session = services.session_add(
        client=client,
        user=aylin,
        values={
            "date": today,
            "duration_minutes": 30,
            "mode": "phone",
            "language": "de",
            "interpreter": False,
            "topics": ["recognition"],
            "note": "",
        },
    )
    case = services.case_open(
        client=client, user=aylin, occupation=Occupation.objects.get(slug="arzt")
    )
    task = services.follow_up_create(
        client=client, user=aylin, assignee=aylin, title="Call back", due_on=today
    )
    document = document_add(client=client, user=aylin, upload=_pdf(), kind="diploma")
    appointment = appointment_book(
        client=client,
        user=aylin,
        counsellor=aylin,
        starts_at=timezone.now() + dt.timedelta(days=3),
        duration_minutes=60,
        mode="in_person",
        language="de",
    )
    request, _ = appointment_request_create(
        centre=awo,
        token=uuid.uuid4(),
        name="Requesta Canarina",
        email="request@example.org",
        phone="",
        preferred_language="de",
        preferred_times="",
        message="",
        occupation_slug="arzt",
        country="UA",
        district_code="08111",
        language="de",
    )
    # A Mannheim client referred to Stuttgart: the referral Stuttgart answers.
    jonas = counsellor_mannheim
    karim = make_client(jonas, name="Karim Haddad", email="karim@example.org")
    services.consent_record(
        client=karim,
        user=jonas,
        purpose="referral",
        given_on=today,
        receiving_organisation=org_stuttgart,
        shared_fields=["name"],
    )
    referral = services.referral_create(
        client=karim, user=jonas, kind="organisation", receiving_organisation=org_stuttgart
    )
    return {
        "client": client,
        "consent": client.consents.first(),
        "session": session,
        "case": case,
        "task": task,
        "document": document,
        "appointment": appointment,
        "request": request,
        "referral": referral,
    }


def _url(name: str, kwargs: list[tuple[str, str]], world: dict) -> str:
    return reverse(f"casework:{name}", kwargs={k: world[kind].pk for k, kind in kwargs})


def _fingerprint(organisation_id: int) -> list:
    """Everything about Stuttgart's records that a refused request must leave untouched."""
    rows = []
    for model in (
        Client,
        Consent,
        CounsellingSession,
        RecognitionCase,
        FollowUp,
        Outcome,
        Document,
        Appointment,
    ):
        rows.append(list(model.objects.filter(organisation_id=organisation_id).values()))
    rows.append(list(Referral.objects.filter(receiving_organisation_id=organisation_id).values()))
    rows.append(list(AppointmentRequest.objects.filter(organisation_id=organisation_id).values()))
    return rows


def _visit_all(client, world) -> list[tuple[str, str, int, bytes]]:
    """GET every route, then POST every route: (name, method, status, body)."""
    seen = []
    for method in ("get", "post"):
        for name, _route, kwargs in ROUTES:
            response = getattr(client, method)(_url(name, kwargs, world))
            body = b"".join(response.streaming_content) if response.streaming else response.content
            seen.append((name, method, response.status_code, body))
    return seen


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    for name, method, status, _body in _visit_all(client, world):
        # 405: the method is refused before anything else is looked at.
        assert status in (302, 405), (name, method, status)


@pytest.mark.parametrize("role", [Role.TRAINER, Role.QUALITY, Role.COORDINATOR, Role.ADMIN])
def test_roles_without_casework_rights_reach_no_client_data(
    client, world, login_verified, org_coordination, org_stuttgart, role
):
    # A member of the coordination and, worse, one inside the client's own organisation.
    for organisation in (org_coordination, org_stuttgart):
        user = make_user(f"{role}-{organisation.slug}", role, organisation)
        client.logout()
        login_verified(user)
        before = _fingerprint(world["client"].organisation_id)
        for name, method, status, body in _visit_all(client, world):
            assert status in (403, 404, 405), (role, organisation.slug, name, method, status)
            assert CANARY.encode() not in body, (name, method)
        assert _fingerprint(world["client"].organisation_id) == before


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.LEAD])
def test_the_other_organisation_gets_404_for_every_record_and_changes_nothing(
    client, world, login_verified, org_mannheim, role
):
    login_verified(make_user(f"mannheim-{role}", role, org_mannheim))
    before = _fingerprint(world["client"].organisation_id)
    for name, method, status, body in _visit_all(client, world):
        if KWARGS[name]:
            assert status in (404, 405), (role, name, method, status)
        else:
            assert status < 500, (name, method, status)
            assert CANARY.encode() not in body, (name, method)
    assert _fingerprint(world["client"].organisation_id) == before


@pytest.mark.parametrize("role", [Role.COUNSELLOR, Role.LEAD])
def test_the_own_organisation_reaches_every_page(
    client, world, login_verified, org_stuttgart, counsellor_stuttgart, role
):
    user = (
        counsellor_stuttgart if role == Role.COUNSELLOR else make_user("lea", role, org_stuttgart)
    )
    login_verified(user)
    for name, method, status, _body in _visit_all(client, world):
        if name in LEAD_ONLY and role == Role.COUNSELLOR:
            assert status == 403, (name, method, status)
        elif method == "get":
            assert status in (200, 302, 405), (role, name, method, status)
        else:
            # An empty form is refused with a message or redirected, never 403/404/500.
            assert status in (200, 302, 400, 405, 409), (role, name, method, status)
    detail = client.get(reverse("casework:client_detail", args=[world["client"].pk]))
    assert CANARY in detail.content.decode()


def test_every_token_protected_api_operation_is_in_the_api_matrix():
    """The API's own matrix (`tests/api/test_casework_api.py`) lists its endpoints; this reads
    the OpenAPI schema so that a new protected operation cannot be left out of it."""
    from lotse.api.urls import api
    from tests.api.test_casework_api import ENDPOINTS

    protected = set()
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            if operation.get("security"):
                route = re.sub(r"\{\w+\}", "1", path.removeprefix("/api/v1"))
                protected.add((method, route))
    assert len(protected) >= 8
    assert protected <= set(ENDPOINTS), protected - set(ENDPOINTS)
