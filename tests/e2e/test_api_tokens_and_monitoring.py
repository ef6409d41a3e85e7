"""API token settings and the monitoring export, by keyboard, with zero axe violations."""

import re

import pytest

from lotse.accounts.tokens import api_token_verify
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_quality import log_in


def test_a_lead_creates_copies_and_revokes_an_api_token_by_keyboard(page, axe, lead_stuttgart):
    log_in(page, lead_stuttgart)
    page.get_by_role("link", name=re.compile("API tokens")).press("Enter")
    page.wait_for_url("**/en/account/api-tokens/")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Name of the token").fill("Spreadsheet sync")
    page.get_by_label("Name of the token").press("Enter")
    page.wait_for_load_state()
    token = page.get_by_label("Token", exact=True).input_value()
    assert token.startswith("lotse_")
    assert api_token_verify(token) == lead_stuttgart
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Revoke “Spreadsheet sync”").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text("is revoked and stops working now").is_visible()
    assert token not in page.content()
    assert api_token_verify(token) is None
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_monitoring_export_page_passes_axe(page, axe, lead_stuttgart, lang):
    log_in(page, lead_stuttgart)
    page.goto(f"/{lang}/staff/monitoring/")
    assert_no_axe_violations(axe, page)
    page.goto(f"/{lang}/staff/monitoring/?year=2026&quarter=1")
    assert page.locator("[role=status]").is_visible()
    assert_no_axe_violations(axe, page)
    page.goto(f"/{lang}/account/api-tokens/")
    assert_no_axe_violations(axe, page)


def test_a_lead_downloads_the_quarter_as_csv(page, lead_stuttgart):
    log_in(page, lead_stuttgart)
    page.goto("/en/staff/monitoring/")
    page.get_by_label("Year").select_option("2026")
    page.get_by_label("Quarter").select_option("1")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV (UTF-8)").press("Enter")
    assert download.value.suggested_filename == "monitoring-beratung-stuttgart-2026-Q1.csv"
    with open(download.value.path(), encoding="utf-8") as handle:
        assert handle.readline().startswith("quarter,client_number,organisation,")
