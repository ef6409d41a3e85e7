"""Two-factor state of a session (TOTP through django-otp)."""

from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice


def has_confirmed_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def needs_verification(request) -> bool:
    """True while this session must still pass the second factor.

    A user who set up a device always has to use it. Without a device, the session is let
    through only when two-factor is relaxed, which settings allow in demo mode alone.
    """
    user = request.user
    if not user.is_authenticated:
        return False
    # Right after login() the request still holds the plain user, not django-otp's wrapper.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    if has_confirmed_device(user):
        return True
    return settings.REQUIRE_2FA


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device shown during set-up (created on first visit, reused after)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def is_throttled(user) -> bool:
    """django-otp slows down guessing: after a failure the device refuses codes for a while."""
    for device in devices_for_user(user, confirmed=True):
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            return True
    return False
