from tests.conftest import PASSWORD, current_code, totp_device
from tests.e2e.conftest import assert_no_axe_violations


def fill_login(page, username, password):
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Password").press("Enter")


def test_login_with_password_and_authenticator_code(page, axe, counsellor_stuttgart):
    device = totp_device(counsellor_stuttgart)
    page.goto("/en/login/")
    fill_login(page, "aylin", PASSWORD)
    page.wait_for_url("**/en/login/verify/**")
    assert_no_axe_violations(axe, page)
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/en/staff/")
    assert page.get_by_role("heading", name="Beratung Stuttgart").is_visible()
    assert_no_axe_violations(axe, page)


def test_first_login_sets_up_two_factor_from_the_qr_page(page, axe, counsellor_stuttgart):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto("/en/login/")
    fill_login(page, "aylin", PASSWORD)
    page.wait_for_url("**/en/account/two-factor/**")
    assert page.locator(".qr svg").is_visible()
    assert_no_axe_violations(axe, page)
    device = TOTPDevice.objects.get(user=counsellor_stuttgart, confirmed=False)
    page.get_by_label("Six-digit code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Switch on two-factor authentication").click()
    page.wait_for_url("**/en/staff/")
    assert page.get_by_text("Two-factor authentication is now on").is_visible()


def test_account_is_locked_after_five_wrong_passwords(page, counsellor_stuttgart):
    for _ in range(5):
        page.goto("/de/login/")
        page.get_by_label("Benutzername").fill("aylin")
        page.get_by_label("Passwort").fill("wrong-password-123")
        page.get_by_label("Passwort").press("Enter")
        page.wait_for_load_state()
    page.goto("/de/login/")
    page.get_by_label("Benutzername").fill("aylin")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_label("Passwort").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert "gesperrt" in page.get_by_role("alert").inner_text()
    assert "/staff/" not in page.url
