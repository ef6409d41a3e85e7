"""A counsellor goes from a guide request in the inbox to a closed client with an outcome, in a
real browser, with the keyboard only (Tab, Enter, Space, arrow keys, typing), in German and
English; every casework page on the way passes axe (WCAG 2.1 AA). A second test sweeps the
remaining casework pages with axe."""

import re

import pytest
from django.utils import timezone

from lotse.casework import services
from lotse.casework.models import Client, CounsellingSession, Outcome, RecognitionCase
from lotse.guide.models import AppointmentRequest
from tests.casework.workspace_helpers import guide_request, open_case
from tests.e2e.conftest import assert_no_axe_violations
from tests.e2e.test_quality import log_in

ACTIVE = "document.activeElement"


def tab_to(page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches the CSS selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"{ACTIVE} && {ACTIVE}.matches({selector!r})"):
            return
    raise AssertionError(f"keyboard focus never reached {selector}")


def choose(page, selector: str, value: str) -> None:
    """Reach a native select with Tab and move to `value` with the arrow keys."""
    tab_to(page, selector)
    for _ in range(60):
        if page.evaluate(f"{ACTIVE}.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{value} cannot be chosen in {selector}")


def press_enter_and_wait(page, pattern: str) -> None:
    """Press Enter and wait for the page it loads (also when the address stays the same)."""
    with page.expect_navigation(url=re.compile(pattern)):
        page.keyboard.press("Enter")
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_from_guide_request_to_closed_client_with_the_keyboard_only(
    page, axe, awo, counsellor_stuttgart, lang
):
    request = guide_request(awo, name="Olha Petrenko", email="olha@example.org")
    log_in(page, counsellor_stuttgart)
    page.goto(f"/{lang}/staff/")

    # Inbox → the request → client with consent, in one step.
    tab_to(page, 'a[href$="/staff/inbox/"]')
    press_enter_and_wait(page, rf"/{lang}/staff/inbox/$")
    assert_no_axe_violations(axe, page)
    tab_to(page, f'a[href$="/staff/inbox/{request.pk}/"]')
    press_enter_and_wait(page, rf"/{lang}/staff/inbox/{request.pk}/$")
    assert_no_axe_violations(axe, page)
    tab_to(page, "#id_c-consent_given")
    page.keyboard.press("Space")
    tab_to(page, 'button[name="action"][value="create"]')
    press_enter_and_wait(page, rf"/{lang}/staff/clients/\d+/$")
    created = Client.objects.get()
    assert created.appointment_request_id == request.pk and created.consents.count() == 1
    assert AppointmentRequest.objects.get().status == "accepted"
    assert_no_axe_violations(axe, page)

    # A session, by quick entry on the client page.
    tab_to(page, "#id_s-topics_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_s-note")
    page.keyboard.type("First counselling: explained the procedure.")
    tab_to(page, 'form[action$="/sessions/"] button[type="submit"]')
    press_enter_and_wait(page, r"#sessions$")
    assert CounsellingSession.objects.get().note == "First counselling: explained the procedure."
    assert_no_axe_violations(axe, page)

    # A recognition case: the occupation through the matcher's suggestions.
    tab_to(page, f'a[href$="/staff/clients/{created.pk}/cases/new/"]')
    press_enter_and_wait(page, r"/cases/new/$")
    assert_no_axe_violations(axe, page)
    tab_to(page, '[role="combobox"]')
    page.keyboard.type("медична сестра", delay=20)
    page.get_by_role("option").first.wait_for()
    assert_no_axe_violations(axe, page)
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        active = page.locator('[role="combobox"]').get_attribute("aria-activedescendant")
        if active == "suggestion-pflegefachmann":
            break
    press_enter_and_wait(page, r"/cases/new/\?occupation=pflegefachmann$")
    assert_no_axe_violations(axe, page)
    tab_to(page, 'form[action$="/cases/new/"] button[type="submit"]')
    press_enter_and_wait(page, r"/staff/cases/\d+/$")
    case = RecognitionCase.objects.get()
    assert case.occupation.slug == "pflegefachmann" and case.status == "informed"
    assert_no_axe_violations(axe, page)

    # Submitted → decision (full equivalence) → completed.
    for status, extra in (("submitted", None), ("decision", "full"), ("completed", None)):
        choose(page, "#id_status", status)
        if extra:
            choose(page, "#id_decision", extra)
        tab_to(page, 'form[action$="/step/"] button[type="submit"]')
        press_enter_and_wait(page, r"/staff/cases/\d+/#timeline$")
        case.refresh_from_db()
        assert case.status == status
    assert (case.decision, case.submitted_on) == ("full", timezone.localdate())
    assert page.locator(".timeline li").count() == 4
    assert_no_axe_violations(axe, page)

    # Back to the client: close, then record the outcome.
    tab_to(page, f'a[href$="/staff/clients/{created.pk}/#cases"]')
    press_enter_and_wait(page, rf"/staff/clients/{created.pk}/#cases$")
    tab_to(page, 'form[action$="/close/"] button[type="submit"]')
    press_enter_and_wait(page, r"#outcome$")
    assert Client.objects.get().status == "closed"
    choose(page, "#id_o-employment", "employed")
    choose(page, "#id_o-qualification_match", "yes")
    tab_to(page, 'form[action$="/outcome/"] button[type="submit"]')
    press_enter_and_wait(page, r"#outcome$")
    outcome = Outcome.objects.get()
    assert (outcome.timepoint, outcome.employment, outcome.qualification_match) == (
        "close",
        "employed",
        "yes",
    )
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_casework_pages_have_no_wcag_violations(
    page, axe, awo, reference_data, lead_stuttgart, counsellor_mannheim, org_stuttgart, lang
):
    log_in(page, lead_stuttgart)
    for url in ("clients/", "inbox/", "tasks/", "team/", "referrals/received/"):
        page.goto(f"/{lang}/staff/{url}")
        assert_no_axe_violations(axe, page)

    # With rows: a client with a case, a task, a request in the inbox and a referral received.
    olga = services.client_create(
        organisation=org_stuttgart, user=lead_stuttgart,
        values={"name": "Olga Petrenko", "email": "olga@example.org"},
        consent={"purpose": "counselling", "given_on": timezone.localdate()},
    )  # fmt: skip
    case = open_case(olga, lead_stuttgart)
    services.case_step(case=case, user=lead_stuttgart, status="submitted", on=timezone.localdate())
    services.follow_up_create(client=olga, user=lead_stuttgart, assignee=lead_stuttgart,
                              title="Call back", due_on=timezone.localdate())  # fmt: skip
    guide_request(awo, name="Karim Haddad", email="karim@example.org")
    karim = services.client_create(
        organisation=counsellor_mannheim.organisation, user=counsellor_mannheim,
        values={"name": "Karim Haddad", "email": "karim@example.org"},
        consent={"purpose": "counselling", "given_on": timezone.localdate()},
    )  # fmt: skip
    services.consent_record(client=karim, user=counsellor_mannheim, purpose="referral",
                            given_on=timezone.localdate(), receiving_organisation=org_stuttgart,
                            shared_fields=["name", "email", "qualification_country"])  # fmt: skip
    services.referral_create(client=karim, user=counsellor_mannheim, kind="organisation",
                             receiving_organisation=org_stuttgart)  # fmt: skip

    pages = ["clients/", f"clients/{olga.pk}/", f"clients/{olga.pk}/edit/", f"cases/{case.pk}/"]
    for url in (*pages, "tasks/", "team/", "referrals/received/", "inbox/"):
        page.goto(f"/{lang}/staff/{url}")
        assert page.url.endswith(url), page.url
        assert_no_axe_violations(axe, page)

    # The intake form with validation errors.
    page.goto(f"/{lang}/staff/clients/new/")
    tab_to(page, 'main form[action$="/clients/new/"] button[type="submit"]')
    press_enter_and_wait(page, r"/staff/clients/new/$")
    assert page.locator(".error-summary").count() >= 1
    assert_no_axe_violations(axe, page)
