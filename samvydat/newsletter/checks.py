"""System checks: the newsletter's keys are set, valid, and not the public development keys outside DEBUG."""

from django.conf import settings
from django.core import checks

from .crypto import development_key, keys_problems


@checks.register()
def newsletter_keys(app_configs, **kwargs):
    errors = [
        checks.Error(
            f"Newsletter keys: {problem}.",
            hint="Set NEWSLETTER_ENCRYPTION_KEY, NEWSLETTER_INDEX_KEY and NEWSLETTER_SUPPRESSION_KEY (or their *_FILE "
            "variants); "
            "see docs/newsletter.md.",
            id="newsletter.E001",
        )
        for problem in keys_problems()
    ]
    public = {development_key("encryption"), development_key("index"), development_key("suppression")}
    configured = {*settings.NEWSLETTER_ENCRYPTION_KEYS, settings.NEWSLETTER_INDEX_KEY}
    uses_public = public & {*configured, settings.NEWSLETTER_SUPPRESSION_KEY}
    if uses_public and not settings.DEBUG and not getattr(settings, "NEWSLETTER_ALLOW_DEVELOPMENT_KEYS", False):
        errors.append(
            checks.Error(
                "Newsletter keys: the public development keys are in use outside development.",
                hint="Generate real keys (docs/newsletter.md) and set them in the environment.",
                id="newsletter.E002",
            )
        )
    return errors
