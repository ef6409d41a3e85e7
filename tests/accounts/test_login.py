import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.accounts.models import Role
from lotse.core.models import AuditEvent
from tests.conftest import PASSWORD, current_code, make_user, totp_device


def login(client, username, password=PASSWORD, lang="en", ip="127.0.0.1"):
    return client.post(
        f"/{lang}/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.parametrize("lang", ["de", "en", "ar", "tr", "uk", "ru", "fa"])
def test_login_page_exists_in_every_language(client, db, lang):
    response = client.get(f"/{lang}/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_wrong_password_is_explained_in_the_users_language(client, counsellor_stuttgart):
    response = login(client, "aylin", "not-the-password", lang="de")
    assert response.status_code == 200
    assert "fünf" in response.content.decode()


def test_staff_must_set_up_two_factor_before_reaching_the_workspace(client, counsellor_stuttgart):
    response = login(client, "aylin")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/account/two-factor/")
    # Typing the workspace address does not skip the second factor.
    response = client.get("/en/staff/")
    assert response.status_code == 302
    assert "/account/two-factor/" in response["Location"]


def test_two_factor_setup_confirms_a_device_with_a_valid_code(client, counsellor_stuttgart):
    login(client, "aylin")
    page = client.get("/en/account/two-factor/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=counsellor_stuttgart, confirmed=False)
    ok = client.post("/en/account/two-factor/", {"token": current_code(device)})
    assert ok.status_code == 302
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/en/staff/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.2fa_enabled").count() == 1


def test_two_factor_setup_refuses_a_wrong_code(client, counsellor_stuttgart):
    login(client, "aylin")
    client.get("/en/account/two-factor/")
    bad = client.post("/en/account/two-factor/", {"token": "000000"})
    assert bad.status_code == 200
    assert "not valid" in bad.content.decode()
    assert not TOTPDevice.objects.get(user=counsellor_stuttgart).confirmed
    assert client.get("/en/staff/").status_code == 302


def test_user_with_a_device_must_enter_a_code_after_the_password(client, counsellor_stuttgart):
    device = totp_device(counsellor_stuttgart)
    response = login(client, "aylin")
    assert response["Location"].startswith("/en/login/verify/")
    assert client.get("/en/staff/").status_code == 302
    right = client.post("/en/login/verify/", {"token": current_code(device)})
    assert right.status_code == 302
    assert client.get("/en/staff/").status_code == 200


def test_wrong_code_is_refused_and_an_immediate_retry_is_throttled(client, counsellor_stuttgart):
    device = totp_device(counsellor_stuttgart)
    login(client, "aylin")
    wrong = client.post("/en/login/verify/", {"token": "123456"})
    assert wrong.status_code == 200
    assert "not valid" in wrong.content.decode()
    # Guessing is slowed down: even the right code is refused for a moment after a failure.
    retry = client.post("/en/login/verify/", {"token": current_code(device)})
    assert retry.status_code == 200
    assert "wait a few seconds" in retry.content.decode()
    assert client.get("/en/staff/").status_code == 302


def test_a_code_cannot_be_used_twice(client, counsellor_stuttgart):
    device = totp_device(counsellor_stuttgart)
    code = current_code(device)
    login(client, "aylin")
    assert client.post("/en/login/verify/", {"token": code}).status_code == 302
    client.post("/en/logout/")
    login(client, "aylin")
    assert client.post("/en/login/verify/", {"token": code}).status_code == 200


def test_verify_form_rejects_letters_with_a_clear_message(client, counsellor_stuttgart):
    totp_device(counsellor_stuttgart)
    login(client, "aylin")
    response = client.post("/en/login/verify/", {"token": "abc"})
    assert response.status_code == 200
    assert "six digits" in response.content.decode()


def test_sixth_attempt_is_refused_even_with_the_right_password(client, counsellor_stuttgart):
    for _ in range(5):
        login(client, "aylin", "wrong-password-123")
    response = login(client, "aylin")
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()


def test_lockout_of_one_account_does_not_block_a_colleague_elsewhere(
    client, counsellor_stuttgart, lead_stuttgart
):
    for _ in range(5):
        login(client, "aylin", "wrong-password-123")
    assert login(client, "maria", ip="10.1.2.3").status_code == 302


def test_password_spraying_from_one_address_is_locked_out(
    client, counsellor_stuttgart, lead_stuttgart, counsellor_mannheim
):
    for name in ["aylin", "maria", "jonas", "aylin", "maria"]:
        login(client, name, "wrong-password-123", ip="192.0.2.7")
    assert login(client, "jonas", ip="192.0.2.7").status_code == 429


def test_successful_login_resets_the_failure_count(client, counsellor_stuttgart):
    for _ in range(4):
        login(client, "aylin", "wrong-password-123")
    assert login(client, "aylin").status_code == 302
    client.post("/en/logout/")
    for _ in range(4):
        login(client, "aylin", "wrong-password-123")
    assert login(client, "aylin").status_code == 302


def test_logout_requires_post_and_ends_the_session(client, counsellor_stuttgart, login_verified):
    login_verified(counsellor_stuttgart)
    assert client.get("/en/logout/").status_code == 405
    client.post("/en/logout/")
    assert client.get("/en/staff/").status_code == 302


@override_settings(DEMO=False)
def test_demo_accounts_cannot_log_in_outside_demo_mode(client, org_stuttgart):
    make_user("counsellor.stuttgart", Role.COUNSELLOR, org_stuttgart, is_demo=True)
    response = login(client, "counsellor.stuttgart")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@override_settings(DEMO=True, REQUIRE_2FA=False)
def test_demo_mode_may_relax_two_factor_and_says_so(client, org_stuttgart):
    make_user("counsellor.stuttgart", Role.COUNSELLOR, org_stuttgart, is_demo=True)
    response = login(client, "counsellor.stuttgart")
    assert response.status_code == 302
    page = client.get("/en/staff/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Two-factor authentication is not enforced in demo mode." in html
    assert "Beratung Stuttgart" in html


def test_external_next_url_is_not_followed(client, counsellor_stuttgart):
    device = totp_device(counsellor_stuttgart)
    login(client, "aylin")
    response = client.post(
        "/en/login/verify/?next=https://evil.example/", {"token": current_code(device)}
    )
    assert response["Location"] == "/en/staff/"
