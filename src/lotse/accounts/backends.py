from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class LotseModelBackend(ModelBackend):
    """Model backend that refuses demo accounts unless demo mode is on.

    Checked here, not in the login form, so that no entry point (admin, API, sessions that
    outlive a switch of the mode) lets a demo account in on a production system.
    """

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO:
            return False
        return super().user_can_authenticate(user)
