from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "lotse.guide"
    label = "guide"
    verbose_name = _("Recognition guide")

    def ready(self) -> None:
        from lotse.guide import permissions  # noqa: F401  (registers rules)
