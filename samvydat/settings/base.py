"""Settings shared by every profile. Values an operator may change come from ``samvydat.env``."""

import re

from django.utils.translation import gettext_lazy as _

from samvydat import env
from samvydat.security.policy import DOCUMENT_CONTENT_TYPES
from samvydat.security.policy import PUBLIC_DIRECTIVES as PUBLIC_CSP_DIRECTIVES

BASE_DIR = env.BASE_DIR
PROJECT_DIR = env.PROJECT_DIR

SECRET_KEY = env.env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# Proxies whose X-Forwarded-For is believed (samvydat.serving.proxies). Empty, the default: never believed — nginx
# (deploy/nginx/samvydat.conf) passes no client address, and a reader's own X-Forwarded-For must not become one.
TRUSTED_PROXIES = env.env_list("TRUSTED_PROXIES")
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "samvydat.core",
    "samvydat.people",
    "samvydat.news",
    "samvydat.plans",
    "samvydat.weekly",
    "samvydat.discussions",
    "samvydat.statements",
    "samvydat.feeds",
    "samvydat.packages",
    "samvydat.pdfs",
    "samvydat.search",  # our search index, search page and the admin's page search (docs/search.md)
    "samvydat.accounts",  # editors: second factor, lockout, audit (docs/security.md)
    "samvydat.api",  # the read-only content API at /api/v2/
    "samvydat.backup",
    "samvydat.resilience",
    "samvydat.newsletter",
    "samvydat.security",  # security headers and the Content-Security-Policy (docs/deployment.md)
    "samvydat.pagecache",  # the full-page cache for anonymous readers (docs/deployment.md)
    "samvydat.serving",  # /healthz, JSON logs, one log line per request (docs/deployment.md)
    "csp",
    "samvydat.comments",  # readers' comments and questions, pre-moderated (docs/comments-and-submissions.md)
    "samvydat.submissions",  # "Send us information": encrypted, metadata stripped (docs/comments-and-submissions.md)
    "samvydat.translations",  # translate actions, translation status, machine drafts (docs/translation.md)
    "samvydat.wordpress",  # import_wordpress: WXR exports into sections and languages (docs/wordpress-import.md)
    "samvydat.scheduling",  # run_schedule: periodic jobs, once across every machine (docs/deployment.md)
    "samvydat.mirror",  # static mirrors, "how to reach us", Onion-Location (docs/mirror.md)
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "wagtail.api.v2",
    "rest_framework",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "samvydat.serving.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Readers' cache hits return here, before sessions, routing and the database (samvydat.pagecache).
    "samvydat.pagecache.middleware.PageCacheMiddleware",
    "samvydat.mirror.middleware.OnionLocationMiddleware",  # inside the page cache: stored with each cached page
    "samvydat.security.middleware.SecurityHeadersMiddleware",
    "samvydat.security.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "samvydat.accounts.middleware.AdminTwoFactorMiddleware",
    "samvydat.accounts.middleware.UnverifiedIsAnonymousMiddleware",  # public site: no second factor, no sign-in
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "samvydat.resilience.middleware.DatabaseUnavailableMiddleware",
    "samvydat.resilience.middleware.DiskFullMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samvydat.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "samvydat.wsgi.application"

DATABASES = {"default": env.database_config(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Editors' accounts (samvydat.accounts; docs/security.md) ------------------------------------
PASSWORD_HASHERS = [
    # Argon2id at OWASP's minimum (19 MiB, t=2, p=1), for a 2-core server; hashes made with Django's Argon2
    # parameters (100 MiB, p=8) still verify and are re-made with these at the next sign-in (accounts/hashers.py).
    "samvydat.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # older hashes still work and are upgraded at sign-in
]
# Sign-in attempts are limited before any password is hashed (accounts/signin.py; nginx limits each client):
WAGTAILADMIN_USER_LOGIN_FORM = "samvydat.accounts.forms.ThrottledLoginForm"
SIGNIN_USERNAME_LIMIT = (env.env_int("SIGNIN_USERNAME_LIMIT", 10), 900)  # attempts per username per 15 minutes
SIGNIN_GLOBAL_LIMIT = (env.env_int("SIGNIN_GLOBAL_LIMIT", 30), 60)  # attempts per minute on the whole site
SIGNIN_CONCURRENT_HASHES = env.env_int("SIGNIN_CONCURRENT_HASHES", 2)  # password hashes at once, site-wide
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked account before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username"]  # never by IP address: we store none
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "samvydat.accounts.lockout.PrivateLockoutHandler"  # stores no IP address and no user agent
AXES_CLIENT_IP_CALLABLE = "samvydat.accounts.lockout.client_ip_not_stored"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in Wagtail's audit log, without addresses
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# axes.W006 asks for IP-based locking; we lock by username on purpose so that no address is ever stored.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
OTP_TOTP_ISSUER = "samvydat"
# Seals authenticator seeds and keys recovery-code digests (accounts.crypto); never in the database or a backup,
# and apart from SECRET_KEY. Production refuses to start without one (check accounts.E001).
OTP_SEED_KEY = env.env_secret("OTP_SEED_KEY")
# "Forgot password" mails (accounts.forms.RateLimitedPasswordResetForm): per mailbox and on the whole site, per hour.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "samvydat.accounts.forms.RateLimitedPasswordResetForm"
PASSWORD_RESET_MAILS_PER_ADDRESS = (env.env_int("PASSWORD_RESET_MAILS_PER_ADDRESS", 3), 3600)
PASSWORD_RESET_MAILS_PER_SITE = (env.env_int("PASSWORD_RESET_MAILS_PER_SITE", 20), 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("be", "Беларуская"),
    ("ru", "Русский"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
FORMAT_MODULE_PATH = ["samvydat.formats"]
TIME_ZONE = env.env_str("TIME_ZONE", "Europe/Vilnius")
USE_I18N = True
USE_TZ = True
# No live alias of every new page in every language: a page exists in a language once it is translated and
# published there (samvydat.translations, docs/architecture.md "Languages").
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

# --- Machine-drafted translations (samvydat.translations.engines; docs/machine-translation.md) ---------
# "apertium" (offline, Belarusian <-> Russian: apt install apertium apertium-bel-rus), "libretranslate" (your own
# server at MACHINE_TRANSLATION_URL; the text is sent there) or "" (no "Draft a translation" action).
MACHINE_TRANSLATION_ENGINE = env.env_str("MACHINE_TRANSLATION_ENGINE", "apertium")
MACHINE_TRANSLATION_URL = env.env_str("MACHINE_TRANSLATION_URL")
MACHINE_TRANSLATION_API_KEY = env.env_secret("MACHINE_TRANSLATION_API_KEY")

# --- Static and media ------------------------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = env.env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
# Media (images, renditions, documents, PDFs) in an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set, so that
# several machines share them (samvydat.serving.media; django-storages' own setting names), else under MEDIA_ROOT.
AWS_STORAGE_BUCKET_NAME = env.env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env.env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env.env_str("AWS_S3_REGION_NAME") or None
AWS_ACCESS_KEY_ID = env.env_secret("AWS_ACCESS_KEY_ID") or None
AWS_SECRET_ACCESS_KEY = env.env_secret("AWS_SECRET_ACCESS_KEY") or None
AWS_S3_ADDRESSING_STYLE = env.env_str("AWS_S3_ADDRESSING_STYLE") or None  # "path" for MinIO, rclone serve s3, …
AWS_S3_CUSTOM_DOMAIN = env.env_str("AWS_S3_CUSTOM_DOMAIN") or None  # a CDN of your own domain in front of the bucket
AWS_LOCATION = env.env_str("AWS_LOCATION")  # a folder inside the bucket
AWS_DEFAULT_ACL = None  # the bucket's own policy; objects are not made public-read
AWS_QUERYSTRING_AUTH = False
AWS_S3_FILE_OVERWRITE = False  # a new upload never replaces another file of the same name (as on disk)
MEDIA_STORAGE = (
    {"BACKEND": "samvydat.serving.media.MediaStorage"}
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "samvydat"
WAGTAILADMIN_BASE_URL = env.env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # through samvydat.security.documents: downloads only, never run
# Documents a browser could execute (.js, .html, .svg, .xml, …) are refused on upload (and in content packages).
WAGTAILDOCS_EXTENSIONS = list(DOCUMENT_CONTENT_TYPES)  # pdf, docx, xlsx, pptx, odt, ods, odp, rtf, txt, csv, epub, zip
WAGTAILDOCS_CONTENT_TYPES = DOCUMENT_CONTENT_TYPES
WAGTAILDOCS_INLINE_CONTENT_TYPES = []  # every document is an attachment, PDFs too
# Readers' searches (the search page, suggestions and the API's ?search=, samvydat.search.budget): abandoned after this.
SEARCH_TIME_BUDGET_SECONDS = env.env_int("SEARCH_TIME_BUDGET_MS", 3000) / 1000
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call another host either
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com: editors' browsers call no other host

# --- Background tasks (django-tasks) --------------------------------------------------------
# "database": a queue in the database, run by `manage.py db_worker` (any number of workers, any machine).
# "immediate": run in the request (no worker to start; the development default).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env.env_str("TASKS_BACKEND", "database")]}}

# --- Static mirror (samvydat.mirror; docs/mirror.md) -------------------------------------------------
# manage.py run_schedule (samvydat.scheduling.jobs): jobs switched off, by name (e.g. "translation_digest").
SCHEDULE_DISABLED = env.env_list("SCHEDULE_DISABLED")
MIRROR_ROOT = env.env_str("MIRROR_ROOT")  # kept up to date on publish when set (a symlink export_mirror made)
MIRROR_CANONICAL_BASE_URL = env.env_str("MIRROR_CANONICAL_BASE_URL")  # canonical links of mirror pages; "": relative
MIRROR_PUSH_COMMAND = env.env_str("MIRROR_PUSH_COMMAND")  # e.g. "rsync -a --delete {path}/ mirror1:/srv/samvydat/"
# rclone connection strings, comma-separated, each optionally "NAME=:s3,…:bucket/site" (credentials inside: a secret)
MIRROR_TARGETS = env.env_secret("MIRROR_TARGETS")
MIRROR_PUSH_TIMEOUT = env.env_int("MIRROR_PUSH_TIMEOUT", 600)  # seconds, per target
RCLONE_BINARY = env.env_str("RCLONE_BINARY")  # default: rclone on the PATH or beside the virtualenv's Python

# --- Content packages (samvydat.packages; docs/content-format.md) ----------------------------------
PACKAGE_MAX_FILE_BYTES = env.env_int("PACKAGE_MAX_FILE_BYTES", 2 * 1024 * 1024)  # one Markdown file
PACKAGE_MAX_TOTAL_BYTES = env.env_int("PACKAGE_MAX_TOTAL_BYTES", 2 * 1024 * 1024 * 1024)  # every file, media too

# --- Email -----------------------------------------------------------------------------------
EMAIL_HOST = env.env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env.env_int("EMAIL_PORT", 1025)
EMAIL_HOST_USER = env.env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "samvydat <noreply@localhost>")

# --- Newsletter (samvydat.newsletter; docs/newsletter.md) ------------------------------------
# Keys live in the environment or secret files, never in the database. Several encryption keys, comma-separated,
# rotate: the first encrypts, all decrypt. Production refuses to start without them (check newsletter.E001).
NEWSLETTER_ENCRYPTION_KEYS = env.env_list_secret("NEWSLETTER_ENCRYPTION_KEY")
NEWSLETTER_INDEX_KEY = env.env_secret("NEWSLETTER_INDEX_KEY")
# The suppression list's HMAC key (addresses that bounced for good): destroying it forgets every suppression.
NEWSLETTER_SUPPRESSION_KEY = env.env_secret("NEWSLETTER_SUPPRESSION_KEY")
NEWSLETTER_WEBHOOK_SECRET = env.env_secret("NEWSLETTER_WEBHOOK_SECRET")
NEWSLETTER_FROM_EMAIL = env.env_str("NEWSLETTER_FROM_EMAIL") or DEFAULT_FROM_EMAIL
NEWSLETTER_RATE = env.env_int("NEWSLETTER_RATE", 0)  # messages per second per sender; 0 = no limit
NEWSLETTER_BATCH_SIZE = env.env_int("NEWSLETTER_BATCH_SIZE", 50)  # messages between two commits
NEWSLETTER_LEASE_SECONDS = env.env_int("NEWSLETTER_LEASE_SECONDS", 60)  # a sender silent this long is dead
# Confirmation mails: per mailbox owner per day (a+1@x, a+2@x… count as one), and on the whole site per hour.
NEWSLETTER_CONFIRMATIONS_PER_MAILBOX = env.env_int("NEWSLETTER_CONFIRMATIONS_PER_MAILBOX", 3)
NEWSLETTER_CONFIRMATIONS_PER_HOUR = env.env_int("NEWSLETTER_CONFIRMATIONS_PER_HOUR", 300)

# --- Readers' comments and submissions (docs/comments-and-submissions.md) ----------------------
COMMENTS_REJECTED_RETENTION_DAYS = env.env_int("COMMENTS_REJECTED_RETENTION_DAYS", 14)  # then deleted for good
COMMENTS_FORM_TOKEN_MAX_AGE = env.env_int("COMMENTS_FORM_TOKEN_MAX_AGE", 0)  # 0: page cache's life + 6 hours
COMMENTS_MIN_FORM_SECONDS = env.env_int("COMMENTS_MIN_FORM_SECONDS", 3)  # without JavaScript: form open this long
COMMENTS_POW_BITS = env.env_int("COMMENTS_POW_BITS", 16)  # with JavaScript: the proof of work's difficulty
# Readers' posts are limited per client by nginx (limit_req, docs/deployment.md "Limits"); the application never
# sees a client's address, so it caps the whole site instead (security.ratelimit): (events, window in seconds).
COMMENTS_GLOBAL_LIMIT = (env.env_int("COMMENTS_GLOBAL_LIMIT", 120), 3600)  # comments and questions an hour
NEWSLETTER_SUBSCRIBE_GLOBAL_LIMIT = (env.env_int("NEWSLETTER_SUBSCRIBE_GLOBAL_LIMIT", 200), 3600)  # sign-ups an hour
# Several keys, comma-separated, rotate: the first encrypts, all decrypt. Production refuses to start without one.
SUBMISSIONS_ENCRYPTION_KEYS = env.env_list_secret("SUBMISSIONS_ENCRYPTION_KEY")
SUBMISSIONS_ROOT = env.env_str("SUBMISSIONS_ROOT", str(BASE_DIR / "var" / "submissions"))  # encrypted files only
SUBMISSIONS_MAX_FILES = env.env_int("SUBMISSIONS_MAX_FILES", 5)
SUBMISSIONS_MAX_FILE_BYTES = env.env_int("SUBMISSIONS_MAX_FILE_BYTES", 20 * 1024 * 1024)
# What one message's files may cost together (checked from headers, before decoding) and the cleaning child's limits.
SUBMISSIONS_MAX_MESSAGE_BYTES = env.env_int("SUBMISSIONS_MAX_MESSAGE_BYTES", 40 * 1024 * 1024)
SUBMISSIONS_MAX_IMAGE_PIXELS = env.env_int("SUBMISSIONS_MAX_IMAGE_PIXELS", 25_000_000)
SUBMISSIONS_MAX_PIXELS_PER_MESSAGE = env.env_int("SUBMISSIONS_MAX_PIXELS_PER_MESSAGE", 60_000_000)
SUBMISSIONS_MAX_UNPACKED_BYTES = env.env_int("SUBMISSIONS_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)
SUBMISSIONS_CLEANING_MEMORY_BYTES = env.env_int("SUBMISSIONS_CLEANING_MEMORY_BYTES", 1024 * 1024 * 1024)
SUBMISSIONS_CLEANING_CPU_SECONDS = env.env_int("SUBMISSIONS_CLEANING_CPU_SECONDS", 60)
SUBMISSIONS_CLEANING_CONCURRENCY = env.env_int("SUBMISSIONS_CLEANING_CONCURRENCY", 2)  # children on the whole site
SUBMISSIONS_CLEANING_WAIT_SECONDS = env.env_int("SUBMISSIONS_CLEANING_WAIT_SECONDS", 15)  # for a free child, then 503
# Global cap (security.ratelimit; nginx limits each client): messages an hour on the whole site.
SUBMISSIONS_GLOBAL_LIMIT = (env.env_int("SUBMISSIONS_GLOBAL_LIMIT", 120), 3600)
ONION_ADDRESS = env.env_str("ONION_ADDRESS")  # shown on "Send us information"; see submissions.safety

# --- Readers' privacy --------------------------------------------------------------------------
# Anonymous readers get no cookie: sessions and CSRF cookies are only ever set in the admin.
SESSION_COOKIE_HTTPONLY = True
# The database holds a hash of each session's cookie, never the cookie itself (a copy of the database signs no one in).
SESSION_ENGINE = "samvydat.accounts.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = None

# --- Security headers (samvydat.security; docs/deployment.md) -------------------------------------
# The public policy; /admin/ gets samvydat.security.policy.ADMIN_DIRECTIVES. HSTS and the HTTPS redirect are
# switched on in production.py.
SAMVYDAT_ADMIN_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY = {"DIRECTIVES": PUBLIC_CSP_DIRECTIVES}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Full-page cache for anonymous readers (samvydat.pagecache; docs/deployment.md) ----------------
# Redis when REDIS_URL is set (shared by every worker and machine), otherwise files under var/cache/pages
# (shared by the workers of one machine).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": env.page_cache_config(BASE_DIR / "var" / "cache" / "pages"),
    # Counters of the application's limits (samvydat.security.ratelimit): Redis when REDIS_URL is set, else files.
    "limits": env.limits_cache_config(BASE_DIR / "var" / "cache" / "limits"),
}
RATE_LIMIT_CACHE_ALIAS = "limits"
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_ENABLED = env.env_bool("PAGE_CACHE", True)
PAGE_CACHE_MAX_AGE = env.env_int("PAGE_CACHE_MAX_AGE", 300)  # Cache-Control max-age for browsers, nginx, CDNs
PAGE_CACHE_TIMEOUT = env.env_int("PAGE_CACHE_TIMEOUT", 86_400)  # our cache; publishing invalidates it anyway
PAGE_CACHE_EXCLUDED_PREFIXES = (SAMVYDAT_ADMIN_PREFIX, "/documents/", "/healthz", "/static/", "/media/", "/api/")
PAGE_CACHE_LOCAL_BYTES = env.env_int("PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)  # per worker, in its memory
PAGE_CACHE_GENERATION_CHECK = 1.0  # seconds a worker may serve from memory before re-reading the generation
# The only query parameters that are part of a public page's address (samvydat.pagecache.keys): everything else
# (utm_*, fbclid, made-up names) is dropped before rendering and from the cache key.
PAGE_CACHE_STALE_MAX_AGE = env.env_int("PAGE_CACHE_STALE_MAX_AGE", 30)  # a stale copy served while rendering fails
# While one request renders a stale page again, the others get the stale copy (a publish during a flood costs one
# render per URL): the claim lasts at most this long if its holder dies, and the copy is marked fresh this briefly.
PAGE_CACHE_REVALIDATE_SECONDS = env.env_int("PAGE_CACHE_REVALIDATE_SECONDS", 30)
PAGE_CACHE_REVALIDATING_MAX_AGE = env.env_int("PAGE_CACHE_REVALIDATING_MAX_AGE", 2)
# Searches and suggestions repeated within this many seconds are answered from the worker's memory (never a disk;
# samvydat.search.memo); 0 switches that off.
SEARCH_CACHE_SECONDS = env.env_int("SEARCH_CACHE_SECONDS", 60)
SEARCH_CACHE_ENTRIES = env.env_int("SEARCH_CACHE_ENTRIES", 2000)  # per worker
SEARCH_LIGHT_PAGE_SECONDS = 60  # under-attack mode: the static-search page kept in each worker's memory
# Under-attack mode switched on automatically when the median of a worker's last searches is slower than this
# (milliseconds; 0: only editors switch it), for SEARCH_AUTO_ATTACK_SECONDS (samvydat.search.attack_mode).
SEARCH_AUTO_ATTACK_MS = env.env_int("SEARCH_AUTO_ATTACK_MS", 0)
SEARCH_AUTO_ATTACK_SAMPLES = 20
SEARCH_AUTO_ATTACK_SECONDS = env.env_int("SEARCH_AUTO_ATTACK_SECONDS", 600)
PAGE_CACHE_QUERY_PARAMETERS = ("page", "period", "topic")
# Paths that read query parameters of their own and are never page-cached (search keeps its own memory cache). The
# bare root only redirects — to a language, or an imported WordPress link `/?p=ID` to its page — so its query string
# must reach the redirects.
PAGE_CACHE_BYPASS_PATHS = re.compile(r"^(?:/$|/[a-z]{2,3}(?:-[a-z0-9]+)?/(?:search|comments/sent)/)")
# A CDN or proxy in front is purged on publish only when configured (env.frontend_cache_config); each page has one
# URL in its own language, so no per-language copies are purged.
WAGTAILFRONTENDCACHE = env.frontend_cache_config()
WAGTAILFRONTENDCACHE_LANGUAGES = []
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private": {"()": "samvydat.serving.logs.PrivateRequestFilter"}},  # no query strings, no tokens
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private"]}},
    "root": {"handlers": ["console"], "level": env.env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "samvydat.requests": {"level": "WARNING"},  # one line per request in production (production.py)
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

SITE_TITLE = _("samvydat")
