from django.contrib import admin

from lotse.directory.models import Centre, District, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "government_district"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "region", "main_town"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code", "main_town"]
    list_select_related = ["region"]


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "organisation", "confirmed", "checked_on"]
    list_filter = ["kind", "confirmed"]
    search_fields = ["name", "key", "city", "operator"]
    filter_horizontal = ["districts"]
    list_select_related = ["organisation"]
