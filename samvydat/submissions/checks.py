"""System checks: without a real encryption key, submissions cannot be stored safely, so the site refuses to run."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core import checks

from .crypto import key_is_development


@checks.register(checks.Tags.security, deploy=False)
def submissions_encryption_key(app_configs, **kwargs):
    keys = list(getattr(settings, "SUBMISSIONS_ENCRYPTION_KEYS", []))
    if not keys:
        return [
            checks.Error(
                "SUBMISSIONS_ENCRYPTION_KEY is not set: readers' submissions cannot be encrypted.",
                hint='Generate one with: python -c "from cryptography.fernet import Fernet; '
                'print(Fernet.generate_key().decode())" and set SUBMISSIONS_ENCRYPTION_KEY or '
                "SUBMISSIONS_ENCRYPTION_KEY_FILE. Keep it outside the database and its backups.",
                id="submissions.E001",
            )
        ]
    errors = []
    for key in keys:
        try:
            Fernet(key.encode())
        except ValueError:
            errors.append(
                checks.Error(
                    "A SUBMISSIONS_ENCRYPTION_KEY is not a Fernet key (32 url-safe base64-encoded bytes).",
                    id="submissions.E003",
                )
            )
    allow_development = settings.DEBUG or getattr(settings, "SUBMISSIONS_ALLOW_DEVELOPMENT_KEYS", False)
    if not allow_development and any(key_is_development(key) for key in keys):
        errors.append(
            checks.Error(
                "SUBMISSIONS_ENCRYPTION_KEY is the public development key.",
                hint="Set a key of your own in production.",
                id="submissions.E002",
            )
        )
    return errors
