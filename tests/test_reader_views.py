"""What readers and crawlers see on the pages that are views rather than pages (search, newsletter, "send us
information", "how to reach us") and on a few listings: head links, dates, labels, ids, ways out of a 404."""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation
from django.utils.translation import gettext

from samvydat.core.dates import local_date
from samvydat.news.models import NewsPage
from samvydat.weekly.models import CommentaryPage, Topic
from tests.feeds.helpers import LANGS, ORIGIN, get_ok, head_of

pytestmark = pytest.mark.django_db
VIEWS = ["search/", "newsletter/", "send/", "reach-us/"]


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


def hreflangs(head) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in head.links if link.get("rel") == "alternate" and "hreflang" in link
    }


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", VIEWS)
def test_views_have_canonical_hreflang_and_social_tags(client, lang, view):
    head = head_of(client, f"/{lang}/{view}")
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [f"{ORIGIN}/{lang}/{view}"]
    assert hreflangs(head) == {
        **{code: f"{ORIGIN}/{code}/{view}" for code in LANGS},
        "x-default": f"{ORIGIN}/en/{view}",
    }
    assert head.first("og:url") == canonical[0]
    assert head.first("og:title") and head.first("twitter:title") == head.first("og:title")
    assert head.first("og:locale") and len(head.all("og:locale:alternate")) == 2
    assert head.structured_data()[0]["@type"] == "WebPage"


def test_x_default_names_the_english_version_of_a_translated_page_only(client):
    translated = NewsPage.objects.live().get(locale__language_code="be", slug="eu-sectoral-sanctions")
    links = hreflangs(head_of(client, translated.url))
    assert (
        links["x-default"]
        == links["en"]
        == ORIGIN + translated.get_translation(translated.locale.__class__.objects.get(language_code="en")).url
    )
    english_only = NewsPage.objects.live().get(locale__language_code="en", slug="sanctions-explainer-video")
    assert "x-default" not in hreflangs(head_of(client, english_only.url))


@pytest.mark.parametrize("lang", LANGS)
def test_language_names_carry_their_own_language(client, lang):
    html = get_ok(client, f"/{lang}/newsletter/").content.decode()
    options = [attrs for tag, attrs in elements(html) if tag == "option"]
    assert len(options) == 6  # the footer's box and the page's own form
    for attrs in options:
        assert attrs.get("lang") == attrs["value"], attrs


@pytest.mark.parametrize("lang", LANGS)
def test_not_found_offers_the_home_page_and_search(client, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    main = response.content.decode().split('<main id="main"')[1].split("</main>")[0]
    with translation.override(lang):
        home, search = gettext("Go to the home page"), gettext("Search the site")
    assert f'<a href="/{lang}/">{home}</a>' in main
    assert f'<a href="/{lang}/search/">{search}</a>' in main


@pytest.mark.parametrize("lang", LANGS)
def test_topic_pages_date_their_commentaries(client, lang):
    topic = Topic.objects.get(locale__language_code=lang, slug="economy")
    html = get_ok(client, f"/{lang}/weekly/topics/{topic.slug}/").content.decode()
    commentaries = CommentaryPage.objects.live().filter(
        locale__language_code=lang, topic__translation_key=topic.translation_key
    )
    assert commentaries
    teasers = html.split('<article class="teaser teaser--commentary')[1:]
    assert len(teasers) == min(len(commentaries), 10)
    with translation.override(lang):
        for commentary in commentaries.order_by("-date", "-pk")[:10]:
            teaser = next(t for t in teasers if f'href="{commentary.url}"' in t)
            assert f'<time datetime="{commentary.date:%Y-%m-%d}">{local_date(commentary.date)}</time>' in teaser


@pytest.mark.parametrize("lang", LANGS)
def test_the_people_index_shows_its_title_once(client, lang):
    html = get_ok(client, f"/{lang}/people/").content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    headings = re.findall(r"<h([12])([^>]*)>([^<]*)</h\1>", main)
    visible = [text for _level, attrs, text in headings if "visually-hidden" not in attrs]
    assert len(visible) == len(set(visible)), visible


def described_by_ids_exist(html: str) -> list[str]:
    tags = elements(html)
    ids = {attrs["id"] for _tag, attrs in tags if "id" in attrs}
    referenced = [ref for _tag, attrs in tags for ref in attrs.get("aria-describedby", "").split()]
    assert referenced, "nothing is described: the check would be empty"
    return [ref for ref in referenced if ref not in ids]


def test_every_aria_describedby_of_the_send_form_exists(client, tmp_path, settings):
    settings.SUBMISSIONS_ROOT = str(tmp_path)
    assert described_by_ids_exist(get_ok(client, "/en/send/").content.decode()) == []
    # with errors shown (an empty message), each error is named too
    response = client.post("/en/send/", {"kind": "information", "text": "", "token": "x"})
    html = response.content.decode()
    assert response.status_code == 400
    assert described_by_ids_exist(html) == []


def test_english_only_related_items_are_marked_on_other_languages_pages(client):
    page = NewsPage.objects.live().get(locale__language_code="be", slug="eu-sectoral-sanctions")
    html = get_ok(client, page.url).content.decode()
    related = html.split('<section class="related"')[1].split("</section>")[0]
    teaser = next(t for t in related.split("<article")[1:] if "/en/news/sanctions-explainer-video/" in t)
    with translation.override("be"):
        label = gettext("In English")
    assert f'<p class="teaser__language">{label}</p>' in teaser
    assert re.search(
        r'<h\d class="teaser__title" lang="en"><a href="/en/news/sanctions-explainer-video/" hreflang="en">', teaser
    )
    # the Belarusian items beside it carry no label
    assert related.count("teaser__language") == 1
