from samvydat.accounts.crypto import development_key as otp_development_key
from samvydat.newsletter.crypto import development_key
from samvydat.submissions.crypto import development_key as submissions_development_key

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
}
# The Redis database the Redis tests use, and flush (tests/hardening): point it at a database of no value to you.
TEST_REDIS_URL = env.env_str("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")  # noqa: F405
PAGE_CACHE_ENABLED = False  # tests/hardening switch it on; other tests see every request rendered
SEARCH_CACHE_SECONDS = 0  # likewise the memory cache of searches (tests/hardening/test_search_privacy.py)
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
NEWSLETTER_ENCRYPTION_KEYS = NEWSLETTER_ENCRYPTION_KEYS or [development_key("encryption")]  # noqa: F405
NEWSLETTER_INDEX_KEY = NEWSLETTER_INDEX_KEY or development_key("index")  # noqa: F405
NEWSLETTER_SUPPRESSION_KEY = NEWSLETTER_SUPPRESSION_KEY or development_key("suppression")  # noqa: F405
SUBMISSIONS_ENCRYPTION_KEYS = SUBMISSIONS_ENCRYPTION_KEYS or [submissions_development_key()]  # noqa: F405
SUBMISSIONS_ALLOW_DEVELOPMENT_KEYS = True  # the public test key is right in tests (check submissions.E002)
NEWSLETTER_ALLOW_DEVELOPMENT_KEYS = True  # DEBUG is off in tests, the public keys are still right here
# Public, derived key for editors' authenticator seeds; `manage.py check` warns (accounts.W001), production refuses it.
OTP_SEED_KEY = OTP_SEED_KEY or otp_development_key()  # noqa: F405
OTP_ALLOW_DEVELOPMENT_KEY = True  # the public key is right in tests (check accounts.E002)
