from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token

from lotse.accounts.decorators import second_factor_url, staff_required
from lotse.accounts.forms import LoginForm, TokenForm
from lotse.accounts.permissions import can
from lotse.accounts.selectors import organisation_members
from lotse.accounts.two_factor import is_throttled, needs_verification, pending_totp_device
from lotse.core.audit import audit_record


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if needs_verification(self.request):
            return redirect(second_factor_url_for(self.request, self.get_success_url()))
        return response


def second_factor_url_for(request, next_url: str) -> str:
    url = second_factor_url(request).split("?", 1)[0]
    return f"{url}?{urlencode({'next': next_url})}"


def _safe_next(request, default: str = "accounts:workspace") -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse(default)


@sensitive_post_parameters("token")
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Second step of the login: a code from the user's authenticator app."""
    if not needs_verification(request):
        return redirect(_safe_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if is_throttled(request.user):
            form.add_error(
                "token", _("Too many attempts. Please wait a few seconds before trying again.")
            )
            return render(
                request, "accounts/verify.html", {"form": form, "next": _safe_next(request)}
            )
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            audit_record(action="auth.2fa_verified", target=request.user, request=request)
            return redirect(_safe_next(request))
        audit_record(action="auth.2fa_failed", target=request.user, request=request)
        form.add_error("token", _("This code is not valid. Wait for the next code and try again."))
    return render(request, "accounts/verify.html", {"form": form, "next": _safe_next(request)})


@sensitive_post_parameters("token")
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    """Connect an authenticator app: scan the QR code, confirm with one code."""
    device = pending_totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error(
                "token", _("Too many attempts. Please wait a few seconds before trying again.")
            )
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(action="auth.2fa_enabled", target=request.user, request=request)
            messages.success(request, _("Two-factor authentication is now on for your account."))
            return redirect(_safe_next(request))
        else:
            form.add_error(
                "token", _("This code is not valid. Check the time on your phone and try again.")
            )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR code for your authenticator app")
    )
    context = {
        "form": form,
        "qr_svg": qr_svg,
        "secret": _base32_secret(device),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _base32_secret(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["POST"])
def logout_view(request):
    return auth_views.LogoutView.as_view()(request)


@staff_required("workspace.view")
def workspace(request):
    """The staff start page: one's organisation, team and account security."""
    user = request.user
    organisation = user.organisation
    context = {
        "organisation": organisation,
        "members": organisation_members(user=user, organisation=organisation)
        if organisation
        else [],
        "can_admin": can(user, "admin.access"),
        "can_audit": can(user, "audit.view"),
        # Rules registered by higher apps are asked by name; no import needed.
        "can_see_requests": can(user, "appointment_request.list"),
        "can_use_quality": can(user, "quality.use"),
        "can_train": can(user, "training.manage"),
        "can_see_statistics": can(user, "reports.view"),
        "can_casework": can(user, "client.list"),
        "is_verified": user.is_verified(),
    }
    return render(request, "accounts/workspace.html", context)
