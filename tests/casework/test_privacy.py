"""Data-subject rights: the client's export (Art. 15/20) and erasure (Art. 17).

One client is filled with every kind of record, each personal value carrying the canary
"Qxcanary" (or the phone digits 5550199), so that "no personal value left" can be checked by
searching every table of the database and every stored file.
"""

import hashlib
import io
import json
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client as WebClient
from django.utils import timezone
from pypdf import PdfReader

from lotse.casework import services
from lotse.casework.documents import document_add
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
from lotse.casework.privacy import DELETED, DERIVED_FIELDS, ERASED, KEPT, client_erase
from lotse.core.models import AuditEvent
from lotse.guide.models import AppointmentRequest
from lotse.guide.services import appointment_request_create
from lotse.occupations.models import Occupation

CANARIES = ("qxcanary", "5550199")
DIPLOMA = b"%PDF-1.4\n% Qxcanary diploma scan\n%%EOF\n"
TRANSCRIPT = b"\x89PNG\r\n\x1a\n Qxcanary transcript"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture
def full_client(awo, counsellor_stuttgart, org_mannheim) -> Client:
    """A client from a guide request with consents, sessions, two cases with timelines,
    referrals, a task, an outcome, appointments and two documents."""
    user, today = counsellor_stuttgart, timezone.localdate()
    guide_request, _ = appointment_request_create(
        centre=awo, token=uuid.uuid4(), name="Qxcanary Zorvanka", email="qxcanary@example.org",
        phone="+49 711 5550199", preferred_language="uk", preferred_times="Qxcanary mornings",
        message="Qxcanary: I am a nurse", occupation_slug="", country="UA",
        district_code="08111", language="uk",
    )  # fmt: skip
    client = services.request_convert(
        appointment_request=guide_request,
        user=user,
        values={
            "name": "Qxcanary Zorvanka", "email": "qxcanary@example.org",
            "phone": "+49 711 5550199", "preferred_language": "uk", "languages": "uk, ru",
            "gender": "female", "birth_year": 1988, "country_of_residence": "DE",
            "arrived_on": today - timedelta(days=900), "district_code": "08111",
            "residence_status": "temporary", "qualification_country": "UA",
            "qualification_level": "higher", "qualifications": "Qxcanary nursing diploma",
            "work_experience": "Qxcanary hospital, 8 years",
        },
        consent={"purpose": "counselling", "given_on": today},
    )  # fmt: skip
    services.consent_record(
        client=client, user=user, purpose="referral", given_on=today,
        receiving_organisation=org_mannheim, shared_fields=["name", "email", "qualifications"],
    )  # fmt: skip
    services.session_add(client=client, user=user, values={
        "date": today, "duration_minutes": 45, "mode": "in_person", "language": "uk",
        "interpreter": True, "topics": ["recognition", "language"],
        "note": "Qxcanary told me about her family",
    })  # fmt: skip
    nurse, other = Occupation.objects.order_by("slug")[:2]
    case = services.case_open(client=client, user=user, occupation=nurse)
    services.case_step(case=case, user=user, status="gathering", on=today, note="Qxcanary step")
    services.case_step(case=case, user=user, status="submitted", on=today)
    services.case_step(
        case=case, user=user, status="decision", on=today, details={"decision": "partial"}
    )
    services.case_step(case=case, user=user, status="compensation", on=today, details={
        "compensation_type": "adaptation", "compensation_provider": "Qxcanary Klinikum",
        "compensation_start": today, "compensation_end": today + timedelta(days=180),
    })  # fmt: skip
    abandoned = services.case_open(client=client, user=user, occupation=other)
    services.case_step(
        case=abandoned, user=user, status="abandoned", on=today,
        details={"abandon_reason": "Qxcanary moved to Hamburg"},
    )  # fmt: skip
    services.referral_create(
        client=client, user=user, kind="language_course", target="Qxcanary language school",
        note="Qxcanary prefers evenings",
    )  # fmt: skip
    services.referral_create(
        client=client, user=user, kind="organisation", receiving_organisation=org_mannheim
    )
    services.follow_up_create(
        client=client, user=user, assignee=user, title="Qxcanary call back",
        due_on=today + timedelta(days=3),
    )  # fmt: skip
    services.outcome_record(
        client=client, user=user, timepoint="close", employment="employed",
        qualification_match="yes", recorded_on=today,
    )  # fmt: skip
    now = timezone.now()
    for starts_at, status, uid in [
        (now - timedelta(days=7), Appointment.Status.DONE, "past"),
        (now + timedelta(days=2), Appointment.Status.BOOKED, "next"),
    ]:
        Appointment.objects.create(
            client=client, organisation_id=client.organisation_id, counsellor=user,
            starts_at=starts_at, mode="in_person", location="Qxcanary Street 5, Stuttgart",
            language="uk", status=status, uid=f"{uid}-{client.pk}@lotse.test",
        )  # fmt: skip
    for name, content, kind in [
        ("Qxcanary diploma.pdf", DIPLOMA, "diploma"),
        ("Qxcanary transcript.png", TRANSCRIPT, "transcript"),
    ]:
        document_add(
            client=client, user=user, upload=SimpleUploadedFile(name, content), kind=kind,
            case=case if kind == "diploma" else None,
        )  # fmt: skip
    client.refresh_from_db()
    return client


def database_text() -> str:
    """Every value of every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    chunks.append(str(value))
    return "\n".join(chunks).lower()


def statistical_facts() -> dict:
    """What the reports count: nothing here may change with an erasure."""
    return {
        "clients": sorted(Client.objects.values_list(
            "organisation", "district_code", "qualification_country", "gender", "age_band",
            "qualification_level", "status", "first_contact_on", "closed_on",
        )),
        "cases": sorted(RecognitionCase.objects.values_list(
            "occupation", "authority", "status", "decision", "opened_on", "submitted_on",
            "decided_on", "compensation_type", "closed_on", "grant_applied",
        )),
        "steps": sorted(CaseStep.objects.values_list("case", "status", "date")),
        "sessions": sorted(
            (s.date, s.mode, s.language, s.duration_minutes, s.interpreter, tuple(s.topics))
            for s in CounsellingSession.objects.all()
        ),
        "outcomes": sorted(Outcome.objects.values_list(
            "timepoint", "employment", "qualification_match", "recorded_on",
        )),
        "referrals": sorted(Referral.objects.values_list("kind", "status", "created_on")),
        "consents": sorted(Consent.objects.values_list("purpose", "given_on", "withdrawn_on")),
        "requests": sorted(AppointmentRequest.objects.values_list(
            "organisation", "country", "district_code", "status", "language",
        )),
    }  # fmt: skip


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


# --- Erasure -------------------------------------------------------------------------------


def test_every_field_of_the_client_records_is_either_kept_or_erased():
    for model in KEPT.keys() | ERASED.keys():
        fields = {field.name for field in model._meta.concrete_fields}
        kept, erased = KEPT.get(model, set()), set(ERASED.get(model, {}))
        assert not kept & erased, model
        assert fields == kept | erased, (model.__name__, fields ^ (kept | erased))
    # Every model that hangs off a client is handled: blanked, kept whole, or deleted.
    children = {
        rel.related_model for rel in Client._meta.related_objects if rel.related_model is not None
    }
    assert children <= KEPT.keys() | set(DELETED)


def test_erasure_leaves_no_personal_value_in_any_table_or_file(
    client,
    full_client,
    counsellor_stuttgart,
    login_verified,
    media,
    django_capture_on_commit_callbacks,
):
    before = database_text()
    assert all(canary in before for canary in CANARIES)
    assert len(stored_files(media)) == 2
    login_verified(counsellor_stuttgart)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/staff/clients/{full_client.pk}/erase/", {"e-number": full_client.number.lower()}
        )
    assert response.status_code == 302
    assert response["Location"].endswith("/staff/clients/")
    assert "erased" in messages_of(response)

    after = database_text()
    for canary in CANARIES:
        assert canary not in after, canary
    assert full_client.number.lower() not in after
    assert stored_files(media) == []
    erased = Client.objects.get(pk=full_client.pk)
    assert erased.is_erased and erased.birth_year is None and erased.arrived_on is None
    assert erased.residence_status == "not_stated"
    assert not Document.objects.exists() and not FollowUp.objects.exists()
    assert Referral.objects.get(kind="organisation").shared_data == {}
    assert Consent.objects.get(purpose="referral").shared_fields == []
    # A future appointment does not stay on the counsellor's calendar for nobody.
    assert set(Appointment.objects.values_list("status", flat=True)) == {"done", "cancelled"}


def test_erasure_keeps_every_statistical_fact(full_client, counsellor_stuttgart, make_client):
    bystander = make_client(counsellor_stuttgart, name="Amina Yusuf", district_code="08115")
    facts = statistical_facts()
    client_erase(client=full_client, user=counsellor_stuttgart)
    assert statistical_facts() == facts
    assert Client.objects.get(pk=bystander.pk).name == "Amina Yusuf"


def test_erasure_is_logged_without_personal_data(full_client, counsellor_stuttgart):
    client_erase(client=full_client, user=counsellor_stuttgart)
    event = AuditEvent.objects.get(action="client.erased")
    assert (event.target_type, event.target_id) == ("casework.client", str(full_client.pk))
    assert event.extra == {
        "reason": "request", "documents": 2, "follow_ups": 1, "appointments_cancelled": 1,
    }  # fmt: skip
    assert AuditEvent.objects.filter(
        action="appointment_request.anonymised", target_id=str(full_client.appointment_request_id)
    ).exists()


def test_guide_request_keeps_only_what_it_counts(full_client, counsellor_stuttgart):
    client_erase(client=full_client, user=counsellor_stuttgart)
    request = AppointmentRequest.objects.get()
    assert (request.name, request.email, request.phone, request.message) == ("", "", "", "")
    assert (request.country, request.district_code, request.status) == ("UA", "08111", "accepted")


def test_erasure_needs_the_client_number_typed(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    for typed in ("", "K-0000-0000", client_stuttgart.number + "X"):
        response = client.post(
            f"/en/staff/clients/{client_stuttgart.pk}/erase/", {"e-number": typed}
        )
        assert response.status_code == 302
        assert response["Location"].endswith("#privacy")
        assert not Client.objects.get(pk=client_stuttgart.pk).is_erased
    assert "Nothing was erased" in messages_of(response)


def test_an_erased_client_is_gone_from_the_workspace(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    client_erase(client=client_stuttgart, user=counsellor_stuttgart)
    login_verified(counsellor_stuttgart)
    for url in ("/", "/export/", "/erase/"):
        response = client.post(f"/en/staff/clients/{client_stuttgart.pk}{url}")
        assert response.status_code in (404, 405)
    assert client.get(f"/en/staff/clients/{client_stuttgart.pk}/").status_code == 404


def test_erasing_twice_is_refused(client_stuttgart, counsellor_stuttgart):
    client_erase(client=client_stuttgart, user=counsellor_stuttgart)
    with pytest.raises(services.CaseworkError):
        client_erase(client=client_stuttgart, user=counsellor_stuttgart)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("counsellor_mannheim", 404), ("coordinator", 403), ("trainer", 403), ("administrator", 403)],
)
def test_only_the_clients_organisation_may_erase_or_export(
    request, client_stuttgart, login_verified, persona, status
):
    web = login_verified(request.getfixturevalue(persona), WebClient())
    number = client_stuttgart.number
    assert web.post(f"/en/staff/clients/{client_stuttgart.pk}/export/").status_code == status
    erase = web.post(f"/en/staff/clients/{client_stuttgart.pk}/erase/", {"e-number": number})
    assert erase.status_code == status
    assert not Client.objects.get(pk=client_stuttgart.pk).is_erased
    assert not AuditEvent.objects.filter(action__in=["client.exported", "client.erased"]).exists()


def test_anonymous_visitors_cannot_export_or_erase(client, client_stuttgart):
    for url in ("export", "erase"):
        response = client.post(
            f"/en/staff/clients/{client_stuttgart.pk}/{url}/", {"e-number": client_stuttgart.number}
        )
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Client.objects.get(pk=client_stuttgart.pk).is_erased


# --- Export --------------------------------------------------------------------------------


def export(web, client) -> zipfile.ZipFile:
    response = web.post(f"/en/staff/clients/{client.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="lotse-{client.number}-'
    )
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_holds_every_record_type_and_the_uploaded_files(
    client, full_client, lead_stuttgart, login_verified
):
    login_verified(lead_stuttgart)
    archive = export(client, full_client)
    data = json.loads(archive.read("data.json"))
    assert data["client"]["name"] == "Qxcanary Zorvanka"
    assert data["client"]["work_experience"] == "Qxcanary hospital, 8 years"
    for field in Client._meta.concrete_fields:
        if field.name not in DERIVED_FIELDS:
            assert {field.name, f"{field.name}_id"} & data["client"].keys(), field.name
    assert (
        data["client"]["residence_status_label"] == "temporary protection (Ukraine, § 24 AufenthG)"
    )
    for part in (
        "consents", "counselling_sessions", "recognition_cases", "referrals", "follow_ups",
        "outcomes", "appointments", "documents",
    ):  # fmt: skip
        assert data[part], part
    assert {c["purpose"] for c in data["consents"]} == {"counselling", "referral"}
    assert all("withdraw" in c["text"] for c in data["consents"])
    assert data["counselling_sessions"][0]["note"] == "Qxcanary told me about her family"
    timelines = {c["occupation_id"]: c["timeline"] for c in data["recognition_cases"]}
    assert sum(len(t) for t in timelines.values()) == 7
    assert any(step["note"] == "Qxcanary step" for t in timelines.values() for step in t)
    shared = next(r for r in data["referrals"] if r["kind"] == "organisation")["shared_data"]
    assert shared["name"] == "Qxcanary Zorvanka"
    assert data["follow_ups"][0]["title"] == "Qxcanary call back"
    assert data["outcomes"][0]["employment"] == "employed"
    assert {a["location"] for a in data["appointments"]} == {"Qxcanary Street 5, Stuttgart"}
    assert data["appointment_request"]["message"] == "Qxcanary: I am a nurse"

    uploaded = {DIPLOMA, TRANSCRIPT}
    files = [name for name in archive.namelist() if name.startswith("documents/")]
    assert len(files) == 2
    assert {archive.read(name) for name in files} == uploaded
    for entry in data["documents"]:
        assert entry["file_in_archive"] in files and not entry["file_missing"]
        assert hashlib.sha256(archive.read(entry["file_in_archive"])).hexdigest() in {
            hashlib.sha256(content).hexdigest() for content in uploaded
        }


def test_export_has_a_readable_summary_as_pdf_and_html(
    client, full_client, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    archive = export(client, full_client)
    pdf = archive.read("summary.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (full_client.number, "Qxcanary Zorvanka", "Qxcanary Klinikum", "Consents"):
        assert expected in text, expected
    html = archive.read("summary.html").decode()
    assert "Qxcanary told me about her family" in html
    assert "Counselling sessions" in html and "Recognition cases" in html


def test_export_is_audited_without_personal_data(
    client, full_client, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    export(client, full_client)
    event = AuditEvent.objects.get(action="client.exported")
    assert event.target_id == str(full_client.pk) and event.actor_id == counsellor_stuttgart.pk
    assert event.extra == {"documents": 2, "files_missing": 0}


def test_export_with_a_lost_file_still_delivers_and_says_which(
    client, client_stuttgart, counsellor_stuttgart, login_verified, media
):
    document = document_add(
        client=client_stuttgart,
        user=counsellor_stuttgart,
        upload=SimpleUploadedFile("scan.pdf", DIPLOMA),
        kind="diploma",
    )
    for path in stored_files(media):
        path.unlink()
    login_verified(counsellor_stuttgart)
    data = json.loads(export(client, client_stuttgart).read("data.json"))
    assert data["documents"][0]["id"] == document.pk
    assert data["documents"][0]["file_missing"] is True


def test_export_is_not_offered_by_get(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    assert client.get(f"/en/staff/clients/{client_stuttgart.pk}/export/").status_code == 405
