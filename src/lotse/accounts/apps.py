from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "lotse.accounts"
    label = "accounts"
    verbose_name = _("Organisations and users")

    def ready(self) -> None:
        from lotse.accounts import permissions, signals  # noqa: F401  (register rules, receivers)


class LotseAdminConfig(admin_apps.AdminConfig):
    """The Django admin, open only to administrators who passed two-factor verification."""

    default = False
    default_site = "lotse.accounts.admin_site.LotseAdminSite"
