"""Actions on editors' second factors: enrol an authenticator app, verify a code, recovery codes, reset.

Every action that changes what protects an account is written to Wagtail's audit log (``samvydat.audit``
actions, see ``audit.py``), so "Site history" in the admin shows who enrolled, used a recovery code or was reset.
"""

import logging
from base64 import b32encode

import django_otp
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils.functional import LazyObject, empty
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from wagtail.log_actions import log

from . import crypto, selectors
from .models import SealedTOTPDevice

logger = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator app"
TOTP_DIGITS = 6


def _concrete(user):
    """``request.user`` is a lazy object (twice: auth, then django-otp); the audit log needs the real model."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def totp_device_pending(*, user: AbstractBaseUser) -> SealedTOTPDevice:
    """The unconfirmed authenticator the user is enrolling (created on first call, reused until confirmed)."""
    device = SealedTOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is not None and not _opens(device):
        device.delete()  # sealed under an earlier OTP_SEED_KEY: never shown to anyone yet, start afresh
        device = None
    return device or SealedTOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _opens(device: SealedTOTPDevice) -> bool:
    try:
        device.bin_key  # noqa: B018
    except crypto.SealError:
        logger.error("an authenticator key does not open with OTP_SEED_KEY; reset the user: two_factor_reset")
        return False
    return True


def totp_secret_text(*, device: SealedTOTPDevice) -> str:
    """The shared secret as base32 in groups of four, for typing into an app that cannot scan the QR code."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_config_url(*, device: SealedTOTPDevice) -> str:
    return device.config_url


def _normalise(token: str) -> str:
    return "".join((token or "").split()).lower()[:64]


@transaction.atomic
def totp_device_confirm(*, request: HttpRequest, device: SealedTOTPDevice, token: str) -> list[str] | None:
    """Confirm a pending authenticator with a code from the app.

    On success the session counts as verified and the user gets fresh recovery codes (returned, to be shown once);
    on a wrong code nothing changes and ``None`` is returned.
    """
    token = _normalise(token)
    if not token.isdigit() or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    SealedTOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    django_otp.login(request, device)
    codes = recovery_codes_replace(user=device.user, logged=False)
    log(instance=device.user, action="samvydat.two_factor.enrol", user=device.user)
    return codes


@transaction.atomic
def recovery_codes_replace(*, user: AbstractBaseUser, logged: bool = True) -> list[str]:
    """Replace the user's recovery codes with ``RECOVERY_CODE_COUNT`` new single-use ones, returned in clear to be
    shown once; the database keeps only their keyed digests (``crypto.recovery_code_digest``)."""
    user = _concrete(user)
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    digests = [crypto.recovery_code_digest(_normalise(code)) for code in codes]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=digest) for digest in digests)
    if logged:
        log(instance=user, action="samvydat.two_factor.recovery_codes", user=user)
    return codes


def second_factor_verify(*, request: HttpRequest, token: str) -> Device | None:
    """Check a code from the authenticator app or a recovery code; on success mark the session verified.

    A recovery code works once (django-otp deletes it when it matches); it is looked up by its keyed digest, as
    it is stored. Devices are throttled by django-otp: after each failure the next attempt must wait longer.
    """
    user = _concrete(request.user)
    token = _normalise(token)
    if not token:
        return None
    with transaction.atomic():
        is_app_code = len(token) == TOTP_DIGITS and token.isdigit()
        device = selectors.totp_device_confirmed(user=user) if is_app_code else selectors.recovery_device(user=user)
        if device is None or (is_app_code and not _opens(device)):
            return None
        if not device.verify_token(token if is_app_code else crypto.recovery_code_digest(token)):
            return None
        django_otp.login(request, device)
        if isinstance(device, StaticDevice):
            log(instance=user, action="samvydat.two_factor.recovery_code_used", user=user)
    return device


@transaction.atomic
def second_factor_reset(*, user: AbstractBaseUser, by: AbstractBaseUser | None = None) -> None:
    """Remove the user's authenticator and recovery codes: they enrol again at their next login."""
    user, by = _concrete(user), _concrete(by)
    SealedTOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    log(instance=user, action="samvydat.two_factor.reset", user=by)
