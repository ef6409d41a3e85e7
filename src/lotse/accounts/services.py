"""Writes for organisations and users (demo data uses these too)."""

from django.db import transaction

from lotse.accounts.models import Organisation, Role, User


@transaction.atomic
def organisation_upsert(*, slug: str, **fields) -> tuple[Organisation, bool]:
    """Create or update by slug; returns (organisation, changed). Unchanged rows are not saved."""
    org = Organisation.objects.filter(slug=slug).first()
    if org is None:
        return Organisation.objects.create(slug=slug, **fields), True
    changed = [k for k, v in fields.items() if getattr(org, k) != v]
    for key in changed:
        setattr(org, key, fields[key])
    if changed:
        org.save(update_fields=changed)
    return org, bool(changed)


@transaction.atomic
def user_upsert(
    *,
    username: str,
    password: str,
    role: Role,
    organisation: Organisation | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_demo: bool = False,
) -> tuple[User, bool]:
    """Create or update a staff user; the password is set only when it differs."""
    is_admin = role == Role.ADMIN
    fields = {
        "role": role,
        "organisation": organisation,
        "first_name": first_name,
        "last_name": last_name,
        "email": email,
        "is_demo": is_demo,
        "is_staff": is_admin,
        "is_superuser": is_admin,
        "is_active": True,
    }
    user = User.objects.filter(username=username).first()
    created = user is None
    if created:
        user = User(username=username)
    changed = [k for k, v in fields.items() if getattr(user, k) != v]
    for key in changed:
        setattr(user, key, fields[key])
    if created or not user.check_password(password):
        user.set_password(password)
        changed.append("password")
    if created:
        user.save()
    elif changed:
        user.save(update_fields=changed)
    return user, bool(changed)
