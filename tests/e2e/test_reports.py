"""Statistics in a real browser: filter, read a chart, download XLSX; axe-clean in de and en."""

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_quality import log_in
from tests.reports.conftest import YEAR, occupations, places, world  # noqa: F401


@pytest.mark.parametrize("lang", ["de", "en"])
def test_coordinator_filters_reads_a_chart_and_downloads_xlsx(page, axe, world, coordinator, lang):  # noqa: F811
    log_in(page, coordinator)
    page.goto(f"/{lang}/staff/statistics/")
    assert_no_axe_violations(axe, page)
    page.locator("#id_year").select_option(str(YEAR))
    page.locator("#id_region").select_option("nord")
    page.locator("form.report-filters button[type=submit]").press("Enter")
    page.wait_for_url("**region=nord**")
    chart = page.locator("#panel-clients-region ~ .chart-and-table svg.chart")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    districts = page.locator("#panel-clients-region ~ .chart-and-table table tbody th")
    assert districts.all_inner_texts() == ["Böblingen", "Stuttgart"]
    assert_no_axe_violations(axe, page)
    with page.expect_download() as download:
        page.locator("a[href*='/tables/clients-gender.xlsx']").click()
    assert download.value.suggested_filename == f"lotse-{YEAR}-network-clients-gender.xlsx"
    content = BytesIO(Path(download.value.path()).read_bytes())
    rows = list(load_workbook(content).active.iter_rows(values_only=True))
    assert rows[1][0] == "total" and rows[1][-1] == 24
    for section in ("recognition", "training", "quality"):
        page.goto(f"/{lang}/staff/statistics/{section}/?year={YEAR}")
        assert_no_axe_violations(axe, page)


def test_a_lead_switches_between_own_and_network_figures(page, axe, world, lead_stuttgart):  # noqa: F811
    log_in(page, lead_stuttgart)
    page.get_by_role(
        "link", name="Statistics: anonymised figures, exports and the funder report"
    ).press("Enter")
    page.wait_for_url("**/staff/statistics/")
    page.locator("#id_year").select_option(str(YEAR))
    page.locator("#id_scope").select_option("own")
    page.locator("form.report-filters button[type=submit]").press("Enter")
    page.wait_for_url("**scope=own**")
    total = page.locator("#panel-clients-region ~ .chart-and-table tfoot td").first
    assert total.inner_text() == "11"
    page.locator("#id_scope").select_option("network")
    page.locator("form.report-filters button[type=submit]").press("Enter")
    page.wait_for_url("**scope=network**")
    assert total.inner_text() == "24"
    assert_no_axe_violations(axe, page)
