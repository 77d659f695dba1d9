from samvydat import env

from .base import *  # noqa: F403

DEBUG = True
# A fixed key is fine for a machine's own development server; production requires SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# No worker to start in development unless TASKS_BACKEND=database is set.
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env.env_str("TASKS_BACKEND", "immediate")]}}  # noqa: F405
