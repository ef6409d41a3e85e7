from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from lotse.api.urls import api
from lotse.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/setlang/", core_views.switch_language, name="set_language"),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("lotse.core.urls")),
    path("", include("lotse.accounts.urls")),
    path("", include("lotse.occupations.urls")),
    path("", include("lotse.directory.urls")),
    path("", include("lotse.guide.urls")),
    path("", include("lotse.quality.urls")),
    path("", include("lotse.training.urls")),
    path("", include("lotse.casework.urls")),
    path("", include("lotse.reports.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
