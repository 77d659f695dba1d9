"""System checks: without a real ``OTP_SEED_KEY``, editors' second factors cannot be kept safely in the database."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .crypto import key_bytes, key_is_development

HINT = (
    'Generate one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())" '
    "and set OTP_SEED_KEY or OTP_SEED_KEY_FILE. Keep it outside the database and its backups, and apart from "
    "SECRET_KEY. Changing it later means every editor enrols again (manage.py two_factor_reset)."
)


@checks.register(checks.Tags.security)
def otp_seed_key(app_configs, **kwargs):
    key = getattr(settings, "OTP_SEED_KEY", "")
    if not key:
        return [
            checks.Error(
                "OTP_SEED_KEY is not set: editors' authenticator keys cannot be sealed.", hint=HINT, id="accounts.E001"
            )
        ]
    try:
        key_bytes(key)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), hint=HINT, id="accounts.E003")]
    if key_is_development(key):
        if settings.DEBUG:
            return [
                checks.Warning(
                    "OTP_SEED_KEY is the public development key: authenticator keys in this database are readable "
                    "by anyone. Fine on a developer's machine, never for real accounts.",
                    hint=HINT,
                    id="accounts.W001",
                )
            ]
        if not getattr(settings, "OTP_ALLOW_DEVELOPMENT_KEY", False):
            return [checks.Error("OTP_SEED_KEY is the public development key.", hint=HINT, id="accounts.E002")]
    return []
