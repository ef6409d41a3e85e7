from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "district_code", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "city", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "organisation", "role", "is_active", "is_demo", "last_login"]
    list_filter = ["role", "organisation", "is_active", "is_demo"]
    list_select_related = ["organisation"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Lotse"), {"fields": ("organisation", "role", "is_demo")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Lotse"), {"fields": ("organisation", "role")}),
    )
