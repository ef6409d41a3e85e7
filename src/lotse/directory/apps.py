from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "lotse.directory"
    label = "directory"
    verbose_name = _("Districts and counselling centres")

    def ready(self) -> None:
        from lotse.directory import demo, permissions  # noqa: F401  (rules, receivers)
