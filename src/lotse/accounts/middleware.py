import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

SESSION_LOGIN_AT = "lotse_login_at"


class SessionLifetimeMiddleware:
    """End a session 12 hours after login, however active (ASVS 4.0.3 V3.3.2).

    The idle timeout of 30 minutes comes from SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            login_at = request.session.get(SESSION_LOGIN_AT)
            if login_at is None:
                request.session[SESSION_LOGIN_AT] = time.time()
            elif time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
