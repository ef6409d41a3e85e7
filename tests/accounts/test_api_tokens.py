"""Personal API tokens: the settings page, the command line, and what makes a token stop."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from lotse.accounts.models import ApiToken, Role
from lotse.accounts.tokens import api_token_create, api_token_revoke, api_token_verify
from lotse.core.models import AuditEvent
from tests.conftest import make_user

URL = "/en/account/api-tokens/"
TOKEN = re.compile(r"lotse_[A-Za-z0-9_-]{43}")


def created_token(response) -> str:
    found = TOKEN.findall(response.content.decode())
    assert len(found) == 1, found
    return found[0]


# --- The settings page -------------------------------------------------------------------


def test_a_token_created_in_the_settings_is_shown_once_then_only_its_prefix(
    client, login_verified, counsellor_stuttgart
):
    login_verified(counsellor_stuttgart)
    response = client.post(URL, {"name": "Spreadsheet sync"})
    assert response.status_code == 200
    raw = created_token(response)
    assert api_token_verify(raw) == counsellor_stuttgart
    later = client.get(URL).content.decode()
    assert raw not in later
    row = counsellor_stuttgart.api_tokens.get()
    assert f"lotse_{row.prefix}…" in later and "Spreadsheet sync" in later
    assert raw[len("lotse_") :].startswith(row.prefix)
    assert row.token_hash != raw and raw not in row.token_hash


def test_the_page_with_the_new_token_is_not_cached(client, login_verified, counsellor_stuttgart):
    login_verified(counsellor_stuttgart)
    response = client.post(URL, {"name": "Spreadsheet sync"})
    assert "no-store" in response["Cache-Control"]


def test_a_token_from_the_settings_opens_the_api(client, login_verified, counsellor_stuttgart):
    login_verified(counsellor_stuttgart)
    raw = created_token(client.post(URL, {"name": "Integration"}))
    client.logout()
    response = client.get("/api/v1/clients", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200


def test_a_token_needs_a_name(client, login_verified, counsellor_stuttgart):
    login_verified(counsellor_stuttgart)
    response = client.post(URL, {"name": "   "})
    assert response.status_code == 400
    assert not TOKEN.search(response.content.decode())
    assert not ApiToken.objects.exists()


def test_revoking_in_the_settings_stops_the_token(client, login_verified, counsellor_stuttgart):
    login_verified(counsellor_stuttgart)
    raw = created_token(client.post(URL, {"name": "Old script"}))
    row = counsellor_stuttgart.api_tokens.get()
    response = client.post(f"{URL}{row.pk}/revoke/", follow=True)
    assert "is revoked" in response.content.decode()
    assert api_token_verify(raw) is None
    assert "revoked on" in client.get(URL).content.decode()
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["api_token.created", "api_token.revoked"]


def test_nobody_can_revoke_another_users_token(
    client, login_verified, counsellor_stuttgart, lead_stuttgart
):
    row, raw = api_token_create(user=lead_stuttgart, name="lead's", actor=lead_stuttgart)
    login_verified(counsellor_stuttgart)
    assert client.post(f"{URL}{row.pk}/revoke/").status_code == 404
    assert "lead's" not in client.get(URL).content.decode()
    assert api_token_verify(raw) == lead_stuttgart


def test_revoking_needs_a_post(client, login_verified, counsellor_stuttgart):
    row, _raw = api_token_create(user=counsellor_stuttgart, name="x", actor=counsellor_stuttgart)
    login_verified(counsellor_stuttgart)
    assert client.get(f"{URL}{row.pk}/revoke/").status_code == 405
    row.refresh_from_db()
    assert row.revoked_at is None


def test_the_settings_page_needs_a_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_workspace_links_to_the_token_settings(client, login_verified, counsellor_stuttgart):
    login_verified(counsellor_stuttgart)
    assert 'href="/en/account/api-tokens/"' in client.get("/en/staff/").content.decode()


def test_audit_events_of_tokens_hold_no_token(client, login_verified, counsellor_stuttgart):
    login_verified(counsellor_stuttgart)
    raw = created_token(client.post(URL, {"name": "Integration"}))
    event = AuditEvent.objects.get(action="api_token.created")
    assert raw not in str(event.extra) and raw[6:] not in str(event.extra)
    assert event.extra["via"] == "web"


# --- The command line ----------------------------------------------------------------------


def test_the_command_prints_only_the_token(counsellor_stuttgart):
    out, err = StringIO(), StringIO()
    call_command("create-api-token", "aylin", "--name", "nightly export", stdout=out, stderr=err)
    printed = out.getvalue()
    assert TOKEN.fullmatch(printed.strip())
    assert printed == printed.strip() + "\n"
    assert api_token_verify(printed.strip()) == counsellor_stuttgart
    assert counsellor_stuttgart.api_tokens.get().name == "nightly export"
    assert AuditEvent.objects.get(action="api_token.created").extra["via"] == "command"


def test_the_command_refuses_unknown_and_inactive_users(counsellor_stuttgart):
    with pytest.raises(CommandError, match="no user"):
        call_command("create-api-token", "nobody", stdout=StringIO())
    counsellor_stuttgart.is_active = False
    counsellor_stuttgart.save()
    with pytest.raises(CommandError, match="not active"):
        call_command("create-api-token", "aylin", stdout=StringIO())
    assert not ApiToken.objects.exists()


@override_settings(DEMO=False)
def test_the_command_warns_that_a_demo_accounts_token_is_useless_outside_demo_mode(
    client, org_stuttgart
):
    make_user("demo-lead", Role.LEAD, org_stuttgart, is_demo=True)
    out, err = StringIO(), StringIO()
    call_command("create-api-token", "demo-lead", stdout=out, stderr=err)
    assert "demo" in err.getvalue()
    raw = out.getvalue().strip()
    assert TOKEN.fullmatch(raw)
    response = client.get("/api/v1/clients", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


# --- When a token stops working ----------------------------------------------------------


def test_a_revoked_token_is_refused_and_cannot_be_revoked_twice(counsellor_stuttgart):
    from lotse.accounts.tokens import ApiTokenError

    row, raw = api_token_create(user=counsellor_stuttgart, name="x", actor=None)
    api_token_revoke(token=row, user=counsellor_stuttgart)
    assert api_token_verify(raw) is None
    with pytest.raises(ApiTokenError):
        api_token_revoke(token=row, user=counsellor_stuttgart)


def test_a_deactivated_users_token_is_refused(counsellor_stuttgart):
    _row, raw = api_token_create(user=counsellor_stuttgart, name="x", actor=None)
    counsellor_stuttgart.is_active = False
    counsellor_stuttgart.save()
    assert api_token_verify(raw) is None


def test_a_demo_accounts_token_works_only_in_demo_mode(org_stuttgart):
    demo = make_user("demo-counsellor", Role.COUNSELLOR, org_stuttgart, is_demo=True)
    _row, raw = api_token_create(user=demo, name="x", actor=None)
    with override_settings(DEMO=True):
        assert api_token_verify(raw) == demo
    with override_settings(DEMO=False):
        assert api_token_verify(raw) is None


@pytest.mark.parametrize("raw", ["", "lotse_", "lotse_" + "a" * 200, "token", "LOTSE_abc"])
def test_malformed_tokens_are_refused(counsellor_stuttgart, raw):
    api_token_create(user=counsellor_stuttgart, name="x", actor=None)
    assert api_token_verify(raw) is None


def test_only_a_hash_of_the_token_is_stored(counsellor_stuttgart):
    row, raw = api_token_create(user=counsellor_stuttgart, name="x", actor=None)
    stored = ApiToken.objects.values().get(pk=row.pk)
    assert all(raw not in str(value) and raw[6:] not in str(value) for value in stored.values())
