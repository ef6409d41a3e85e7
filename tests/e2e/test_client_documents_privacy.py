"""In a real browser, by keyboard: upload a document, download it, export everything, erase
the client; the documents and data-protection sections pass axe in German and English."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone

from lotse.casework.models import Client, Document
from lotse.casework.services import client_create
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_quality import log_in

PDF = b"%PDF-1.4\n% Zeugnis\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def client_stuttgart(counsellor_stuttgart) -> Client:
    return client_create(
        organisation=counsellor_stuttgart.organisation,
        user=counsellor_stuttgart,
        values={"name": "Olga Petrenko", "email": "olga@example.org"},
        consent={"purpose": "counselling", "given_on": timezone.localdate()},
    )


def test_counsellor_uploads_downloads_exports_and_erases(
    page, axe, client_stuttgart, counsellor_stuttgart, tmp_path
):
    scan = tmp_path / "Zeugnis.pdf"
    scan.write_bytes(PDF)
    log_in(page, counsellor_stuttgart)
    page.goto(f"/en/staff/clients/{client_stuttgart.pk}/#documents")
    assert_no_axe_violations(axe, page)

    page.get_by_label("Kind of document").select_option("diploma")
    page.get_by_label(re.compile(r"^File")).set_input_files(str(scan))
    page.get_by_role("button", name="Upload", exact=True).press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text("Document uploaded.").is_visible()
    assert Document.objects.get().original_name == "Zeugnis.pdf"
    assert_no_axe_violations(axe, page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Zeugnis.pdf").press("Enter")
    assert Path(download.value.path()).read_bytes() == PDF

    with page.expect_download() as download:
        page.get_by_role("button", name="Download all data (ZIP)").press("Enter")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"data.json", "summary.pdf", "summary.html"} <= set(archive.namelist())

    page.get_by_label("Client number").fill("K-WRONG")
    page.get_by_role("button", name="Erase personal data for good").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text("Nothing was erased.").is_visible()
    assert_no_axe_violations(axe, page)

    page.get_by_label("Client number").fill(client_stuttgart.number)
    page.get_by_role("button", name="Erase personal data for good").press("Enter")
    page.wait_for_url("**/staff/clients/")
    assert page.get_by_text("personal data and documents have been erased").is_visible()
    assert Client.objects.get(pk=client_stuttgart.pk).is_erased


def test_documents_and_privacy_sections_pass_axe_in_german(
    page, axe, client_stuttgart, counsellor_stuttgart
):
    log_in(page, counsellor_stuttgart)
    page.goto(f"/de/staff/clients/{client_stuttgart.pk}/#privacy")
    assert page.locator("#documents").is_visible() and page.locator("#privacy").is_visible()
    assert_no_axe_violations(axe, page)
