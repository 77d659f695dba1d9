"""What a page says about itself when shared or indexed: OpenGraph, Twitter card and schema.org JSON-LD.

``sharing_meta`` reads the template context of any public page (``page``, and on the routable pages ``person``,
``organisation`` or ``topic``) and returns what ``includes/meta.html`` prints, feed discovery links included.
Everything is absolute and on this site's host; nothing is loaded from another host.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from wagtail.images.shortcuts import get_rendition_or_not_found

from samvydat.core.i18n import live_versions
from samvydat.core.navigation import site_furniture
from samvydat.core.templatetags.samvydat_tags import entity_url, topic_url

from .selectors import SECTIONS

#: OpenGraph locales (language_TERRITORY) of the site's languages.
OG_LOCALES = {"en": "en_US", "be": "be_BY", "ru": "ru_RU"}
#: Feed formats: URL suffix → (MIME type, label).
FEED_FORMATS = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}
#: The lists of a person's page (``people.selectors.person_appearances``) that their feed carries too.
PERSON_ITEM_LISTS = ("person_lists", "written_about")
PAGE_IMAGE = "fill-1200x630"
PORTRAIT = "fill-600x600"
SCHEMA = "https://schema.org"


@dataclass
class Sharing:
    title: str
    url: str
    site_name: str = ""
    type: str = "website"  # og:type
    description: str = ""
    locale: str = ""
    locale_alternates: list[str] = field(default_factory=list)
    image: dict | None = None  # url, width, height, alt
    published: str = ""
    modified: str = ""
    section: str = ""
    authors: list[str] = field(default_factory=list)  # profile URLs
    json_ld: SafeString | str = ""
    feeds: list[dict] = field(default_factory=list)  # title, href, type

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image and self.type != "profile" else "summary"


def sharing_meta(context) -> Sharing | None:
    request = context.get("request")
    if request is None:
        return None
    language = translation.get_language() or settings.LANGUAGE_CODE
    page = context.get("page")
    builder = _Builder(context, request, language)
    feeds = builder.feeds(page)
    subject = builder.subject(page) or builder.view(context.get("view_title"))
    if subject is None:
        return Sharing(title=gettext(settings.SITE_TITLE), url=builder.canonical, feeds=feeds)
    subject.feeds = feeds
    subject.site_name = builder.site
    subject.locale = OG_LOCALES.get(language, language)
    subject.locale_alternates = [
        OG_LOCALES.get(code, code) for code in builder.translated_languages(page) if code != language
    ]
    return subject


class _Builder:
    def __init__(self, context, request, language):
        self.context = context
        self.request = request
        self.language = language
        self.canonical = request.build_absolute_uri(request.path)
        self.site = gettext(settings.SITE_TITLE)
        furniture = site_furniture(request).get(language)
        self.furniture = furniture
        home = furniture.home if furniture else None
        self.home_url = self.absolute(home.get_url(request=request) if home else f"/{language}/")

    def absolute(self, url: str) -> str:
        return self.request.build_absolute_uri(url) if url else ""

    # --- which page is this ------------------------------------------------------------------------

    def subject(self, page) -> Sharing | None:
        from samvydat.core.models import ArticlePage, HomePage
        from samvydat.people.models import PeopleIndexPage
        from samvydat.weekly.models import WeeklyIndexPage, WeeklyIssuePage

        context = self.context
        if isinstance(page, PeopleIndexPage) and context.get("person") is not None:
            return self.person(context["person"])
        if isinstance(page, PeopleIndexPage) and context.get("organisation") is not None:
            return self.organisation(context["organisation"])
        if isinstance(page, WeeklyIndexPage) and context.get("topic") is not None:
            return self.topic(context["topic"])
        if isinstance(page, ArticlePage):
            return self.article(page)
        if isinstance(page, WeeklyIssuePage):
            return self.weekly_issue(page)
        if isinstance(page, HomePage):
            sharing = self.basic(page)
            sharing.json_ld = json_ld(
                {
                    "@type": "WebSite",
                    "name": self.site,
                    "url": self.home_url,
                    "inLanguage": self.language,
                    "description": sharing.description,
                    "publisher": self.publisher(),
                }
            )
            return sharing
        if page is not None and hasattr(page, "title"):
            sharing = self.basic(page)
            sharing.json_ld = json_ld(self.web_page("CollectionPage", sharing))
            return sharing
        return None

    def view(self, title) -> Sharing | None:
        """A reader's view that is not a page (search, the newsletter, "send us information", "how to reach
        us"), named by its ``view_title`` context variable; None when the view gave none."""
        if not title:
            return None
        sharing = Sharing(title=str(title), url=self.canonical)
        sharing.json_ld = json_ld(self.web_page("WebPage", sharing))
        return sharing

    def translated_languages(self, page) -> list[str]:
        alternates = self.context.get("alternate_urls")
        if alternates is not None:
            return list(alternates)
        if page is None or not hasattr(page, "get_translations"):
            return []
        return [code for code, version in live_versions(page, self.request).items() if version.pk != page.pk]

    # --- kinds of page -----------------------------------------------------------------------------

    def basic(self, page) -> Sharing:
        return Sharing(
            title=page.seo_title or page.title,
            url=self.canonical,
            description=getattr(page, "search_description", "") or getattr(page, "summary", ""),
            image=self.image(getattr(page, "social_image", None), PAGE_IMAGE, alt=page.title),
        )

    def web_page(self, schema_type: str, sharing: Sharing, **extra) -> dict:
        return {
            "@type": schema_type,
            "name": sharing.title,
            "url": sharing.url,
            "inLanguage": self.language,
            "description": sharing.description,
            "isPartOf": {"@type": "WebSite", "name": self.site, "url": self.home_url},
            **extra,
        }

    def article(self, page) -> Sharing:
        from samvydat.discussions.models import DiscussionPage
        from samvydat.news.models import NewsPage
        from samvydat.plans.models import PlanPage
        from samvydat.statements.models import StatementPage
        from samvydat.weekly.models import CommentaryPage

        context = self.context
        sharing = self.basic(page)
        sharing.type = "article"
        sharing.published = page.date.isoformat()
        sharing.modified = page.last_published_at.isoformat() if page.last_published_at else ""
        if isinstance(page, DiscussionPage):
            sharing.json_ld = json_ld(self.event(page, sharing))
            return sharing
        data = {
            "@type": "Article",
            "headline": sharing.title[:110],
            "description": sharing.description,
            "url": sharing.url,
            "mainEntityOfPage": sharing.url,
            "datePublished": sharing.published,
            "inLanguage": self.language,
            "publisher": self.publisher(),
        }
        if sharing.modified:
            data["dateModified"] = sharing.modified
        if sharing.image:
            data["image"] = [sharing.image["url"]]
        authors = context.get("page_authors") or []
        if isinstance(page, NewsPage):
            data["@type"] = "NewsArticle"
        elif isinstance(page, CommentaryPage):
            data["@type"] = "AnalysisNewsArticle"
            topic = context.get("topic")
            if topic is not None:
                sharing.section = topic.name
                data["about"] = {"@type": "Thing", "name": topic.name, "url": self.absolute(topic_url(context, topic))}
                data["articleSection"] = topic.name
        elif isinstance(page, PlanPage):
            data["@type"] = "Report"
        elif isinstance(page, StatementPage):
            data["author"] = [self.organisation_ref(o) for o in context.get("signatories") or []]
        if authors:
            data["author"] = [self.person_ref(person) for person in authors]
            sharing.authors = [ref["url"] for ref in data["author"] if ref.get("url")]
        sharing.json_ld = json_ld(data)
        return sharing

    def weekly_issue(self, page) -> Sharing:
        """ "Situation in Belarus: February 8 – February 14, 2021", pictured by its first illustrated commentary."""
        sharing = self.basic(page)
        sharing.title = f"{sharing.title}: {page.week_label}"
        commentaries = self.context.get("commentaries") or []
        if sharing.image is None:
            illustrated = next((c for c in commentaries if c.social_image_id), None)
            if illustrated is not None:
                sharing.image = self.image(illustrated.social_image, PAGE_IMAGE, alt=illustrated.title)
        parts = [
            {"@type": "AnalysisNewsArticle", "headline": c.title, "url": self.absolute(c.get_url(request=self.request))}
            for c in commentaries
        ]
        sharing.json_ld = json_ld(
            self.web_page("CollectionPage", sharing, datePublished=page.week_end.isoformat(), hasPart=parts)
        )
        return sharing

    def event(self, page, sharing: Sharing) -> dict:
        from samvydat.discussions.models import DiscussionFormat

        data = {
            "@type": "Event",
            "name": sharing.title,
            "description": sharing.description,
            "url": sharing.url,
            "startDate": sharing.published,
            "eventStatus": f"{SCHEMA}/EventScheduled",
            "inLanguage": self.language,
            "organizer": self.publisher(),
            "performer": [self.person_ref(p["person"]) for p in self.context.get("participants") or []],
        }
        if page.format == DiscussionFormat.ONLINE:
            data["eventAttendanceMode"] = f"{SCHEMA}/OnlineEventAttendanceMode"
            data["location"] = {"@type": "VirtualLocation", "url": page.registration_url or sharing.url}
            if page.place:
                data["location"]["name"] = page.place
        elif page.format == DiscussionFormat.OFFLINE:
            data["eventAttendanceMode"] = f"{SCHEMA}/OfflineEventAttendanceMode"
            if page.place:
                data["location"] = {"@type": "Place", "name": page.place, "address": page.place}
        elif page.place:
            data["location"] = {"@type": "Place", "name": page.place, "address": page.place}
        if page.series:
            data["superEvent"] = {"@type": "EventSeries", "name": page.series}
        if sharing.image:
            data["image"] = [sharing.image["url"]]
        return data

    def person(self, person) -> Sharing:
        description = person.description or ", ".join(part for part in (person.role, person.affiliation) if part)
        sharing = Sharing(
            title=person.name,
            url=self.canonical,
            type="profile",
            description=description,
            image=self.image(person.photo, PORTRAIT, alt=person.name),
        )
        data = {**self.person_ref(person), "url": self.canonical, "description": person.description}
        if person.role:
            data["jobTitle"] = person.role
        if person.affiliation:
            data["affiliation"] = {"@type": "Organization", "name": person.affiliation}
        if person.alias_list:
            data["alternateName"] = person.alias_list
        if sharing.image:
            data["image"] = sharing.image["url"]
        sharing.json_ld = json_ld(data)
        return sharing

    def organisation(self, organisation) -> Sharing:
        sharing = Sharing(title=organisation.name, url=self.canonical, description=organisation.description)
        data = {**self.organisation_ref(organisation), "url": self.canonical, "description": organisation.description}
        if organisation.website:
            data["sameAs"] = [organisation.website]
        if organisation.alias_list:
            data["alternateName"] = organisation.alias_list
        sharing.json_ld = json_ld(data)
        return sharing

    def topic(self, topic) -> Sharing:
        sharing = Sharing(title=topic.name, url=self.canonical, description=topic.description)
        about = {"@type": "Thing", "name": topic.name}
        sharing.json_ld = json_ld(self.web_page("CollectionPage", sharing, about=about))
        return sharing

    # --- parts -------------------------------------------------------------------------------------

    def publisher(self) -> dict:
        return {
            "@type": "Organization",
            "name": self.site,
            "url": self.home_url,
            "logo": {"@type": "ImageObject", "url": self.absolute(static("favicon.svg"))},
        }

    def person_ref(self, person) -> dict:
        ref = {"@type": "Person", "name": person.name}
        url = entity_url(self.context, person)
        if url:
            ref["url"] = self.absolute(url)
        return ref

    def organisation_ref(self, organisation) -> dict:
        ref = {"@type": "Organization", "name": organisation.name}
        url = entity_url(self.context, organisation)
        if url:
            ref["url"] = self.absolute(url)
        return ref

    def image(self, image, spec: str, *, alt: str) -> dict | None:
        """A rendition of ``image`` served from this host, or None (no image, or its file is missing)."""
        if image is None:
            return None
        rendition = get_rendition_or_not_found(image, spec)
        if rendition.file.name == "not-found" or not rendition.width:
            return None
        return {
            "url": self.absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            # An image's title is often its file name: the page's title describes it better.
            "alt": getattr(image, "description", "") or alt,
        }

    # --- feed discovery ----------------------------------------------------------------------------

    def feeds(self, page) -> list[dict]:
        """The language's feed of everything, and the feeds of this page's section, topic or person."""
        context = self.context
        feeds = self._feed_links("feed_section", {"name": "all"}, self.site)
        section = self._section_of(page)
        if section:
            name, title = section
            feeds += self._feed_links("feed_section", {"name": name}, f"{self.site}: {title}")
        topic = context.get("topic")
        if topic is not None and getattr(topic, "slug", ""):
            feeds += self._feed_links("feed_topic", {"slug": topic.slug}, f"{self.site}: {topic.name}")
        person = context.get("person")
        # A person's feed lists what their page lists: advertised only when the page lists something.
        if person is not None and getattr(person, "slug", "") and any(context.get(key) for key in PERSON_ITEM_LISTS):
            feeds += self._feed_links("feed_person", {"slug": person.slug}, f"{self.site}: {person.name}")
        return feeds

    def _feed_links(self, route: str, kwargs: dict, title: str) -> list[dict]:
        return [
            {
                "href": self.absolute(reverse(route, kwargs={**kwargs, "fmt": fmt})),
                "type": mime,
                "title": f"{title} ({label})",
            }
            for fmt, (mime, label) in FEED_FORMATS.items()
        ]

    def _section_of(self, page) -> tuple[str, str] | None:
        """(feed name, section title) of the section ``page`` is in or is the index of."""
        if self.furniture is None or page is None or getattr(page, "depth", 0) < 3:
            return None
        section_path = page.path[: 3 * page.steplen]
        for name, section in SECTIONS.items():
            index = self.furniture.indexes.get(section.index_label)
            if index is not None and index.path == section_path:
                return name, index.title
        return None


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """``data`` as a JSON-LD script element; ``</script>`` or ``<!--`` in any value cannot end the element.

    Empty values are left out (schema.org readers treat ``""`` as a value).
    """
    data = {key: value for key, value in data.items() if value not in ("", None, [])}
    text = json.dumps({"@context": SCHEMA, **data}, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
