"""Retention: what is due is erased or deleted on the right day, not before; the audit log
records the run. Time moves by passing `today=` to the run, never by sleeping."""

import io
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from lotse.casework import services
from lotse.casework.documents import document_add
from lotse.casework.models import Client, Document, RetentionRule
from lotse.casework.retention import apply_retention, erasure_date, retention_apply
from lotse.core.models import AuditEvent
from lotse.guide.models import AppointmentRequest
from lotse.guide.services import appointment_request_create, appointment_request_decide
from lotse.occupations.models import Occupation

PDF = b"%PDF-1.4\n% retention test\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def days(record_type: str) -> int:
    return RetentionRule.objects.get(record_type=record_type).days


def erased(client: Client) -> bool:
    return Client.objects.get(pk=client.pk).is_erased


def guide_request(centre, name="Qxcanary Ivanova") -> AppointmentRequest:
    request, _ = appointment_request_create(
        centre=centre, token=uuid.uuid4(), name=name, email="", phone="0711 5550123",
        preferred_language="ru", preferred_times="", message="", occupation_slug="",
        country="KZ", district_code="08111", language="ru",
    )  # fmt: skip
    return request


def test_default_periods_come_with_the_installation(db):
    assert dict(RetentionRule.objects.values_list("record_type", "days")) == {
        "client_closed": 3 * 365, "client_no_consent": 90, "consent_withdrawn": 30,
        "document": 365, "appointment_request": 180,
    }  # fmt: skip
    assert all(rule.legal_basis for rule in RetentionRule.objects.all())


def since(client: Client, days_ago: int) -> None:
    """The client came `days_ago` days ago (so that it can be closed in the past)."""
    Client.objects.filter(pk=client.pk).update(
        first_contact_on=timezone.localdate() - timedelta(days=days_ago)
    )
    client.refresh_from_db()


def test_closed_client_is_erased_the_day_after_the_period(client_stuttgart, counsellor_stuttgart):
    since(client_stuttgart, 30)
    closed_on = timezone.localdate() - timedelta(days=10)
    services.client_close(client=client_stuttgart, user=counsellor_stuttgart, closed_on=closed_on)
    last_day = closed_on + timedelta(days=days("client_closed"))
    retention_apply(today=last_day)
    assert not erased(client_stuttgart)
    run = retention_apply(today=last_day + timedelta(days=1))
    assert erased(client_stuttgart)
    assert run.done == {"client_closed": [client_stuttgart.pk]}
    event = AuditEvent.objects.get(action="client.erased")
    assert event.extra["reason"] == "retention:client_closed" and event.actor_id is None


def test_contact_without_consent_is_erased_counted_from_first_contact(
    make_client, counsellor_stuttgart
):
    contact = make_client(counsellor_stuttgart, name="Lena Kraft", consent=False)
    with_consent = make_client(counsellor_stuttgart, name="Omar Aziz")
    first = contact.first_contact_on
    retention_apply(today=first + timedelta(days=days("client_no_consent")))
    assert not erased(contact)
    retention_apply(today=first + timedelta(days=days("client_no_consent") + 1))
    assert erased(contact) and not erased(with_consent)


def test_withdrawn_consent_counts_from_the_withdrawal(client_stuttgart, counsellor_stuttgart):
    # First contact long before: only the withdrawal date decides.
    since(client_stuttgart, 2000)
    withdrawn_on = timezone.localdate()
    services.consent_withdraw(
        consent=client_stuttgart.consents.get(),
        user=counsellor_stuttgart,
        withdrawn_on=withdrawn_on,
    )
    period = days("consent_withdrawn")
    retention_apply(today=withdrawn_on + timedelta(days=period))
    assert not erased(client_stuttgart)
    run = retention_apply(today=withdrawn_on + timedelta(days=period + 1))
    assert run.done == {"consent_withdrawn": [client_stuttgart.pk]}
    assert erased(client_stuttgart)


def test_consent_given_again_stops_the_clock(client_stuttgart, counsellor_stuttgart):
    today = timezone.localdate()
    services.consent_withdraw(
        consent=client_stuttgart.consents.get(), user=counsellor_stuttgart, withdrawn_on=today
    )
    services.consent_record(
        client=client_stuttgart, user=counsellor_stuttgart, purpose="counselling", given_on=today
    )
    retention_apply(today=today + timedelta(days=400))
    assert not erased(client_stuttgart)


def test_documents_go_a_period_after_their_case_closed_and_the_client_stays(
    reference_data,
    client_stuttgart,
    counsellor_stuttgart,
    media,
    django_capture_on_commit_callbacks,
):
    occupation = Occupation.objects.order_by("slug").first()
    case = services.case_open(
        client=client_stuttgart, user=counsellor_stuttgart, occupation=occupation
    )
    today = timezone.localdate()
    services.case_step(
        case=case, user=counsellor_stuttgart, status="abandoned", on=today,
        details={"abandon_reason": "moved away"},
    )  # fmt: skip
    scan = document_add(
        client=client_stuttgart, user=counsellor_stuttgart, case=case, kind="diploma",
        upload=SimpleUploadedFile("scan.pdf", PDF),
    )  # fmt: skip
    loose = document_add(
        client=client_stuttgart, user=counsellor_stuttgart, kind="other",
        upload=SimpleUploadedFile("cv.pdf", PDF),
    )  # fmt: skip
    period = days("document")
    retention_apply(today=today + timedelta(days=period))
    assert Document.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        run = retention_apply(today=today + timedelta(days=period + 1))
    assert run.done == {"document": [scan.pk]}
    assert list(Document.objects.all()) == [loose]
    assert [p.name for p in media.rglob("*") if p.is_file()] == [Path(loose.file.name).name]
    assert not erased(client_stuttgart)


def test_answered_guide_requests_are_deleted_after_their_period(awo, counsellor_stuttgart):
    answered, waiting = guide_request(awo), guide_request(awo, name="Qxcanary Sokolova")
    appointment_request_decide(request=answered, user=counsellor_stuttgart, accept=False)
    today = timezone.localdate()
    period = days("appointment_request")
    retention_apply(today=today + timedelta(days=period))
    assert AppointmentRequest.objects.count() == 2
    run = retention_apply(today=today + timedelta(days=period + 1))
    assert run.done == {"appointment_request": [answered.pk]}
    assert list(AppointmentRequest.objects.all()) == [waiting]
    assert AuditEvent.objects.filter(
        action="appointment_request.deleted", target_id=str(answered.pk)
    ).exists()


def test_deleting_an_accepted_request_leaves_the_client_it_became(awo, counsellor_stuttgart):
    request = guide_request(awo)
    client = services.request_convert(
        appointment_request=request,
        user=counsellor_stuttgart,
        values={"name": "Qxcanary Ivanova"},
        consent={"purpose": "counselling", "given_on": timezone.localdate()},
    )
    retention_apply(today=timezone.localdate() + timedelta(days=days("appointment_request") + 1))
    assert not AppointmentRequest.objects.exists()
    client.refresh_from_db()
    assert (client.name, client.appointment_request) == ("Qxcanary Ivanova", None)


def test_the_run_is_recorded_in_the_audit_log_which_outlives_the_records(
    awo, make_client, counsellor_stuttgart
):
    contact = make_client(counsellor_stuttgart, name="Qxcanary Weber", consent=False)
    request = guide_request(awo)
    appointment_request_decide(request=request, user=counsellor_stuttgart, accept=False)
    today = timezone.localdate() + timedelta(days=365)
    retention_apply(today=today)
    event = AuditEvent.objects.get(action="retention.applied")
    assert event.extra["today"] == today.isoformat()
    assert event.extra["done"] == {
        "client_no_consent": {"count": 1, "ids": [contact.pk]},
        "appointment_request": {"count": 1, "ids": [request.pk]},
    }
    assert event.extra["failed"] == {}
    assert not AppointmentRequest.objects.exists()
    assert "qxcanary" not in str(list(AuditEvent.objects.values())).lower()


def test_a_dry_run_lists_what_is_due_and_changes_nothing(make_client, counsellor_stuttgart):
    contact = make_client(counsellor_stuttgart, name="Lena Kraft", consent=False)
    run = retention_apply(today=timezone.localdate() + timedelta(days=91), dry_run=True)
    assert run.due["client_no_consent"] == [contact.pk] and run.done == {}
    assert not erased(contact)
    assert not AuditEvent.objects.filter(action__in=["retention.applied", "client.erased"]).exists()


def test_command_prints_what_it_would_do_and_then_does_it(make_client, counsellor_stuttgart):
    contact = make_client(counsellor_stuttgart, name="Lena Kraft", consent=False)
    since(contact, 200)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert f"client_no_consent (kept 90 days): 1 due: {contact.pk}" in out.getvalue()
    assert not erased(contact)
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert f"client_no_consent (kept 90 days): 1 removed: {contact.pk}" in out.getvalue()
    assert erased(contact)


def test_command_exits_with_an_error_when_a_record_could_not_be_removed(
    client_stuttgart, counsellor_stuttgart, monkeypatch
):
    since(client_stuttgart, 5 * 365)
    services.client_close(
        client=client_stuttgart,
        user=counsellor_stuttgart,
        closed_on=timezone.localdate() - timedelta(days=4 * 365),
    )

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("lotse.casework.retention.client_erase", broken)
    with pytest.raises(CommandError):
        call_command("apply_retention", stdout=io.StringIO(), stderr=io.StringIO())
    event = AuditEvent.objects.get(action="retention.applied")
    assert event.extra["failed"] == {"client_closed": {"count": 1, "ids": [client_stuttgart.pk]}}


def test_the_scheduled_task_runs_the_same_retention(make_client, counsellor_stuttgart):
    contact = make_client(counsellor_stuttgart, name="Lena Kraft", consent=False)
    since(contact, 200)
    result = apply_retention.enqueue()
    assert result.return_value == {"client_no_consent": 1}
    assert erased(contact)


def test_a_period_changed_in_the_admin_applies_to_the_next_run(
    client, administrator, login_verified, make_client, counsellor_stuttgart
):
    contact = make_client(counsellor_stuttgart, name="Lena Kraft", consent=False)
    rule = RetentionRule.objects.get(record_type="client_no_consent")
    login_verified(administrator)
    assert client.get("/en/admin/casework/retentionrule/").status_code == 200
    response = client.post(
        f"/en/admin/casework/retentionrule/{rule.pk}/change/",
        {"days": 10, "legal_basis": rule.legal_basis, "_save": "Save"},
    )
    assert response.status_code == 302
    assert RetentionRule.objects.get(pk=rule.pk).days == 10
    assert AuditEvent.objects.get(action="retention_rule.changed").extra == {
        "record_type": "client_no_consent", "days": 10,
    }  # fmt: skip
    retention_apply(today=timezone.localdate() + timedelta(days=11))
    assert erased(contact)


def test_the_admin_holds_retention_rules_but_no_client_records(
    client, administrator, login_verified
):
    rule = RetentionRule.objects.first()
    login_verified(administrator)
    assert client.get(f"/en/admin/casework/retentionrule/{rule.pk}/delete/").status_code == 403
    for model in ("client", "consent", "document", "counsellingsession", "recognitioncase"):
        assert client.get(f"/en/admin/casework/{model}/").status_code == 404, model


def test_counsellors_cannot_change_retention_rules(client, counsellor_stuttgart, login_verified):
    rule = RetentionRule.objects.get(record_type="document")
    login_verified(counsellor_stuttgart)
    response = client.get("/en/admin/casework/retentionrule/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.post(
        f"/en/admin/casework/retentionrule/{rule.pk}/change/",
        {"days": 1, "legal_basis": "none", "_save": "Save"},
    )
    assert RetentionRule.objects.get(pk=rule.pk).days == 365


def test_client_page_says_when_retention_will_erase_the_client(
    client_stuttgart, counsellor_stuttgart
):
    assert erasure_date(client_stuttgart) is None
    closed_on = timezone.localdate()
    services.client_close(client=client_stuttgart, user=counsellor_stuttgart, closed_on=closed_on)
    day, rule = erasure_date(client_stuttgart)
    assert day == closed_on + timedelta(days=3 * 365 + 1)
    assert "closure" in rule
    # And the run agrees: due on that day, not the day before.
    retention_apply(today=day - timedelta(days=1))
    assert not erased(client_stuttgart)
    retention_apply(today=day)
    assert erased(client_stuttgart)


def test_privacy_section_offers_export_erasure_and_the_retention_date(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    page = client.get(f"/en/staff/clients/{client_stuttgart.pk}/").content.decode()
    section = page.split('id="privacy"', 1)[1].split("</section>", 1)[0]
    assert f'action="/en/staff/clients/{client_stuttgart.pk}/export/"' in section
    assert f'action="/en/staff/clients/{client_stuttgart.pk}/erase/"' in section
    # The number to type is read out with the field (help text tied by aria-describedby).
    assert 'aria-describedby="id_e-number_helptext"' in section
    help_text = section.split('id="id_e-number_helptext">', 1)[1].split("</p>", 1)[0]
    assert f"Type {client_stuttgart.number} to confirm" in help_text
    assert "No retention period is running" in section
    since(client_stuttgart, 10)
    services.client_close(
        client=client_stuttgart, user=counsellor_stuttgart, closed_on=timezone.localdate()
    )
    page = client.get(f"/en/staff/clients/{client_stuttgart.pk}/").content.decode()
    assert "will be erased automatically on" in page
