from samvydat import env
from samvydat.accounts.crypto import development_key as otp_development_key
from samvydat.newsletter.crypto import development_key
from samvydat.submissions.crypto import development_key as submissions_development_key

from .base import *  # noqa: F403

DEBUG = True
PAGE_CACHE_ENABLED = env.env_bool("PAGE_CACHE", False)  # templates change under a developer's hands
# A fixed key is fine for a machine's own development server; production requires SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
EMAIL_BACKEND = env.env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Public, derived newsletter keys so `make run` works without set-up; production refuses these (newsletter.E002).
NEWSLETTER_ENCRYPTION_KEYS = NEWSLETTER_ENCRYPTION_KEYS or [development_key("encryption")]  # noqa: F405
NEWSLETTER_INDEX_KEY = NEWSLETTER_INDEX_KEY or development_key("index")  # noqa: F405
NEWSLETTER_SUPPRESSION_KEY = NEWSLETTER_SUPPRESSION_KEY or development_key("suppression")  # noqa: F405
SUBMISSIONS_ENCRYPTION_KEYS = SUBMISSIONS_ENCRYPTION_KEYS or [submissions_development_key()]  # noqa: F405
# No worker to start in development unless TASKS_BACKEND=database is set.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env.env_str("TASKS_BACKEND", "immediate")]}}  # noqa: F405
# Public, derived key for editors' authenticator seeds; `manage.py check` warns (accounts.W001), production refuses it.
OTP_SEED_KEY = OTP_SEED_KEY or otp_development_key()  # noqa: F405
