"""Downloads carry exactly the protected tables: CSV, XLSX and the funder report PDF."""

import csv
from io import BytesIO, StringIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.reports.services import statistics_refresh
from tests.reports.conftest import YEAR


@pytest.fixture
def coordinator_client(world, login_verified, client, coordinator):
    statistics_refresh(year=YEAR)
    login_verified(coordinator)
    return client


def numbers_below_five(rows: list[list]) -> list:
    found = []
    for row in rows[1:]:
        for value in row[2:]:
            if isinstance(value, int | float) and 0 < value < 5:
                found.append(value)
            if isinstance(value, str) and value.isdigit() and 0 < int(value) < 5:
                found.append(value)
    return found


def test_csv_of_a_table_is_the_protected_table(coordinator_client):
    response = coordinator_client.get(f"/en/staff/statistics/tables/clients-gender.csv?year={YEAR}")
    assert response["Content-Type"].startswith("text/csv")
    assert f"lotse-{YEAR}-network-clients-gender.csv" in response["Content-Disposition"]
    rows = list(csv.reader(StringIO(response.content.decode())))
    assert rows[0] == ["region", "label", "female", "male", "diverse", "not stated", "Total"]
    by_code = {row[0]: row[2:] for row in rows[1:]}
    assert by_code["region:sued"] == [".", ".", ".", "-", "8"]
    assert by_code["none"][0] == "5"
    assert numbers_below_five(rows) == []


def test_xlsx_of_a_table_keeps_numbers_as_numbers_and_marks_as_text(coordinator_client):
    response = coordinator_client.get(
        f"/en/staff/statistics/tables/sessions-region.xlsx?year={YEAR}"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    by_code = {row[0]: row[2] for row in rows[1:] if row and row[0]}
    assert by_code["total"] == 44 and by_code["region:nord"] == 17
    assert by_code["district:08222"] == "."
    assert numbers_below_five([r for r in rows if r and r[0] and len(r) > 2]) == []


def test_the_workbook_holds_every_table_with_the_same_marks(coordinator_client):
    response = coordinator_client.get(f"/en/staff/statistics/tables.xlsx?year={YEAR}")
    book = load_workbook(BytesIO(response.content))
    assert {"clients-gender", "decision_days-region", "registrations-module"} <= set(
        book.sheetnames
    )
    assert "clients-organisation" in book.sheetnames
    rows = [list(r) for r in book["clients-gender"].iter_rows(values_only=True)]
    single = coordinator_client.get(f"/en/staff/statistics/tables/clients-gender.csv?year={YEAR}")
    expected = list(csv.reader(StringIO(single.content.decode())))
    for mine, theirs in zip(rows[: len(expected)], expected, strict=True):
        assert [str(v) for v in mine] == theirs
    for name in book.sheetnames:
        sheet_rows = [list(r) for r in book[name].iter_rows(values_only=True)]
        table_rows = [r for r in sheet_rows if r and r[0] is not None and len(r) > 2]
        if name not in ("events-module", "assessments-status", "quality-area"):
            assert numbers_below_five(table_rows) == [], name


def test_the_funder_report_is_a_pdf_with_the_tables_and_their_summaries(coordinator_client):
    response = coordinator_client.get(f"/en/staff/statistics/report.pdf?year={YEAR}")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert f"statistics {YEAR}" in text
    assert "Clients counselled by gender" in text
    assert "24 clients counselled in total" in text
    assert "Median days from application to decision" in text
    assert "Registrations by training module and status" in text
    assert "Olga" not in text
