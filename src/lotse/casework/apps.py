from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "lotse.casework"
    label = "casework"
    verbose_name = _("Case management")

    def ready(self) -> None:
        from lotse.casework import demo, permissions  # noqa: F401
