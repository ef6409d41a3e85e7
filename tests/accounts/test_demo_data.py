from django.core.management import CommandError, call_command
from django.test import override_settings

from lotse.accounts.models import Organisation, Role, User

DEMO_LOGINS = {
    "counsellor.stuttgart": Role.COUNSELLOR,
    "counsellor.mannheim": Role.COUNSELLOR,
    "lead.stuttgart": Role.LEAD,
    "trainer": Role.TRAINER,
    "quality": Role.QUALITY,
    "coordinator": Role.COORDINATOR,
    "admin": Role.ADMIN,
}


@override_settings(DEMO=True)
def test_demo_data_has_the_documented_logins_and_loads_idempotently(db):
    call_command("load_demo_data")
    first = {u.username: (u.role, u.organisation_id, u.password) for u in User.objects.all()}
    call_command("load_demo_data")
    second = {u.username: (u.role, u.organisation_id, u.password) for u in User.objects.all()}
    assert first == second
    assert {name: role for name, (role, _, _) in first.items()} == DEMO_LOGINS
    assert all(User.objects.get(username=n).check_password("lotse-demo-2026") for n in DEMO_LOGINS)
    kinds = sorted(Organisation.objects.values_list("kind", flat=True))
    assert kinds.count(Organisation.Kind.COUNSELLING) == 2
    assert Organisation.Kind.WELCOME_CENTER in kinds
    assert Organisation.Kind.COORDINATION in kinds
    cities = set(Organisation.objects.filter(kind="counselling").values_list("city", flat=True))
    assert cities == {"Stuttgart", "Mannheim"}


@override_settings(DEMO=False)
def test_demo_data_is_refused_outside_demo_mode(db):
    try:
        call_command("load_demo_data")
    except CommandError as error:
        assert "LOTSE_DEMO=1" in str(error)
    else:
        raise AssertionError("load_demo_data ran outside demo mode")
    assert not User.objects.exists()
