"""The audit log: who did what to which record, and when.

Append-only from the application: the model and its queryset refuse updates and deletes, and a
database trigger refuses UPDATE on both SQLite and PostgreSQL (see migration 0002). Events hold
identifiers and action names only, never the personal data of the record, so an event outlives
the erasure of the record it names.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditImmutableError(Exception):
    """Raised when code tries to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutableError("Audit events cannot be changed.")

    def delete(self):
        raise AuditImmutableError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # Plain ids, not foreign keys: the event must survive the deletion of user or organisation.
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    organisation_id = models.BigIntegerField(
        _("organisation id"), null=True, blank=True, db_index=True
    )
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(_("record type"), max_length=100, blank=True, db_index=True)
    target_id = models.CharField(_("record id"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    extra = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label or '-'} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AuditImmutableError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutableError("Audit events cannot be deleted.")
