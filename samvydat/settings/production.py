from django.core.exceptions import ImproperlyConfigured

from samvydat import env

from .base import *  # noqa: F403

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only a header directive: submitting the domain to the browsers' preload list stays a deliberate manual step.
SECURE_HSTS_PRELOAD = env.env_bool("SECURE_HSTS_PRELOAD", True)

# Static files: hashed names (cached for ever) and gzip/brotli copies, served by WhiteNoise or by nginx from
# STATIC_ROOT (docs/deployment.md).
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object per line on stderr, one line per request (samvydat.serving.logs): no IP addresses, no query
# strings, no newsletter tokens (the "private" filter rewrites Django's own request lines).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "samvydat.serving.logs.JsonFormatter"}},
    "filters": {"private": {"()": "samvydat.serving.logs.PrivateRequestFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["private"]}},
    "root": {"handlers": ["console"], "level": env.env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "samvydat.requests": {"level": "INFO" if env.env_bool("LOG_REQUESTS", True) else "WARNING"},
    },
}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
