"""Settings for newsletter processes started by the crash test, the dump test and bench/newsletter.py.

The test profile (no DEBUG, no other apps' production secrets needed), but with the real task queue in the
database named by DATABASE_URL and mail over real SMTP to EMAIL_HOST:EMAIL_PORT. Newsletter keys, batch size and
lease come from the environment like in production.
"""

from samvydat.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
