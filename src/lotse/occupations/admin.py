from django.contrib import admin

from lotse.occupations.models import Authority, Competence, DistrictAuthority, Label, Occupation


class LabelInline(admin.TabularInline):
    model = Label
    extra = 1


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = [
        "title_de",
        "slug",
        "group",
        "regulation",
        "competence",
        "confirmed",
        "checked_on",
    ]
    list_filter = ["regulation", "group", "confirmed", "competence"]
    search_fields = ["slug", "title_de", "title_de_f", "title_en", "kldb2010", "isco08"]
    list_select_related = ["competence"]
    inlines = [LabelInline]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "city", "confirmed", "checked_on"]
    list_filter = ["confirmed"]
    search_fields = ["key", "name", "short_name", "city"]


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["key", "authority", "by_district", "confirmed", "checked_on"]
    list_select_related = ["authority"]


@admin.register(DistrictAuthority)
class DistrictAuthorityAdmin(admin.ModelAdmin):
    list_display = ["district_code", "by_district", "authority"]
    list_select_related = ["authority"]
