"""The one place that answers "may this user do X (with this record)?".

Default deny: an action nobody registered a rule for is refused, and so is any user who is
anonymous, inactive, or a demo account outside demo mode. Rules are organisation-scoped: a
record belongs to the organisation named by its `organisation_id`, and most rules allow only
members of that organisation. Apps register their own rules with `@rule("app.action")` in their
`permissions.py`; views, the API and the admin all ask `can()` / `require()` / `scope()`.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from lotse.accounts.models import Role

Predicate = Callable[[Any, Any], bool]

_RULES: dict[str, Predicate] = {}


def rule(action: str) -> Callable[[Predicate], Predicate]:
    """Register the predicate `(user, obj) -> bool` that decides `action`."""

    def register(predicate: Predicate) -> Predicate:
        if action in _RULES:
            raise ValueError(f"A rule for {action!r} is already registered.")
        _RULES[action] = predicate
        return predicate

    return register


def registered_actions() -> list[str]:
    return sorted(_RULES)


def _usable(user) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return not (user.is_demo and not settings.DEMO)


def can(user, action: str, obj: Any = None) -> bool:
    predicate = _RULES.get(action)
    if predicate is None or not _usable(user):
        return False
    return bool(predicate(user, obj))


def require(user, action: str, obj: Any = None) -> None:
    """Raise unless allowed. A record of another organisation answers 404, not 403, so that
    its existence is not revealed."""
    if can(user, action, obj):
        return
    if obj is not None and organisation_of(obj) not in (None, getattr(user, "organisation_id", 0)):
        raise Http404
    raise PermissionDenied


def organisation_of(obj: Any) -> int | None:
    if obj is None:
        return None
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    if obj.__class__.__name__ == "Organisation":
        return obj.pk
    return None


def has_role(user, *roles: Role | str) -> bool:
    return user.role in roles


def same_organisation(user, obj: Any) -> bool:
    org_id = organisation_of(obj)
    return org_id is not None and org_id == user.organisation_id


def scope(user, queryset: QuerySet, *, field: str = "organisation") -> QuerySet:
    """Rows of the user's own organisation; nothing for a user without one (fail closed)."""
    if not _usable(user) or user.organisation_id is None:
        return queryset.none()
    return queryset.filter(**{f"{field}_id": user.organisation_id})


STAFF_ROLES: Iterable[str] = tuple(Role.values)


# --- Rules owned by this app -------------------------------------------------------------


@rule("workspace.view")
def _workspace_view(user, obj) -> bool:
    return user.role in STAFF_ROLES and (user.organisation_id is not None or user.is_administrator)


@rule("organisation.view")
def _organisation_view(user, obj) -> bool:
    if user.is_administrator or has_role(user, Role.COORDINATOR):
        return True
    return same_organisation(user, obj)


@rule("organisation.change")
def _organisation_change(user, obj) -> bool:
    if user.is_administrator:
        return True
    return has_role(user, Role.LEAD) and same_organisation(user, obj)


@rule("organisation.members.view")
def _organisation_members_view(user, obj) -> bool:
    return user.is_administrator or same_organisation(user, obj)


@rule("audit.view")
def _audit_view(user, obj) -> bool:
    return user.is_administrator


@rule("admin.access")
def _admin_access(user, obj) -> bool:
    return user.is_administrator and user.is_staff
