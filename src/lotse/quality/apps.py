from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "lotse.quality"
    label = "quality"
    verbose_name = _("Quality of counselling")

    def ready(self) -> None:
        from lotse.quality import permissions  # noqa: F401  (registers rules)
