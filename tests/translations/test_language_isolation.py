"""Nothing appears in a language until someone publishes it there (docs/translation.md, "Where a page appears").

An English news item and an English commentary are published with no translation: every reader-facing list
of Belarusian and Russian — home, section listing, person and topic pages, feeds, sitemap, hreflang, the
language switcher, search, the trend dashboard, newsletters and the mirror's re-render list — must not show
them. Once a Belarusian translation is published, Belarusian shows it (and Russian still does not).
"""

import json
import re

import pytest
from django.test import RequestFactory
from wagtail.models import Locale

from samvydat.core.templatetags.samvydat_tags import language_versions
from samvydat.mirror.selectors import page_urls, touched_by
from samvydat.news.models import NewsAuthor, NewsIndexPage, NewsPage
from samvydat.newsletter.services import page_campaigns_prepare
from samvydat.people.models import PeopleIndexPage, Person
from samvydat.search.selectors import search
from samvydat.translations.services import translation_draft_create
from samvydat.weekly.models import CommentaryPage, Topic, TrendDashboardPage, WeeklyIndexPage, WeeklyIssuePage

from ..feeds.helpers import HeadParser

pytestmark = pytest.mark.django_db

OTHERS = ["be", "ru"]
TITLE = "Quokkanary visits the ministry"
COMMENTARY = "Wombatic commentary on the week"


def _locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def english_only(django_capture_on_commit_callbacks):
    """An English news item by a translated person and an English commentary on a translated topic, live."""
    person = Person.objects.filter(locale__language_code="en").order_by("pk").first()
    assert Person.objects.filter(translation_key=person.translation_key, locale__language_code="be").exists()
    index = NewsIndexPage.objects.get(locale__language_code="en")
    news = NewsPage(title=TITLE, slug="quokkanary", summary="Quokkanary lead.", locale=_locale("en"))
    news.authors = [NewsAuthor(person=person)]
    index.add_child(instance=news)
    issue = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("-week_start").first()
    used = set(CommentaryPage.objects.child_of(issue).values_list("topic_id", flat=True))
    topic = Topic.objects.filter(locale__language_code="en").exclude(pk__in=used).order_by("pk").first()
    assert topic is not None, "the demo's latest issue rates every topic"
    commentary = CommentaryPage(
        title=COMMENTARY, slug="wombatic", summary="Wombatic lead.", topic=topic, trend="worsened", locale=_locale("en")
    )
    issue.add_child(instance=commentary)
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
        commentary.save_revision().publish()
    return NewsPage.objects.get(pk=news.pk), CommentaryPage.objects.get(pk=commentary.pk), person, topic


def _text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _reader_lists(client, code, person, topic):
    """The HTML or XML of every reader-facing list of language ``code``."""
    home = f"/{code}/"
    news_index = NewsIndexPage.objects.get(locale__language_code=code).url
    people = PeopleIndexPage.objects.get(locale__language_code=code)
    weekly = WeeklyIndexPage.objects.get(locale__language_code=code)
    local_person = Person.objects.get(translation_key=person.translation_key, locale__language_code=code)
    local_topic = Topic.objects.get(translation_key=topic.translation_key, locale__language_code=code)
    urls = [
        home,
        news_index,
        people.entity_url(local_person),
        weekly.url + weekly.reverse_subpage("topic_view", kwargs={"slug": local_topic.slug}),
        TrendDashboardPage.objects.get(locale__language_code=code).url,
        weekly.url,  # the archive of weekly issues
        *(  # the same week's issue in this language lists only its own commentaries
            issue.url
            for issue in WeeklyIssuePage.objects.live().filter(locale__language_code=code).order_by("-week_start")[:1]
        ),
        *(f"/{code}/feeds/{name}.{fmt}" for name in ("all", "news", "weekly") for fmt in ("rss", "atom", "json")),
        f"/{code}/feeds/people/{local_person.slug}.json",
        f"/{code}/feeds/topics/{local_topic.slug}.json",
    ]
    return {url: _text(client, url) for url in urls}


def _sitemap_alternates(client, url: str) -> set[str]:
    """The hreflang codes the sitemap gives for ``url`` (absolute)."""
    sitemap = _text(client, "/sitemap.xml")
    entry = next(e for e in sitemap.split("<url>") if f"<loc>{url}</loc>" in e)
    return set(re.findall(r'hreflang="([\w-]+)"', entry)) - {"x-default"}


def _head_hreflangs(client, page) -> set[str]:
    parser = HeadParser()
    parser.feed(_text(client, page.url))
    return {link["hreflang"] for link in parser.links if link.get("rel") == "alternate" and "hreflang" in link} - {
        "x-default"
    }


def _switcher(page) -> dict[str, bool]:
    request = RequestFactory().get(page.url)
    return {entry["code"]: entry["is_translation"] for entry in language_versions({"request": request}, page)}


def _searched(word, code) -> set[int]:
    return {document.page_id for document in search(query=word, language=code).documents}


@pytest.mark.parametrize("code", OTHERS)
def test_an_english_only_page_is_in_no_list_of_another_language(client, english_only, code):
    news, commentary, person, topic = english_only
    for url, text in _reader_lists(client, code, person, topic).items():
        assert TITLE not in text and "quokkanary" not in text, url
        assert COMMENTARY not in text and "wombatic" not in text, url
    # …while English lists do show them (the test can fail).
    english = _reader_lists(client, "en", person, topic)
    assert TITLE in english["/en/"] and TITLE in english[NewsIndexPage.objects.get(locale__language_code="en").url]
    assert COMMENTARY in english["/en/feeds/weekly.json"]
    assert commentary.url in english[TrendDashboardPage.objects.get(locale__language_code="en").url]

    assert _sitemap_alternates(client, "http://testserver" + news.url) == {"en"}
    assert f"/{code}/" not in "".join(re.findall(r"<loc>([^<]*quokkanary[^<]*)</loc>", _text(client, "/sitemap.xml")))
    assert _head_hreflangs(client, news) <= {"en"}
    assert _switcher(news)[code] is False
    assert news.pk in _searched("Quokkanary", "en") and not _searched("Quokkanary", code)
    assert {c.language for c in page_campaigns_prepare(page=news)} == {"en"}
    assert not [url for pk, url in page_urls() if pk in (news.pk, commentary.pk) and not url.startswith("/en/")]
    touched = touched_by(news, live=True)
    assert not [url for url in touched.near + touched.listings if url.startswith(f"/{code}/")]


def test_a_published_belarusian_translation_appears_in_belarusian_only(client, english_only, django_user_model):
    news, _commentary, person, topic = english_only
    draft = translation_draft_create(source=news, locale=_locale("be"), user=None)
    draft.title, draft.slug = "Квакканары наведаў міністэрства", "kvakkanary"
    draft.save_revision().publish()
    be = NewsPage.objects.get(pk=draft.pk)

    lists = _reader_lists(client, "be", person, topic)
    assert be.title in lists["/be/"]
    assert be.title in lists[NewsIndexPage.objects.get(locale__language_code="be").url]
    feed = json.loads(lists["/be/feeds/news.json"])
    item = next(i for i in feed["items"] if i["title"] == be.title)
    assert item["language"] == "be"
    assert _sitemap_alternates(client, "http://testserver" + news.url) == {"en", "be"}
    assert _head_hreflangs(client, news) == {"en", "be"}
    assert _switcher(news)["be"] is True and _switcher(news)["ru"] is False
    assert {c.language for c in page_campaigns_prepare(page=news)} == {"en", "be"}
    for url, text in _reader_lists(client, "ru", person, topic).items():
        assert TITLE not in text and be.title not in text, url


def test_a_leftover_alias_is_not_a_translation(client, english_only):
    """An alias made by an earlier version (English words in the Belarusian tree) is no hreflang, no switcher
    target, no sitemap alternate and gets no newsletter of its own."""
    news, *_rest = english_only
    parent = NewsIndexPage.objects.get(locale__language_code="be")
    alias = news.create_alias(parent=parent, update_locale=_locale("be"), reset_translation_key=False)
    assert alias.live and alias.alias_of_id == news.pk
    assert _head_hreflangs(client, news) <= {"en"}
    assert _switcher(news)["be"] is False
    assert _sitemap_alternates(client, "http://testserver" + news.url) == {"en"}
    assert "quokkanary" not in "".join(
        re.findall(r"<loc>(http://testserver/be/[^<]*)</loc>", _text(client, "/sitemap.xml"))
    )
    assert {c.language for c in page_campaigns_prepare(page=news)} == {"en"}
    touched = touched_by(news, live=True)
    assert alias.url not in touched.near
    for url in ("/be/", parent.url, "/be/feeds/news.json", "/be/feeds/all.rss"):
        assert TITLE not in _text(client, url), url


def _api_ids(client, query: str) -> set[int]:
    response = client.get(f"/api/v2/pages/?{query}&limit=20")
    assert response.status_code == 200, (query, response.content[:300])
    return {item["id"] for item in response.json()["items"]}


def _api_surfaces(client, code, news, commentary) -> dict[str, set[int]]:
    """The pages the content API lists for language ``code``, every way a client asks for one language."""
    home = f"/{code}/"
    return {
        query: _api_ids(client, query)
        for query in (
            f"locale={code}",
            f"locale={code}&type=news.NewsPage",
            f"locale={code}&type=weekly.CommentaryPage",
            f"locale={code}&search=Quokkanary",
            f"locale={code}&search=Wombatic",
            f"locale={code}&translation_of={news.pk}",
            f"locale={code}&translation_of={commentary.pk}",
            f"translation_of={news.pk}",
            f"locale={code}&order=-first_published_at",
            f"locale={code}&descendant_of={NewsIndexPage.objects.get(locale__language_code=code).pk}",
            f"locale={code}&slug=quokkanary",
            f"locale={code}&title={TITLE}",
        )
    } | {home: set()}


@pytest.mark.parametrize("code", OTHERS)
def test_an_english_only_page_is_not_in_the_api_or_search_of_another_language(client, english_only, code):
    news, commentary, _person, _topic = english_only
    ours = {news.pk, commentary.pk}
    for query, ids in _api_surfaces(client, code, news, commentary).items():
        assert not ids & ours, query
    response = client.get(f"/api/v2/pages/find/?html_path={news.url.replace('/en/', f'/{code}/', 1)}")
    assert response.status_code == 404
    for word in ("Quokkanary", "Wombatic"):
        html = _text(client, f"/{code}/search/?q={word}")
        assert news.url not in html and commentary.url not in html and "visits the ministry" not in html, code
    # …while English has them (the test can fail).
    assert ours <= _api_ids(client, "locale=en&search=Quokkanary") | _api_ids(client, "locale=en&search=Wombatic")
    assert news.pk in _api_ids(client, "locale=en&slug=quokkanary")
    assert f'href="{news.url}"' in _text(client, "/en/search/?q=Quokkanary")
    # "search all languages", a reader's explicit choice: the English page, marked as English.
    everywhere = _text(client, f"/{code}/search/?q=Quokkanary&all=1")
    assert f'<a href="{news.url}" hreflang="en" lang="en">' in everywhere


def test_a_leftover_alias_is_not_in_the_api_of_its_tree(client, english_only):
    """An alias an earlier version made in the Belarusian tree is English words under ``locale=be``."""
    news, *_rest = english_only
    parent = NewsIndexPage.objects.get(locale__language_code="be")
    alias = news.create_alias(parent=parent, update_locale=_locale("be"), reset_translation_key=False)
    for query in ("locale=be", "locale=be&type=news.NewsPage", f"translation_of={news.pk}", "search=Quokkanary"):
        assert alias.pk not in _api_ids(client, query), query
    assert client.get(f"/api/v2/pages/{alias.pk}/").status_code == 404
    assert news.pk in _api_ids(client, "locale=en&type=news.NewsPage")


def test_a_labelled_original_is_in_listings_but_not_on_person_topic_or_dashboard_pages(client, english_only):
    """docs/translation.md: an original shown in Belarusian, labelled, is in the Belarusian listings and feeds,
    and not on the Belarusian person, topic, weekly archive or trend dashboard pages (those list the Belarusian
    tree's pages: its weekly issues and their commentaries)."""
    from samvydat.translations.labelled import labelled_original_show

    news, commentary, person, topic = english_only
    labelled_original_show(page=news, locale=_locale("be"), user=None)
    labelled_original_show(page=commentary, locale=_locale("be"), user=None)
    lists = _reader_lists(client, "be", person, topic)
    news_index = NewsIndexPage.objects.get(locale__language_code="be").url
    assert f'<a href="{news.url}" hreflang="en">' in lists[news_index]  # listed, labelled: the test can fail
    assert COMMENTARY in lists["/be/feeds/weekly.json"]
    people = PeopleIndexPage.objects.get(locale__language_code="be")
    local_person = Person.objects.get(translation_key=person.translation_key, locale__language_code="be")
    weekly = WeeklyIndexPage.objects.get(locale__language_code="be")
    local_topic = Topic.objects.get(translation_key=topic.translation_key, locale__language_code="be")
    for url in (
        people.entity_url(local_person),
        weekly.url + weekly.reverse_subpage("topic_view", kwargs={"slug": local_topic.slug}),
        weekly.url,
        TrendDashboardPage.objects.get(locale__language_code="be").url,
    ):
        assert news.url not in lists[url] and commentary.url not in lists[url], url
        assert TITLE not in lists[url] and COMMENTARY not in lists[url], url
