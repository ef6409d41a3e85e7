"""Self-assessment from start to submit, and the client survey in Arabic, in a real browser."""

import pytest

from lotse.quality.models import Assessment, FeedbackLink, FeedbackResponse
from lotse.quality.services import catalogue_load
from tests.conftest import PASSWORD, current_code, totp_device
from tests.e2e.conftest import assert_no_axe_violations
from tests.quality.conftest import SMALL_CATALOGUE


@pytest.fixture
def catalogue(db):
    return catalogue_load(data=SMALL_CATALOGUE)


def log_in(page, user):
    device = totp_device(user)
    page.goto("/en/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url("**/login/verify/**")
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Confirm").press("Enter")
    page.wait_for_url("**/en/staff/")


def test_self_assessment_from_start_to_submit(page, axe, catalogue, lead_stuttgart):
    log_in(page, lead_stuttgart)
    page.get_by_role("link", name="Quality of counselling").press("Enter")
    page.wait_for_url("**/staff/quality/")
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Open").press("Enter")
    page.wait_for_url("**/staff/quality/assessments/*/")
    assert_no_axe_violations(axe, page)
    for radio in page.locator("input[type=radio][value='2']").all():
        radio.check()
    page.get_by_label("Evidence").first.fill("Counselling is free; see our flyer.")
    page.get_by_role("button", name="Save draft").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_text("Draft saved.").is_visible()
    page.get_by_role("button", name="Submit for review").press("Enter")
    page.wait_for_url("**/results/")
    assert Assessment.objects.get().status == "submitted"
    assert page.locator("svg.chart").is_visible()
    assert_no_axe_violations(axe, page)


def test_client_survey_in_arabic(page, axe, org_stuttgart):
    link = FeedbackLink.objects.create(organisation=org_stuttgart)
    page.goto(f"/ar/feedback/{link.token}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_no_axe_violations(axe, page)
    for fieldset in page.locator("fieldset.scale").all():
        fieldset.locator("input[value='4']").check()
    page.locator("textarea").fill("شكرا جزيلا")
    page.locator("main button[type=submit]").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("status").is_visible()
    assert_no_axe_violations(axe, page)
    assert FeedbackResponse.objects.get().free_text == "شكرا جزيلا"
