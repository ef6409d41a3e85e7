from django.contrib import admin

from lotse.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only, filterable view of the audit log for administrators."""

    list_display = ["at", "actor_label", "action", "target_type", "target_id", "ip_address"]
    list_filter = ["action", "target_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["actor_label", "action", "target_id", "summary"]
    date_hierarchy = "at"
    list_per_page = 100
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
