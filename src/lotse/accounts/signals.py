"""Authentication events go to the audit log (never passwords or codes)."""

import time

from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from lotse.accounts.middleware import SESSION_LOGIN_AT
from lotse.core.audit import audit_record

# Sent by `lotse load_demo_data` after the demo organisations exist, with
# `organisations={slug: Organisation}`, so higher apps can add their demo data.
demo_data_loaded = Signal()


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_LOGIN_AT] = time.time()
    audit_record(action="auth.login", actor=user, target=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="auth.logout", actor=user, target=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(action="auth.login_failed", request=request, summary=f"username={username!r}")


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit_record(
        action="auth.locked_out", request=request, summary=f"username={str(username)[:150]!r}"
    )


@receiver(post_save, sender=LogEntry)
def _admin_change(sender, instance: LogEntry, created: bool, **kwargs):
    """Changes made in the Django admin are audit events too."""
    if not created:
        return
    action = {ADDITION: "admin.add", CHANGE: "admin.change"}.get(
        instance.action_flag, "admin.delete"
    )
    ct = instance.content_type
    audit_record(
        action=action,
        actor=instance.user,
        target_type=f"{ct.app_label}.{ct.model}" if ct else "",
        target_id=instance.object_id or "",
    )
