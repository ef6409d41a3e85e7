from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from lotse.accounts.decorators import second_factor_url
from lotse.accounts.permissions import can
from lotse.accounts.two_factor import needs_verification


class LotseAdminSite(admin.AdminSite):
    site_header = _("Lotse administration")
    site_title = _("Lotse administration")
    index_title = _("Administration")

    def has_permission(self, request) -> bool:
        return can(request.user, "admin.access") and not needs_verification(request)

    def login(self, request, extra_context=None):
        """Send everyone through Lotse's own login, which enforces lockout and two-factor."""
        if request.user.is_authenticated:
            if needs_verification(request):
                return redirect(second_factor_url(request))
            raise PermissionDenied
        next_url = request.GET.get(REDIRECT_FIELD_NAME, reverse("admin:index"))
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        return redirect(f"{reverse('accounts:login')}?{REDIRECT_FIELD_NAME}={next_url}")
