import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import override_settings

from lotse.accounts import permissions
from lotse.accounts.models import Organisation, Role, User
from lotse.accounts.permissions import can, require, scope
from tests.conftest import make_user


def test_an_action_without_a_rule_is_denied_to_everyone(administrator):
    assert not can(administrator, "nobody.registered.this")


def test_anonymous_and_inactive_users_are_denied(counsellor_stuttgart, org_stuttgart):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), "organisation.view", org_stuttgart)
    counsellor_stuttgart.is_active = False
    assert not can(counsellor_stuttgart, "organisation.view", org_stuttgart)


def test_members_see_their_own_organisation_only(counsellor_stuttgart, org_stuttgart, org_mannheim):
    assert can(counsellor_stuttgart, "organisation.view", org_stuttgart)
    assert not can(counsellor_stuttgart, "organisation.view", org_mannheim)
    assert not can(counsellor_stuttgart, "organisation.members.view", org_mannheim)


def test_only_the_lead_changes_the_organisation(
    lead_stuttgart, counsellor_stuttgart, org_stuttgart, org_mannheim
):
    assert can(lead_stuttgart, "organisation.change", org_stuttgart)
    assert not can(lead_stuttgart, "organisation.change", org_mannheim)
    assert not can(counsellor_stuttgart, "organisation.change", org_stuttgart)


def test_another_organisations_record_answers_404_not_403(
    counsellor_stuttgart, org_mannheim, org_stuttgart
):
    with pytest.raises(Http404):
        require(counsellor_stuttgart, "organisation.members.view", org_mannheim)
    with pytest.raises(PermissionDenied):
        require(counsellor_stuttgart, "organisation.change", org_stuttgart)


def test_scope_returns_only_the_users_organisation(counsellor_stuttgart, counsellor_mannheim):
    users = scope(counsellor_stuttgart, User.objects.all())
    assert list(users) == [counsellor_stuttgart]


def test_scope_fails_closed_for_a_user_without_organisation(db):
    admin = User.objects.create(username="orphan", role=Role.ADMIN)
    assert list(scope(admin, Organisation.objects.all())) == []


@override_settings(DEMO=False)
def test_demo_accounts_have_no_permissions_outside_demo_mode(org_stuttgart):
    demo = make_user("demo", Role.LEAD, org_stuttgart, is_demo=True)
    assert not can(demo, "organisation.view", org_stuttgart)


def test_rules_cannot_be_registered_twice():
    with pytest.raises(ValueError):
        permissions.rule("audit.view")(lambda user, obj: True)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.COUNSELLOR, False),
        (Role.LEAD, False),
        (Role.TRAINER, False),
        (Role.QUALITY, False),
        (Role.COORDINATOR, False),
        (Role.ADMIN, True),
    ],
)
def test_only_administrators_reach_the_admin_and_audit_log(org_coordination, role, expected):
    user = make_user(f"user-{role}", role, org_coordination)
    assert can(user, "audit.view") is expected
    assert can(user, "admin.access") is expected


def test_workspace_shows_own_team_but_not_other_organisations(
    client, counsellor_stuttgart, lead_stuttgart, counsellor_mannheim, login_verified
):
    login_verified(counsellor_stuttgart)
    html = client.get("/en/staff/").content.decode()
    assert "Beratung Stuttgart" in html
    assert "maria" in html
    assert "jonas" not in html
    assert "Beratung Mannheim" not in html


@pytest.mark.parametrize("url", ["/en/staff/", "/en/admin/", "/de/admin/accounts/user/"])
def test_staff_pages_send_anonymous_visitors_to_the_login(client, db, url):
    response = client.get(url, follow=True)
    assert response.redirect_chain
    assert "/login/" in response.redirect_chain[-1][0]
