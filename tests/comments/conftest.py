import pytest
from django.conf import settings
from django.core.cache import caches

from samvydat.comments import antispam
from samvydat.discussions.models import DiscussionPage
from samvydat.news.models import NewsPage

NEWS = "/{lang}/news/eu-sectoral-sanctions/"
DISCUSSION = "/{lang}/discussions/expert-environment-3/"


class Clock:
    """The anti-spam checks' clock, moved by tests instead of sleeping."""

    def __init__(self, start: float = 1_900_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    current = Clock()
    monkeypatch.setattr(antispam, "now", current)
    return current


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    caches[settings.RATE_LIMIT_CACHE_ALIAS].clear()  # the site-wide caps (security.ratelimit)
    yield
    caches[settings.RATE_LIMIT_CACHE_ALIAS].clear()


def open_page(model, path: str, **switches):
    page = model.objects.get(url_path__endswith=path.split("/", 2)[2], locale__language_code=path.split("/")[1])
    for name, value in switches.items():
        setattr(page, name, value)
    page.save(update_fields=list(switches))
    return page


@pytest.fixture
def news_page(db):
    return open_page(NewsPage, NEWS.format(lang="en"), comments_open=True)


@pytest.fixture
def discussion_page(db):
    return open_page(DiscussionPage, DISCUSSION.format(lang="en"), questions_open=True, comments_open=True)


def form_data(page, *, kind="comment", text="A thought from a reader.", **extra) -> dict:
    return {
        "text": text,
        "display_name": "",
        "token": antispam.form_token(page_id=page.pk, kind=kind),
        "work": "",
        "website": "",
        **extra,
    }
