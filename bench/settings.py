"""Settings for the benchmarks: the test profile on the database in ``DATABASE_URL``, media under bench/out/."""

import os

from samvydat.settings.test import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = os.environ.get("SAMVYDAT_BENCH_MEDIA", str(BASE_DIR / "bench" / "out" / "media"))  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
