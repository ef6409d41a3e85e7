"""Retention: erase clients, delete documents and answered guide requests once their period
has passed (Art. 5 (1) (e) GDPR, storage limitation).

Periods are `RetentionRule` rows (days per record type, changed in the admin). A record is due
once more than `days` full days have passed since the event its rule counts from: the client's
closure, the first contact (no consent), the withdrawal of the counselling consent, the
closure of the document's case, the answer to the request. A record type without a rule is
kept: nothing is deleted that no one decided to delete.

`lotse apply_retention` runs this daily (from cron, or enqueued for the task worker). Each
erasure or deletion is its own transaction with its own audit event, so one failure does not
undo the others; a final `retention.applied` event records what the run did, by record type,
as counts and ids only.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django_tasks import task

from lotse.casework.documents import document_delete
from lotse.casework.models import Client, Consent, Document, RetentionRule
from lotse.casework.privacy import client_erase
from lotse.casework.vocab import ConsentPurpose
from lotse.core.audit import audit_record
from lotse.guide.selectors import appointment_requests_answered_before
from lotse.guide.services import appointment_request_delete

logger = logging.getLogger(__name__)

Type = RetentionRule.RecordType
# Clients due under several rules are counted under the first.
CLIENT_RULES = (Type.CONSENT_WITHDRAWN, Type.CLIENT_NO_CONSENT, Type.CLIENT_CLOSED)


def _counselling_consents():
    return Consent.objects.filter(client=OuterRef("pk"), purpose=ConsentPurpose.COUNSELLING)


def _clients_due(record_type: str, cutoff: date):
    """Clients, not yet erased, whose event lies before `cutoff`."""
    clients = Client.objects.filter(erased_at__isnull=True)
    if record_type == Type.CLIENT_CLOSED:
        return clients.filter(status=Client.Status.CLOSED, closed_on__lt=cutoff)
    if record_type == Type.CLIENT_NO_CONSENT:
        return clients.filter(first_contact_on__lt=cutoff).exclude(Exists(_counselling_consents()))
    # Consent withdrawn: there was a counselling consent, none is active, the last one was
    # withdrawn before the cutoff.
    return (
        clients.filter(Exists(_counselling_consents()))
        .exclude(Exists(_counselling_consents().filter(withdrawn_on__isnull=True)))
        .annotate(
            withdrawn=Max(
                "consents__withdrawn_on", filter=Q(consents__purpose=ConsentPurpose.COUNSELLING)
            )
        )
        .filter(withdrawn__lt=cutoff)
    )


def _documents_due(cutoff: date):
    """Documents of a case closed before the cutoff, or, without a case, of a client closed
    before it. Documents of erased clients are already gone."""
    return Document.objects.filter(
        Q(case__closed_on__lt=cutoff)
        | Q(case__isnull=True, client__status=Client.Status.CLOSED, client__closed_on__lt=cutoff)
    )


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


@dataclass
class RetentionRun:
    """What a run found due (and, unless a dry run, carried out), by record type."""

    today: date
    dry_run: bool
    due: dict[str, list[int]] = field(default_factory=dict)
    done: dict[str, list[int]] = field(default_factory=dict)
    failed: dict[str, list[int]] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)


def _carry_out(run: RetentionRun, record_type: str, rows, action, ids: list[int]) -> None:
    """Remove each due row in its own transaction. A row that stopped being due meanwhile
    (a client reopened between the query and its turn) is left alone."""
    run.due[record_type] = ids
    if run.dry_run:
        return
    for pk in ids:
        try:
            found = rows.filter(pk=pk).first()
            if found is None:
                continue
            action(found)
        except Exception:
            logger.exception("Retention: %s %s could not be removed.", record_type, pk)
            run.failed.setdefault(record_type, []).append(pk)
        else:
            run.done.setdefault(record_type, []).append(pk)


def _erase_client(record_type: str):
    def action(client: Client) -> None:
        client_erase(client=client, reason=f"retention:{record_type}")

    return action


def _delete_document(document: Document) -> None:
    document_delete(document=document, user=None, reason="retention")


def _delete_request(request) -> None:
    appointment_request_delete(request=request, reason="retention")


def retention_apply(*, today: date | None = None, dry_run: bool = False) -> RetentionRun:
    """Find what is due on `today` (default: today) and, unless `dry_run`, remove it."""
    today = today or timezone.localdate()
    run = RetentionRun(today=today, dry_run=dry_run)
    rules = {r.record_type: r.days for r in RetentionRule.objects.all()}
    run.days = rules
    seen: set[int] = set()
    for record_type in CLIENT_RULES:
        if record_type not in rules:
            continue
        cutoff = today - timedelta(days=rules[record_type])
        clients = _clients_due(record_type, cutoff)
        # Erased clients drop out of the later queries by themselves; a dry run erases
        # nothing, so it leaves out here who an earlier rule already took.
        ids = [pk for pk in clients.order_by("pk").values_list("pk", flat=True) if pk not in seen]
        seen.update(ids)
        _carry_out(run, record_type, clients, _erase_client(record_type), ids)
    if Type.DOCUMENT in rules:
        cutoff = today - timedelta(days=rules[Type.DOCUMENT])
        documents = _documents_due(cutoff)
        rows = documents.order_by("pk").values_list("pk", "client_id")
        ids = [pk for pk, client_id in rows if client_id not in seen]
        _carry_out(run, Type.DOCUMENT, documents, _delete_document, ids)
    if Type.APPOINTMENT_REQUEST in rules:
        cutoff = today - timedelta(days=rules[Type.APPOINTMENT_REQUEST])
        requests = appointment_requests_answered_before(_start_of(cutoff))
        ids = list(requests.order_by("pk").values_list("pk", flat=True))
        _carry_out(run, Type.APPOINTMENT_REQUEST, requests, _delete_request, ids)
    if not dry_run:
        audit_record(
            action="retention.applied",
            extra={
                "today": today.isoformat(),
                "rules": rules,
                "done": {k: {"count": len(v), "ids": v} for k, v in run.done.items()},
                "failed": {k: {"count": len(v), "ids": v} for k, v in run.failed.items()},
            },
        )
    return run


@task()
def apply_retention() -> dict[str, int]:
    """The daily run for the task worker; returns counts by record type."""
    run = retention_apply()
    return {record_type: len(ids) for record_type, ids in run.done.items()}


def erasure_date(client: Client) -> tuple[date, str] | None:
    """When the retention run will erase this client as things stand, and under which rule
    (its label); None while no rule applies yet (e.g. an active client with consent)."""
    rules = {r.record_type: r for r in RetentionRule.objects.all()}
    consents = list(client.consents.filter(purpose=ConsentPurpose.COUNSELLING))
    events: list[tuple[str, date]] = []
    if not consents:
        events.append((Type.CLIENT_NO_CONSENT, client.first_contact_on))
    elif all(c.withdrawn_on for c in consents):
        events.append((Type.CONSENT_WITHDRAWN, max(c.withdrawn_on for c in consents)))
    if client.status == Client.Status.CLOSED and client.closed_on:
        events.append((Type.CLIENT_CLOSED, client.closed_on))
    dates = [
        (event + timedelta(days=rules[record_type].days + 1), rules[record_type])
        for record_type, event in events
        if record_type in rules
    ]
    if not dates:
        return None
    day, rule = min(dates, key=lambda pair: pair[0])
    return day, rule.get_record_type_display()
