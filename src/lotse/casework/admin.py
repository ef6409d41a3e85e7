"""Only the retention rules are in the admin (ADR 0005): client records are not, because the
admin has no organisation scope and administrators have no business reading them."""

from django.contrib import admin

from lotse.casework.models import RetentionRule
from lotse.core.audit import audit_record


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ["record_type", "days", "legal_basis"]
    ordering = ["record_type"]

    def get_readonly_fields(self, request, obj=None):
        # The record type names what the retention run looks at; only the period and its
        # basis are a matter of policy.
        return ["record_type"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        # Without a rule a record type is kept forever; a period is changed, not removed.
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            action="retention_rule.changed" if change else "retention_rule.created",
            actor=request.user,
            target=obj,
            request=request,
            extra={"record_type": obj.record_type, "days": obj.days},
        )
