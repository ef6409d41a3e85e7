from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from lotse.accounts.permissions import can
from lotse.accounts.two_factor import has_confirmed_device, needs_verification


def second_factor_url(request) -> str:
    name = "accounts:verify" if has_confirmed_device(request.user) else "accounts:two_factor_setup"
    return f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"


def staff_required(action: str = "workspace.view"):
    """Logged in, second factor passed (unless relaxed in demo mode), and allowed `action`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if needs_verification(request):
                return redirect(second_factor_url(request))
            if not can(request.user, action):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
