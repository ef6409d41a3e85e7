from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lotse.reports"
    label = "reports"
    verbose_name = _("Statistics and reports")

    def ready(self) -> None:
        from lotse.reports import permissions  # noqa: F401  (registers rules)
