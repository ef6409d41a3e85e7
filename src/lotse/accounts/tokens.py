"""Personal API tokens: create, verify, revoke.

A token is `lotse_` followed by `secrets.token_urlsafe(32)` (256 random bits). The database
keeps its SHA-256 hash and the first characters of the random part (to tell tokens apart in
lists), never the token itself: a copy of the database does not open the API. A fast hash is
enough because the token is random, not chosen by a person.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.models import ApiToken, User
from lotse.core.audit import audit_record

TOKEN_PREFIX = "lotse_"  # noqa: S105 (a marker, not a secret)
PREFIX_LENGTH = 8
# `last_used_at` is written at most this often, so a busy integration does not write a row
# on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
# token_urlsafe(32) has 43 characters; anything much longer is not one of ours.
_MAX_TOKEN_LENGTH = 100


class ApiTokenError(Exception):
    """A token change that is not allowed; the message is for the user."""


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_tokens_of(user) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


@transaction.atomic
def api_token_create(
    *, user: User, name: str, actor: User | None, request=None
) -> tuple[ApiToken, str]:
    """Create a token for `user` (`actor` is who asked; None for the command line). Returns the
    row and the token, which exists only here."""
    name = name.strip()[:100]
    if not name:
        raise ApiTokenError(_("Give the token a name, for example the program that uses it."))
    secret = secrets.token_urlsafe(32)
    raw = f"{TOKEN_PREFIX}{secret}"
    token = ApiToken.objects.create(
        user=user, name=name, prefix=secret[:PREFIX_LENGTH], token_hash=_hash(raw)
    )
    audit_record(
        action="api_token.created",
        actor=actor,
        target=token,
        organisation_id=user.organisation_id,
        request=request,
        extra={"user": user.pk, "prefix": token.prefix, "via": "web" if actor else "command"},
    )
    return token, raw


def api_token_verify(raw: str) -> User | None:
    """The user a token belongs to, or None for an unknown, malformed or revoked token, an
    inactive user, or a demo account outside demo mode (whose password does not work either).
    Whether that user may do anything is for `permissions.can` to say."""
    if not isinstance(raw, str) or len(raw) > _MAX_TOKEN_LENGTH or not raw.startswith(TOKEN_PREFIX):
        return None
    digest = _hash(raw)
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(token_hash=digest, revoked_at__isnull=True)
        .first()
    )
    # The lookup is by hash already; compare once more in constant time so that the answer
    # does not depend on how a database compares strings.
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    if not token.user.is_active or (token.user.is_demo and not settings.DEMO):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user: User, request=None) -> ApiToken:
    """Revoke one of the user's own tokens; it stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != user.pk:
        raise ApiTokenError(_("You can revoke only your own tokens."))
    if token.revoked_at is not None:
        raise ApiTokenError(_("This token has already been revoked."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        action="api_token.revoked",
        actor=user,
        target=token,
        organisation_id=user.organisation_id,
        request=request,
        extra={"user": user.pk, "prefix": token.prefix},
    )
    return token
