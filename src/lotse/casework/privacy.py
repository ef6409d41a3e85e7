"""Data-subject rights of a client: export (Art. 15/20 GDPR) and erasure (Art. 17 GDPR).

Erasure blanks personal values in place instead of deleting rows, so that every statistic
(clients by district, cases by occupation and decision, outcomes, sessions by mode) counts the
same before and after. What stays is listed field by field in `KEPT`; what goes in `ERASED`;
a test checks that every field of these models is in exactly one of them, so a new field
cannot slip through unnoticed. Rows that are nothing but personal content (documents and their
files, follow-up tasks) are deleted.
"""

import json
import secrets
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotse.casework.consent_texts import text_for
from lotse.casework.documents import delete_files_on_commit, document_open, download_name
from lotse.casework.models import (
    Appointment,
    CaseStep,
    Client,
    Consent,
    CounsellingSession,
    Document,
    FollowUp,
    Outcome,
    RecognitionCase,
    Referral,
)
from lotse.casework.services import CaseworkError
from lotse.casework.vocab import ResidenceStatus
from lotse.core.audit import audit_record
from lotse.core.pdf import render_pdf
from lotse.guide.services import appointment_request_anonymise


def _erased_number() -> str:
    # The client number is a pseudonym that paper files and e-mails may carry; a new one
    # unlinks the anonymised record from them.
    return f"E-{secrets.token_hex(6).upper()}"


# Per model: the value each personal field takes on erasure.
ERASED: dict[type[models.Model], dict] = {
    Client: {
        "number": _erased_number,
        "name": "",
        "name_key": "",
        "email": "",
        "phone": "",
        "phone_key": "",
        "preferred_language": "",
        "languages": "",
        "birth_year": None,
        "country_of_residence": "",
        "arrived_on": None,
        "residence_status": ResidenceStatus.NOT_STATED,
        "qualifications": "",
        "work_experience": "",
    },
    Consent: {"given_by": "", "shared_fields": list},
    CounsellingSession: {"note": ""},
    RecognitionCase: {"compensation_provider": "", "abandon_reason": ""},
    CaseStep: {"note": ""},
    Referral: {"target": "", "shared_data": dict, "note": ""},
    Appointment: {"location": ""},
}
# Per model: the fields that stay, because statistics and the counselling history need them
# and they do not identify the person once the fields above are gone.
KEPT: dict[type[models.Model], set[str]] = {
    Client: {
        "id", "organisation", "counsellor", "status", "source", "appointment_request",
        "gender", "district_code", "qualification_country", "qualification_level", "age_band",
        "first_contact_on", "last_contact_on", "closed_on", "erased_at", "created_at",
        "updated_at",
    },
    Consent: {
        "id", "client", "organisation", "purpose", "text_version", "given_on", "form",
        "receiving_organisation", "recorded_by", "withdrawn_on", "created_at",
    },
    CounsellingSession: {
        "id", "client", "organisation", "counsellor", "date", "duration_minutes", "mode",
        "language", "interpreter", "topics", "created_at",
    },
    RecognitionCase: {
        "id", "client", "organisation", "counsellor", "occupation", "authority", "status",
        "opened_on", "submitted_on", "decision", "decided_on", "compensation_type",
        "compensation_start", "compensation_end", "grant_applied", "closed_on", "updated_at",
    },
    CaseStep: {"id", "case", "status", "date", "recorded_by", "created_at"},
    Referral: {
        "id", "client", "organisation", "kind", "offer", "receiving_organisation", "consent",
        "status", "created_by", "created_on", "decided_at", "decided_by",
    },
    Appointment: {
        "id", "client", "organisation", "counsellor", "starts_at", "duration_minutes", "mode",
        "language", "interpreter_needed", "status", "uid", "sequence", "reminded_at",
        "created_at",
    },
    Outcome: {
        "id", "client", "organisation", "timepoint", "employment", "qualification_match",
        "recorded_on", "recorded_by",
    },
}  # fmt: skip
# Deleted with the erasure: nothing in them is a statistical fact.
DELETED = (Document, FollowUp)


def _values(model: type[models.Model]) -> dict:
    return {field: value() if callable(value) else value for field, value in ERASED[model].items()}


def client_erase(*, client: Client, user=None, reason: str = "request", request=None) -> None:
    """Erase the client's personal data everywhere (Art. 17), keep the anonymised facts.

    One transaction; stored files are removed once it has committed. The audit event names
    the record and the reason, nothing else.
    """
    with transaction.atomic():
        client = Client.objects.select_for_update().get(pk=client.pk)
        if client.is_erased:
            raise CaseworkError(_("This client's personal data has already been erased."))
        now = timezone.now()
        documents = Document.objects.filter(client=client)
        files = list(documents.values_list("file", flat=True))
        counts = {"documents": len(files), "follow_ups": client.follow_ups.count()}
        documents.delete()
        client.follow_ups.all().delete()
        for model in (Consent, CounsellingSession, RecognitionCase, Referral, Appointment):
            model.objects.filter(client=client).update(**_values(model))
        CaseStep.objects.filter(case__client=client).update(**_values(CaseStep))
        counts["appointments_cancelled"] = Appointment.objects.filter(
            client=client, status=Appointment.Status.BOOKED, starts_at__gte=now
        ).update(status=Appointment.Status.CANCELLED)
        Client.objects.filter(pk=client.pk).update(**_values(Client), erased_at=now, updated_at=now)
        if client.appointment_request is not None:
            appointment_request_anonymise(
                request=client.appointment_request, user=user, reason="client_erased"
            )
        audit_record(
            action="client.erased",
            actor=user,
            target=client,
            request=request,
            extra={"reason": reason, **counts},
        )
        delete_files_on_commit(files)


# --- Export ------------------------------------------------------------------------------

# Search keys computed from other fields; the export shows the fields they come from.
DERIVED_FIELDS = ("name_key", "phone_key")


def _label(obj) -> str:
    if hasattr(obj, "get_username"):
        return obj.get_full_name() or obj.get_username()
    if hasattr(obj, "title_de"):
        return obj.title_de
    return str(obj)


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _record(obj: models.Model, skip: tuple[str, ...] = ()) -> dict:
    """Every stored field of `obj`: codes with their labels, linked records by id and name."""
    row: dict = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip or isinstance(field, models.FileField):
            continue
        if field.is_relation:
            related = getattr(obj, field.name)
            row[f"{field.name}_id"] = getattr(obj, field.attname)
            if related is not None and field.name not in ("client", "case"):
                row[field.name] = _label(related)
            continue
        row[field.name] = _plain(getattr(obj, field.attname))
        if field.choices:
            row[f"{field.name}_label"] = str(getattr(obj, f"get_{field.name}_display")())
    return row


@dataclass
class ExportParts:
    client: Client
    consents: list
    sessions: list
    cases: list
    referrals: list
    follow_ups: list
    outcomes: list
    appointments: list
    documents: list


def _parts(client: Client) -> ExportParts:
    consents = list(client.consents.select_related("receiving_organisation", "recorded_by"))
    for consent in consents:
        consent.text = text_for(consent.text_version, consent.purpose)
    return ExportParts(
        client=client,
        consents=consents,
        sessions=list(client.sessions.select_related("counsellor").order_by("date", "id")),
        cases=list(
            client.cases.select_related("occupation", "authority", "counsellor")
            .prefetch_related("steps__recorded_by")
            .order_by("opened_on", "id")
        ),
        referrals=list(
            client.referrals.select_related(
                "offer", "receiving_organisation", "created_by", "decided_by"
            ).order_by("created_on", "id")
        ),
        follow_ups=list(client.follow_ups.select_related("assignee", "created_by")),
        outcomes=list(client.outcomes.select_related("recorded_by")),
        appointments=list(client.appointments.select_related("counsellor")),
        documents=list(
            client.documents.select_related("case__occupation", "uploaded_by").order_by(
                "uploaded_at", "id"
            )
        ),
    )


_NOT_IN_PROFILE = {
    "id",
    "organisation",
    "name_key",
    "appointment_request",
    "erased_at",
    "created_at",
    "updated_at",
}


def _profile(client: Client) -> list[tuple[str, object]]:
    """(label, value) of every stored client field, for the readable summary."""
    rows = []
    for field in client._meta.concrete_fields:
        if field.name in _NOT_IN_PROFILE:
            continue
        if field.choices:
            value = getattr(client, f"get_{field.name}_display")()
        elif field.is_relation:
            related = getattr(client, field.name)
            value = _label(related) if related is not None else None
        else:
            value = getattr(client, field.attname)
        rows.append((str(field.verbose_name), value))
    return rows


def _document_entry(document: Document) -> str:
    return f"documents/{document.pk}-{download_name(document)}"


def client_data(parts: ExportParts, *, missing: set[int] = frozenset()) -> dict:
    """All data about the client as plain JSON values (the machine-readable part, Art. 20)."""
    client = parts.client
    request = client.appointment_request
    return {
        "format": "lotse-client-export",
        "format_version": 1,
        "exported_at": timezone.now().isoformat(),
        "controller": client.organisation.name,
        "client": _record(client, skip=DERIVED_FIELDS),
        "consents": [{**_record(c), "text": c.text} for c in parts.consents],
        "counselling_sessions": [_record(s) for s in parts.sessions],
        "recognition_cases": [
            {**_record(case), "timeline": [_record(step) for step in case.steps.all()]}
            for case in parts.cases
        ],
        "referrals": [_record(r) for r in parts.referrals],
        "follow_ups": [_record(f) for f in parts.follow_ups],
        "outcomes": [_record(o) for o in parts.outcomes],
        "appointments": [_record(a) for a in parts.appointments],
        "documents": [
            {
                **_record(d),
                "file_in_archive": None if d.pk in missing else _document_entry(d),
                "file_missing": d.pk in missing,
            }
            for d in parts.documents
        ],
        "appointment_request": _record(request, skip=("submission_token",)) if request else None,
    }


@dataclass
class ClientExport:
    filename: str
    file: IO[bytes]


def client_export(*, client: Client, user, request=None) -> ClientExport:
    """A ZIP of everything about the client: `data.json` (machine-readable), `summary.html` and
    `summary.pdf` (readable, in the user's language) and the document files as uploaded."""
    parts = _parts(client)
    archive_file = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    missing: set[int] = set()
    with zipfile.ZipFile(archive_file, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in parts.documents:
            handle = document_open(document)
            if handle is None:
                missing.add(document.pk)
                continue
            with handle, archive.open(_document_entry(document), "w") as target:
                shutil.copyfileobj(handle, target)
        data = client_data(parts, missing=missing)
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        )
        for document in parts.documents:
            document.archive_entry = None if document.pk in missing else _document_entry(document)
        context = {
            "parts": parts,
            "profile": _profile(client),
            "exported_at": timezone.localtime(),
            "language": get_language(),
        }
        html = render_to_string("casework/export_summary.html", context)
        archive.writestr("summary.html", html)
        archive.writestr("summary.pdf", render_pdf(html, base_url=settings.LOTSE_BASE_URL))
    archive_file.seek(0)
    audit_record(
        action="client.exported",
        actor=user,
        target=client,
        request=request,
        extra={"documents": len(parts.documents) - len(missing), "files_missing": len(missing)},
    )
    filename = f"lotse-{client.number}-{timezone.localdate().isoformat()}.zip"
    return ClientExport(filename=filename, file=archive_file)
