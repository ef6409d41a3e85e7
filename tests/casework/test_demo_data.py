"""The demo workspace a newcomer sees after `make run`: enough clients, every case status,
referrals between the two demo organisations, tasks that are due, an inbox with requests."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.management.commands.load_demo_data import DEMO_PASSWORD
from lotse.accounts.models import User
from lotse.casework.models import (
    Appointment,
    CaseStep,
    Client,
    Consent,
    CounsellingSession,
    FollowUp,
    Outcome,
    RecognitionCase,
    Referral,
)
from lotse.casework.vocab import CaseStatus, CompensationType, Decision, ReferralKind
from lotse.core.models import AuditEvent
from lotse.directory.services import directory_load
from lotse.guide.models import AppointmentRequest
from lotse.occupations.services import reference_data_load

DEMO_ORGANISATIONS = ["demo-beratung-stuttgart", "demo-beratung-mannheim"]
COUNTED = [
    Client, Consent, CounsellingSession, RecognitionCase, CaseStep, Referral, FollowUp, Outcome,
    Appointment, AppointmentRequest, AuditEvent,
]  # fmt: skip


@pytest.fixture(scope="module")
def _demo_world(
    django_db_setup, django_db_blocker, _shipped_reference_data, _shipped_directory_data
):
    """Knowledge base, directory and demo data, loaded once for this module (a load takes
    seconds) inside a transaction that is rolled back at the end; each test runs in its own
    savepoint on top, as usual."""
    with django_db_blocker.unblock(), transaction.atomic():
        reference_data_load(data=_shipped_reference_data)
        directory_load(data=_shipped_directory_data)
        with override_settings(DEMO=True):
            call_command("load_demo_data", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_world, db):
    """The demo world, seen from one test."""


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def log_in(client, username: str):
    """Through the real login and second-factor pages, as a demo user would."""
    user = User.objects.get(username=username)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post("/en/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    assert client.post("/en/login/verify/", {"token": f"{totp.token():06d}"}).status_code == 302
    return client


def test_loading_the_demo_data_twice_changes_nothing(demo):
    first = counts()
    with override_settings(DEMO=True):
        call_command("load_demo_data", stdout=StringIO())
    assert counts() == first
    assert first["Client"] >= 100


@pytest.mark.parametrize("slug", DEMO_ORGANISATIONS)
def test_each_demo_counselling_organisation_has_at_least_fifty_clients(demo, slug):
    clients = Client.objects.filter(organisation__slug=slug)
    assert clients.count() >= 50
    assert clients.filter(number__startswith="K-DEMO-").count() == clients.count()
    assert clients.values("qualification_country").distinct().count() >= 8
    assert clients.values("district_code").distinct().count() >= 3
    assert set(clients.values_list("gender", flat=True)) >= {"female", "male"}


@pytest.mark.parametrize("slug", DEMO_ORGANISATIONS)
def test_demo_cases_reach_every_status_decision_and_have_authorities(demo, slug):
    cases = RecognitionCase.objects.filter(organisation__slug=slug)
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus.values)
    assert set(cases.values_list("decision", flat=True)) >= set(Decision.values)
    assert set(cases.values_list("compensation_type", flat=True)) & set(CompensationType.values)
    assert cases.filter(authority__isnull=False).count() >= cases.count() * 0.9
    assert set(cases.values_list("occupation__slug", flat=True)) & {"arzt", "pflegefachmann"}
    for case in cases.filter(status=CaseStatus.COMPLETED):
        steps = list(case.steps.values_list("status", flat=True))
        assert steps[0] == CaseStatus.INFORMED and steps[-1] == CaseStatus.COMPLETED


def test_demo_clients_without_consent_hold_only_contact_details(demo):
    without = Client.objects.exclude(consents__purpose="counselling")
    assert without.count() >= 2
    for client in without:
        assert (client.languages, client.qualification_country, client.birth_year) == ("", "", None)
        assert not client.sessions.exists() and not client.cases.exists()


def test_demo_has_every_kind_of_referral_and_outcomes_at_close_and_after_six_months(demo):
    assert set(Referral.objects.values_list("kind", flat=True)) == set(ReferralKind.values)
    assert set(Outcome.objects.values_list("timepoint", flat=True)) == {"close", "6m"}
    closed = Client.objects.filter(status="closed")
    assert closed.exists() and all(c.outcomes.filter(timepoint="close").exists() for c in closed)


def test_counsellor_stuttgart_has_overdue_tasks_and_several_due_this_week(demo):
    today = timezone.localdate()
    tasks = FollowUp.objects.filter(assignee__username="counsellor.stuttgart", done_on=None)
    assert tasks.filter(due_on__lt=today).count() >= 2
    assert tasks.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=6)).count() >= 4


def test_the_inbox_holds_new_requests_and_the_calendar_upcoming_appointments(demo):
    for slug in DEMO_ORGANISATIONS:
        assert AppointmentRequest.objects.filter(organisation__slug=slug, status="new").exists()
    upcoming = Appointment.objects.filter(
        counsellor__username="counsellor.stuttgart",
        status="booked",
        starts_at__gt=timezone.now(),
        starts_at__lt=timezone.now() + dt.timedelta(days=14),
    )
    assert upcoming.count() >= 3


def test_mannheim_sees_the_referral_from_stuttgart_with_the_shared_data(demo, client):
    referral = Referral.objects.get(
        organisation__slug="demo-beratung-stuttgart",
        receiving_organisation__slug="demo-beratung-mannheim",
        status="sent",
    )
    assert referral.consent.receiving_organisation.slug == "demo-beratung-mannheim"
    with override_settings(DEMO=True):
        page = log_in(client, "counsellor.mannheim").get("/en/staff/referrals/received/")
    assert page.status_code == 200
    assert referral.shared_data["name"] in page.content.decode()
    stopped = Referral.objects.get(status="stopped")
    assert stopped.shared_data == {} and stopped.consent.withdrawn_on is not None
