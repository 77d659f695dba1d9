"""The one place that reads the environment.

Every setting an operator may change comes from an environment variable read here, so that
``grep env.`` in the settings shows the whole configuration surface.
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, default: str = "") -> str:
    """A secret from ``NAME`` or, preferably, from the file named by ``NAME_FILE`` (Docker/systemd secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_list_secret(name: str) -> list[str]:
    """A comma-separated list of secrets (``NAME`` or the file ``NAME_FILE``), e.g. keys being rotated."""
    return [item.strip() for item in env_secret(name).split(",") if item.strip()]


def page_cache_config(default_directory: Path) -> dict:
    """The full-page cache: Redis at ``REDIS_URL`` (``redis://127.0.0.1:6379/1``) or files in ``PAGE_CACHE_DIR``."""
    redis_url = env_str("REDIS_URL")
    if redis_url:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "samvydat",
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("PAGE_CACHE_DIR", str(default_directory)),
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 20_000)},
    }


def limits_cache_config(default_directory: Path) -> dict:
    """The counters of ``samvydat.security.ratelimit``: Redis at ``REDIS_URL`` (every worker and machine counts
    together) or files in ``LIMITS_CACHE_DIR`` (the workers of one machine)."""
    redis_url = env_str("REDIS_URL")
    if redis_url:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "samvydat-limits",
        }
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env_str("LIMITS_CACHE_DIR", str(default_directory)),
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }


def frontend_cache_config() -> dict:
    """Wagtail's frontend-cache purge (``WAGTAILFRONTENDCACHE``) for a CDN or proxy in front; empty = off.

    ``FRONTEND_CACHE_PURGE_URL`` (an HTTP ``PURGE`` to Varnish or nginx with a purge module) and/or
    ``CLOUDFLARE_BEARER_TOKEN`` with ``CLOUDFLARE_ZONE_ID``.
    """
    backends = {}
    if env_str("FRONTEND_CACHE_PURGE_URL"):
        backends["http"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_PURGE_URL"),
        }
    if env_str("CLOUDFLARE_ZONE_ID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env_secret("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
        }
    return backends


def database_config(default_sqlite: Path) -> dict:
    """``DATABASE_URL`` (``sqlite:///…`` or ``postgres://…``); an SQLite file in the project by default."""
    url = env_str("DATABASE_URL") or f"sqlite:///{default_sqlite}"
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers and the task worker run while a writer commits; IMMEDIATE avoids
        # "database is locked" upgrades inside write transactions. secure_delete overwrites what a DELETE frees,
        # so an unsubscribed reader's or a rejected comment's row cannot be read back from the file's free pages.
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
                    "PRAGMA secure_delete=ON;"
                ),
            }
        )
    return config
