import pytest
from django.db import DatabaseError, connection, transaction

from lotse.core.audit import audit_record
from lotse.core.models import AuditEvent, AuditImmutableError
from tests.conftest import PASSWORD


def test_login_and_failed_login_are_recorded_without_the_password(client, counsellor_stuttgart):
    client.post("/en/login/", {"username": "aylin", "password": "wrong-password-123"})
    client.post("/en/login/", {"username": "aylin", "password": PASSWORD})
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["auth.login_failed", "auth.login"]
    login = AuditEvent.objects.get(action="auth.login")
    assert login.actor_id == counsellor_stuttgart.pk
    assert login.organisation_id == counsellor_stuttgart.organisation_id
    assert login.ip_address == "127.0.0.1"
    dumped = str(list(AuditEvent.objects.values()))
    assert "wrong-password-123" not in dumped
    assert PASSWORD not in dumped


def test_audit_events_cannot_be_changed_or_deleted_through_the_orm(db):
    event = audit_record(action="test.event", target_type="x.y", target_id=1)
    event.summary = "rewritten"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(AuditImmutableError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == ""


def test_the_database_refuses_updates_to_audit_events_even_in_raw_sql(db):
    event = audit_record(action="test.event")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


def test_event_survives_deletion_of_its_actor(db, counsellor_mannheim):
    audit_record(action="test.event", actor=counsellor_mannheim)
    counsellor_mannheim.delete()
    event = AuditEvent.objects.get(action="test.event")
    assert event.actor_label == "jonas"


def test_administrator_can_filter_the_audit_log(client, administrator, login_verified):
    audit_record(action="case.opened", target_type="casework.case", target_id=7)
    audit_record(action="client.viewed", target_type="casework.client", target_id=8)
    login_verified(administrator)
    response = client.get("/en/admin/core/auditevent/", {"action": "case.opened"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "case.opened" in body
    results = body.split('id="result_list"', 1)[1].split("</table>", 1)[0]
    assert "case.opened" in results
    assert "client.viewed" not in results


def test_audit_log_offers_no_way_to_edit(client, administrator, login_verified):
    event = audit_record(action="case.opened")
    login_verified(administrator)
    assert client.get("/en/admin/core/auditevent/add/").status_code == 403
    response = client.post(f"/en/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_counsellor_cannot_open_the_audit_log(client, counsellor_stuttgart, login_verified):
    login_verified(counsellor_stuttgart)
    response = client.get("/en/admin/core/auditevent/", follow=True)
    assert response.status_code == 403
    assert b"case.opened" not in response.content
