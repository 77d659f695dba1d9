"""Settings shared by every profile. Values an operator may change come from ``samvydat.env``."""

from django.utils.translation import gettext_lazy as _

from samvydat import env

BASE_DIR = env.BASE_DIR
PROJECT_DIR = env.PROJECT_DIR

SECRET_KEY = env.env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
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
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
# Translations are copies made by editors, kept in step with the source tree's structure.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True

# --- Static and media ------------------------------------------------------------------------
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = env.env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "samvydat"
WAGTAILADMIN_BASE_URL = env.env_str("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call another host either

# --- Background tasks (django-tasks) --------------------------------------------------------
# "database": a queue in the database, run by `manage.py db_worker` (any number of workers, any machine).
# "immediate": run in the request (no worker to start; the development default).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env.env_str("TASKS_BACKEND", "database")]}}

# --- Email -----------------------------------------------------------------------------------
EMAIL_HOST = env.env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env.env_int("EMAIL_PORT", 1025)
EMAIL_HOST_USER = env.env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "samvydat <noreply@localhost>")

# --- Readers' privacy --------------------------------------------------------------------------
# Anonymous readers get no cookie: sessions and CSRF cookies are only ever set in the admin.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_AGE = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

SITE_TITLE = _("samvydat")
