"""The authenticator-app device editors use: django-otp's TOTP device with its seed sealed in the database."""

from binascii import unhexlify

from django_otp.plugins.otp_totp.models import TOTPDevice

from . import crypto


class SealedTOTPDevice(TOTPDevice):
    """django-otp's ``TOTPDevice`` (same table, same verification and throttling) whose ``key`` column holds the
    seed sealed with ``OTP_SEED_KEY`` (``crypto.seed_seal``) instead of in hex.

    ``save()`` seals a seed still in hex (django-otp's random default on a new device); ``bin_key`` opens it, and
    is all django-otp reads to verify a code or build the QR code. Always use this model, never ``TOTPDevice``:
    rows written through that one would hold the seed in clear (and read through it, a sealed seed is no hex).
    """

    class Meta:
        proxy = True
        verbose_name = "authenticator app (sealed key)"

    def save(self, *args, **kwargs):
        if not crypto.is_sealed(self.key):
            self.key = crypto.seed_seal(unhexlify(self.key.encode()))
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "key"}
        super().save(*args, **kwargs)

    @property
    def bin_key(self) -> bytes:
        if not crypto.is_sealed(self.key) and self._state.adding:
            return unhexlify(self.key.encode())  # a new device, not saved yet
        return crypto.seed_open(self.key)
