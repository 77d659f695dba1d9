"""Queries about editors' second factors."""

from django.contrib.auth.models import AbstractBaseUser
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from .models import SealedTOTPDevice


def totp_device_confirmed(*, user: AbstractBaseUser) -> SealedTOTPDevice | None:
    """The user's confirmed authenticator app, if they enrolled one."""
    return SealedTOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_codes_remaining(*, user: AbstractBaseUser) -> int:
    """How many unused recovery codes the user has left."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def recovery_device(*, user: AbstractBaseUser) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def second_factor_throttled(*, user: AbstractBaseUser) -> bool:
    """Whether django-otp makes the user wait after wrong codes (for the message; it enforces it itself)."""
    devices = [totp_device_confirmed(user=user), recovery_device(user=user)]
    return any(device is not None and not device.verify_is_allowed()[0] for device in devices)
