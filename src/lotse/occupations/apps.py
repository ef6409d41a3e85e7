from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OccupationsConfig(AppConfig):
    name = "lotse.occupations"
    label = "occupations"
    verbose_name = _("Reference occupations")

    def ready(self) -> None:
        from lotse.occupations import signals  # noqa: F401
