from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "lotse.training"
    label = "training"
    verbose_name = _("Trainings and qualification offers")

    def ready(self) -> None:
        from lotse.training import demo, permissions, receivers  # noqa: F401
