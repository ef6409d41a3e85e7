"""Register, join the waiting list, cancel, get promoted, check in, download the certificate."""

import re

from lotse.training.models import Registration
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_quality import log_in
from tests.training.conftest import new_event


def register(page, event, name):
    page.goto(f"/en/trainings/events/{event.pk}/")
    page.locator("input[name=name]").fill(name)
    page.locator("input[name=email]").fill(f"{name.lower()}@example.org")
    page.locator("input[name=organisation_name]").fill("Welcome Center Stuttgart")
    page.locator("main button[type=submit]").press("Enter")
    page.wait_for_url(re.compile(r"/en/trainings/registrations/"))
    return page.url


def test_registration_waiting_list_cancel_promotion_check_in_and_certificate(page, axe, trainer):
    event = new_event(capacity=1, trainer=trainer)
    page.goto("/en/trainings/")
    assert_no_axe_violations(axe, page)
    page.goto(f"/en/trainings/events/{event.pk}/")
    assert_no_axe_violations(axe, page)

    ana_url = register(page, event, "Ana")
    assert "Your seat is confirmed." in page.locator("[role=status]").inner_text()
    assert_no_axe_violations(axe, page)
    ben_url = register(page, event, "Ben")
    assert "number 1 on the waiting list" in page.locator("[role=status]").inner_text()

    page.goto(ana_url)
    page.get_by_role("button", name="Cancel my registration").press("Enter")
    page.wait_for_load_state()
    assert "cancelled" in page.locator(".registration-status").inner_text()
    page.goto(ben_url)
    assert "Your seat is confirmed." in page.locator(".registration-status").inner_text()

    ben = Registration.objects.get(name="Ben")
    log_in(page, trainer)
    page.goto(f"/en/staff/trainings/events/{event.pk}/")
    assert_no_axe_violations(axe, page)
    page.get_by_role("button", name="Present: Ben").press("Enter")
    page.wait_for_load_state()
    ben.refresh_from_db()
    assert ben.attended is True

    page.goto(ben_url)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate of attendance (PDF)").press(
            "Enter"
        )
    assert download.value.suggested_filename == f"certificate-{ben.certificate_code}.pdf"


def test_offers_page_has_no_wcag_violations(page, axe, reference_data):
    page.goto("/en/offers/")
    assert_no_axe_violations(axe, page)
