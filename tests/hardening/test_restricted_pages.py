"""A login- or password-restricted page leaks neither its title nor its summary into anything a reader can list.

The attack: an editor files a members-only item (a source's name in the title, say) behind a view restriction and
trusts that only signed-in users see it. Every public list is read back for the canary: the home page, the
section listing, the feeds, the sitemap, the search page, the content API and a mirror export.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from samvydat.news.models import NewsIndexPage, NewsPage, NewsRelatedLink
from samvydat.search.models import SearchDocument

pytestmark = pytest.mark.django_db

CANARY_TITLE = "Zubrytski canary 7Q4 memo"
CANARY_SUMMARY = "Lead of the restricted canary Vyhodnik-83"
PUBLIC_LISTS = (
    "/en/",
    "/en/news/",
    "/en/feeds/all.rss",
    "/en/feeds/news.rss",
    "/en/feeds/news.atom",
    "/en/feeds/news.json",
    "/sitemap.xml",
    "/api/v2/pages/?type=news.NewsPage&fields=summary&order=-id&limit=20",
)
SEARCHES = ("/en/search/?q=Zubrytski", "/api/v2/pages/?search=Zubrytski")


def _leaks(body: str) -> bool:
    """The canary's title, summary or address (not its first word, which the search page echoes as the query)."""
    return "7Q4 memo" in body or "Vyhodnik-83" in body or "zubrytski-canary" in body


def _body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def canary(django_capture_on_commit_callbacks):
    """The newest English news item, published (so indexed as public), then put behind ``restrict``."""
    index = NewsIndexPage.objects.get(locale__language_code="en")
    page = NewsPage(
        title=CANARY_TITLE,
        slug="zubrytski-canary",
        summary=CANARY_SUMMARY,
        date=timezone.localdate() + datetime.timedelta(days=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


def _restrict(page, kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=kind, password="members-only-pw")


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_restricted_page_is_in_no_public_list(client, canary, kind, django_capture_on_commit_callbacks):
    # The control: while public the item is in every list (and the searches are now in this worker's memo).
    for url in (*PUBLIC_LISTS, *SEARCHES):
        assert _leaks(_body(client, url)), url
    _restrict(canary, kind, django_capture_on_commit_callbacks)
    for url in (*PUBLIC_LISTS, *SEARCHES):
        assert not _leaks(_body(client, url)), url
    # Restricting an already-published page turns its search entry private at once (not at the next publish).
    assert SearchDocument.objects.get(page_id=canary.pk).public is False
    # The page itself still asks for a login or the password, and shows neither title nor summary.
    response = client.get(canary.url)
    body = response.content.decode()  # the password form posts back to the page's own address: only that is shown
    assert "7Q4 memo" not in body and "Vyhodnik-83" not in body
    if kind == PageViewRestriction.LOGIN:
        assert response.status_code == 302 and "next=" in response["Location"]
    else:
        assert response.status_code == 200 and 'name="password"' in response.content.decode()


def test_a_restricted_commentary_stays_out_of_its_issue_and_topic_pages(client, django_capture_on_commit_callbacks):
    from samvydat.weekly.models import CommentaryPage, WeeklyIndexPage

    commentary = CommentaryPage.objects.live().filter(locale__language_code="en", topic__isnull=False).first()
    issue, topic = commentary.get_parent().specific, commentary.topic
    topic_url = WeeklyIndexPage.objects.get(locale__language_code="en").url + f"topics/{topic.slug}/"
    assert commentary.title in _body(client, issue.url) and commentary.title in _body(client, topic_url)
    _restrict(commentary, PageViewRestriction.LOGIN, django_capture_on_commit_callbacks)
    for url in (issue.url, topic_url):
        assert commentary.title not in _body(client, url), url


def test_a_mirror_export_holds_no_restricted_page(canary, django_capture_on_commit_callbacks, tmp_path):
    from samvydat.mirror.services import mirror_export
    from samvydat.mirror.storage import live_root

    _restrict(canary, PageViewRestriction.LOGIN, django_capture_on_commit_callbacks)
    out = tmp_path / "site"
    mirror_export(out=out, search=False)  # the static search index is built from these same files
    root = live_root(out)
    files = [p for p in root.rglob("*") if p.is_file()]
    leaking = [
        str(p.relative_to(root)) for p in files if b"Zubrytski" in p.read_bytes() or b"Vyhodnik-83" in p.read_bytes()
    ]
    assert leaking == []
    public = NewsPage.objects.live().public().filter(locale__language_code="en").order_by("-date").first()
    assert any(public.title.encode() in p.read_bytes() for p in files if p.suffix == ".html")


def test_a_read_more_link_to_a_restricted_page_is_not_shown(client, canary, django_capture_on_commit_callbacks):
    other = NewsPage.objects.live().filter(locale__language_code="en").exclude(pk=canary.pk).first()
    other.related_links = [NewsRelatedLink(target=canary)]
    other.save_revision().publish()
    assert _leaks(_body(client, other.url))
    _restrict(canary, PageViewRestriction.LOGIN, django_capture_on_commit_callbacks)
    assert not _leaks(_body(client, other.url))
