"""OpenGraph, Twitter card and schema.org JSON-LD in every kind of page's <head>."""

import datetime
import os

import pytest
from django.conf import settings
from django.core.cache import cache

from samvydat.discussions.models import DiscussionFormat, DiscussionPage
from samvydat.news.models import NewsPage
from samvydat.people.models import Organisation, Person
from samvydat.plans.models import PlanPage
from samvydat.statements.models import StatementPage
from samvydat.weekly.models import CommentaryPage, Topic, WeeklyIssuePage

from .helpers import LANGS, ORIGIN, absolute, get_ok, head_of

pytestmark = pytest.mark.django_db

OG_LOCALES = {"en": "en_US", "be": "be_BY", "ru": "ru_RU"}


def structured(head) -> dict:
    blocks = head.structured_data()
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@context"] == "https://schema.org"
    return data


def check_open_graph(head, *, url: str, title: str, og_type: str, lang: str, translations: set[str]):
    assert head.first("og:title") == title
    assert head.first("og:url") == url
    assert head.first("og:type") == og_type
    assert head.first("og:site_name")
    assert head.first("og:locale") == OG_LOCALES[lang]
    assert set(head.all("og:locale:alternate")) == {OG_LOCALES[code] for code in translations - {lang}}
    assert head.first("twitter:card") in {"summary", "summary_large_image"}
    assert head.first("twitter:title") == title
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [url]


def check_image(head):
    """og:image is an absolute URL of a rendition on this host, written to MEDIA_ROOT."""
    image = head.first("og:image")
    assert image.startswith(f"{ORIGIN}{settings.MEDIA_URL}images/")
    path = os.path.join(settings.MEDIA_ROOT, image.removeprefix(ORIGIN + settings.MEDIA_URL))
    assert os.path.getsize(path) > 0
    assert int(head.first("og:image:width")) > 0 and int(head.first("og:image:height")) > 0
    assert head.first("twitter:image") == image
    assert head.first("og:image:alt")
    return image


def translations_of(page) -> set[str]:
    return set(page.get_translations(inclusive=True).live().values_list("locale__language_code", flat=True))


@pytest.mark.parametrize("lang", LANGS)
def test_news_is_a_news_article(client, lang):
    page = NewsPage.objects.live().filter(locale__language_code=lang, social_image__isnull=False).first()
    head = head_of(client, page.url)
    check_open_graph(
        head, url=absolute(page), title=page.title, og_type="article", lang=lang, translations=translations_of(page)
    )
    assert head.first("og:description") == page.summary
    image = check_image(head)
    assert head.first("twitter:card") == "summary_large_image"
    assert head.first("article:published_time") == page.date.isoformat()
    data = structured(head)
    assert data["@type"] == "NewsArticle"
    assert (data["headline"], data["url"], data["inLanguage"]) == (page.title, absolute(page), lang)
    assert data["datePublished"] == page.date.isoformat()
    assert data["image"] == [image]
    assert data["publisher"]["@type"] == "Organization"
    names = [link.person.localized.name for link in page.authors.select_related("person")]
    assert [author["name"] for author in data.get("author", [])] == names


@pytest.mark.parametrize("lang", LANGS)
def test_commentary_is_an_analysis_with_authors_and_topic(client, lang):
    page = CommentaryPage.objects.live().get(locale__language_code=lang, package_key="w2021-02-08-repression")
    head = head_of(client, page.url)
    check_open_graph(
        head, url=absolute(page), title=page.title, og_type="article", lang=lang, translations=translations_of(page)
    )
    data = structured(head)
    assert data["@type"] == "AnalysisNewsArticle"
    assert data["inLanguage"] == lang
    assert datetime.date.fromisoformat(data["datePublished"]) == page.date
    authors = data["author"]
    assert authors and all(author["@type"] == "Person" for author in authors)
    assert [author["name"] for author in authors] == [
        link.person.localized.name for link in page.authors.select_related("person")
    ]
    for author in authors:
        assert author["url"].startswith(f"{ORIGIN}/{lang}/people/")
        get_ok(client, author["url"].removeprefix(ORIGIN))
    topic = page.topic.localized
    assert data["about"]["name"] == topic.name
    assert data["about"]["url"] == f"{ORIGIN}/{lang}/weekly/topics/{topic.slug}/"
    assert head.first("article:section") == topic.name
    assert head.all("article:author") == [author["url"] for author in authors]


@pytest.mark.parametrize("lang", LANGS)
def test_discussion_is_an_event_with_its_participants(client, lang):
    page = DiscussionPage.objects.live().filter(locale__language_code=lang).order_by("path").first()
    head = head_of(client, page.url)
    check_open_graph(
        head, url=absolute(page), title=page.title, og_type="article", lang=lang, translations=translations_of(page)
    )
    data = structured(head)
    assert data["@type"] == "Event"
    assert data["name"] == page.title
    assert data["startDate"] == page.date.isoformat()
    assert data["inLanguage"] == lang
    assert data["organizer"]["@type"] == "Organization"
    participants = [link.person.localized.name for link in page.participants.select_related("person")]
    assert participants
    assert [performer["name"] for performer in data["performer"]] == participants
    assert all(performer["@type"] == "Person" for performer in data["performer"])
    mode = {
        DiscussionFormat.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
        DiscussionFormat.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    }
    assert data.get("eventAttendanceMode") == mode.get(page.format)
    if page.format == DiscussionFormat.ONLINE:
        assert data["location"]["@type"] == "VirtualLocation"
    elif page.place:
        assert data["location"] == {"@type": "Place", "name": page.place, "address": page.place}


def test_online_discussion_has_a_virtual_location(client):
    page = DiscussionPage.objects.live().filter(locale__language_code="en").first()
    page.format, page.place, page.registration_url = DiscussionFormat.ONLINE, "Zoom", "https://example.org/register"
    page.save()
    data = structured(head_of(client, page.url))
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://example.org/register", "name": "Zoom"}


@pytest.mark.parametrize("lang", LANGS)
def test_person_page_is_a_person(client, lang):
    person = Person.objects.get(locale__language_code=lang, slug="kavaliova")
    url = f"/{lang}/people/{person.slug}/"
    head = head_of(client, url)
    check_open_graph(head, url=ORIGIN + url, title=person.name, og_type="profile", lang=lang, translations=set(LANGS))
    data = structured(head)
    assert data["@type"] == "Person"
    assert (data["name"], data["url"]) == (person.name, ORIGIN + url)
    assert data["jobTitle"] == person.role
    assert set(data["alternateName"]) == set(person.alias_list)
    if person.photo:
        assert data["image"] == check_image(head)


@pytest.mark.parametrize("lang", LANGS)
def test_organisation_page_is_an_organization(client, lang):
    organisation = Organisation.objects.filter(locale__language_code=lang).first()
    url = f"/{lang}/people/organisations/{organisation.slug}/"
    head = head_of(client, url)
    check_open_graph(
        head,
        url=ORIGIN + url,
        title=organisation.name,
        og_type="website",
        lang=lang,
        translations=set(
            Organisation.objects.filter(translation_key=organisation.translation_key).values_list(
                "locale__language_code", flat=True
            )
        ),
    )
    data = structured(head)
    assert data["@type"] == "Organization"
    assert data["name"] == organisation.name


@pytest.mark.parametrize("lang", LANGS)
def test_other_pages_have_fitting_types(client, lang):
    home = structured(head_of(client, f"/{lang}/"))
    assert home["@type"] == "WebSite"
    assert home["publisher"]["@type"] == "Organization"
    assert structured(head_of(client, f"/{lang}/news/"))["@type"] == "CollectionPage"
    plan = PlanPage.objects.live().filter(locale__language_code=lang).first()
    assert structured(head_of(client, plan.url))["@type"] == "Report"
    statement = StatementPage.objects.live().filter(locale__language_code=lang).first()
    data = structured(head_of(client, statement.url))
    assert data["@type"] == "Article"
    assert data["author"] and all(author["@type"] == "Organization" for author in data["author"])
    topic = Topic.objects.get(locale__language_code=lang, slug="economy")
    head = head_of(client, f"/{lang}/weekly/topics/economy/")
    assert head.first("og:title") == topic.name
    data = structured(head)
    assert data["@type"] == "CollectionPage" and data["about"]["name"] == topic.name


@pytest.mark.parametrize("lang", LANGS)
def test_weekly_issue_is_titled_by_its_week_and_lists_its_commentaries(client, lang):
    issue = WeeklyIssuePage.objects.live().get(locale__language_code=lang, week_start="2021-02-08")
    head = head_of(client, issue.url)
    title = head.first("og:title")
    assert title.startswith(issue.title + ": ") and "2021" in title
    data = structured(head)
    assert data["@type"] == "CollectionPage"
    commentaries = CommentaryPage.objects.child_of(issue).live()
    assert {part["url"] for part in data["hasPart"]} == {absolute(c) for c in commentaries}
    if any(c.social_image_id for c in commentaries):
        check_image(head)


def test_json_ld_cannot_be_broken_out_of(client):
    page = NewsPage.objects.live().get(locale__language_code="en", slug="kazakhstan-troops")
    page.title = 'Breaking </script><script>alert("x")</script> <!-- & more'
    page.summary = "</SCRIPT><img src=x onerror=alert(1)>"
    page.save()
    html = get_ok(client, page.url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    head = head_of(client, page.url)
    data = structured(head)
    assert (data["headline"], data["description"]) == (page.title, page.summary)
    assert head.first("og:title") == page.title


def test_pages_without_image_use_a_summary_card(client):
    page = NewsPage.objects.live().filter(locale__language_code="en", social_image__isnull=True).first()
    head = head_of(client, page.url)
    assert head.first("og:image") is None
    assert head.first("twitter:card") == "summary"
    assert "image" not in structured(head)


def test_missing_image_file_leaves_the_image_out(client, settings, tmp_path):
    page = NewsPage.objects.live().filter(locale__language_code="en", social_image__isnull=False).first()
    settings.MEDIA_ROOT = str(tmp_path)  # neither the original nor any rendition is there
    page.social_image.renditions.all().delete()
    cache.clear()  # Wagtail also keeps renditions in the cache
    head = head_of(client, page.url)
    assert head.first("og:image") is None
    assert head.first("og:title") == page.title


def test_not_found_page_still_renders_its_head(client):
    response = client.get("/be/no-such-page/")
    assert response.status_code == 404
    assert 'rel="alternate" type="application/rss+xml"' in response.content.decode()
