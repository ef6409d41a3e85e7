"""Staff pages pass axe as well (WCAG 2.1 AA), in German and English."""

import pytest

from lotse.quality.services import catalogue_load
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_quality import log_in
from tests.quality.conftest import SMALL_CATALOGUE


@pytest.mark.parametrize("lang", ["de", "en"])
def test_counsellor_and_lead_pages(page, axe, awo, lead_stuttgart, lang):
    catalogue_load(data=SMALL_CATALOGUE)
    log_in(page, lead_stuttgart)
    for url in (
        f"/{lang}/staff/",
        f"/{lang}/staff/requests/",
        f"/{lang}/staff/centres/{awo.key}/edit/",
        f"/{lang}/staff/quality/",
        f"/{lang}/staff/quality/feedback/",
    ):
        page.goto(url)
        assert page.url.endswith(url), page.url
        assert_no_axe_violations(axe, page)


def test_quality_manager_catalogue_page(page, axe, db, org_coordination):
    from lotse.accounts.models import Role
    from tests.conftest import make_user

    catalogue_load(data=SMALL_CATALOGUE)
    manager = make_user("qm", Role.QUALITY, org_coordination)
    log_in(page, manager)
    page.goto("/en/staff/quality/catalogue/")
    assert_no_axe_violations(axe, page)
