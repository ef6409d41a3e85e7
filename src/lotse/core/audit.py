"""One function writes audit events; every app calls it (ARCHITECTURE.md, "Audit")."""

from typing import Any

from django.db import models

from lotse.core.models import AuditEvent


def client_ip(request) -> str | None:
    """The client address as Django sees it (a proxy in front must set REMOTE_ADDR correctly)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    actor=None,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    organisation_id: int | None = None,
    request=None,
    summary: str = "",
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. `summary` and `extra` must not contain personal data of the target."""
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    if target is not None:
        target_type = target._meta.label_lower
        target_id = target.pk
        if organisation_id is None:
            organisation_id = getattr(target, "organisation_id", None)
    if organisation_id is None and actor is not None:
        organisation_id = getattr(actor, "organisation_id", None)
    return AuditEvent.objects.create(
        action=action,
        actor_id=getattr(actor, "pk", None),
        actor_label=(actor.get_username() if actor is not None else "")[:150],
        organisation_id=organisation_id,
        target_type=target_type,
        target_id=str(target_id),
        summary=summary[:255],
        ip_address=client_ip(request),
        extra=extra or {},
    )
