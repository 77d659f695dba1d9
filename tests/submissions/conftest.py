import time

import pytest
from django.conf import settings
from django.core import signing
from django.core.cache import caches

from samvydat.comments import antispam


@pytest.fixture(autouse=True)
def submissions_root(settings, tmp_path):
    settings.SUBMISSIONS_ROOT = str(tmp_path / "submissions")
    return tmp_path / "submissions"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches[settings.RATE_LIMIT_CACHE_ALIAS].clear()  # the site-wide caps and the cleaning slots (security.ratelimit)
    yield
    caches[settings.RATE_LIMIT_CACHE_ALIAS].clear()


@pytest.fixture
def send_data():
    def data(**extra):
        return {
            "kind": "information",
            "text": "The factory moved its trucks at night. Marker TXT-4Q7.",
            "contact": "signal: contact-4Q7",
            "token": token_opened_a_minute_ago(),
            "work": "",
            "website": "",
            **extra,
        }

    return data


def token_opened_a_minute_ago() -> str:
    """The form's token as a reader sends it after a minute of writing (instead of sleeping in tests)."""
    return signing.dumps([0, "submission", int(time.time()) - 60], salt=antispam.TOKEN_SALT, compress=False)
