"""Every page type renders in every language, with its language switcher, hreflang links and no cookie."""

import re

import pytest

from samvydat.discussions.models import DiscussionPage
from samvydat.news.models import NewsPage
from samvydat.plans.models import PlanPage
from samvydat.weekly.models import CommentaryPage, WeeklyIssuePage

pytestmark = pytest.mark.django_db
LANGS = ["en", "be", "ru"]


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "Set-Cookie" not in response.headers, url
    assert not response.cookies, url
    return response.content.decode()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "path", ["", "news/", "plans/", "weekly/", "discussions/", "statements/", "people/", "people/lukashenka/"]
)
def test_section_pages_render(client, lang, path):
    html = get_ok(client, f"/{lang}/{path}")
    assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize("model", [NewsPage, PlanPage, CommentaryPage, DiscussionPage, WeeklyIssuePage])
@pytest.mark.parametrize("lang", LANGS)
def test_detail_pages_render_with_alternates(client, model, lang):
    page = model.objects.live().filter(locale__language_code=lang).order_by("path").last()
    assert page is not None
    html = get_ok(client, page.url)
    assert page.title.split(":")[0] in html.replace("&#x27;", "'").replace("&quot;", '"')
    translations = page.get_translations(inclusive=True).live()
    for other in translations:
        code = other.locale.language_code
        assert f'hreflang="{code}" href="http://testserver{other.url}"' in html


def test_switcher_leads_to_translation_or_home_and_says_so(client):
    translated = NewsPage.objects.get(locale__language_code="en", slug="new-year-address-2021")
    html = get_ok(client, translated.url)
    be_version = translated.get_translation(translated.locale.__class__.objects.get(language_code="be"))
    assert f'href="{be_version.url}" hreflang="be"' in html

    english_only = NewsPage.objects.get(locale__language_code="en", slug="sanctions-explainer-video")
    assert not english_only.get_translations().exists()
    html = get_ok(client, english_only.url)
    assert 'href="/be/" hreflang="be"' in html
    assert "language-switcher__note" in html


def test_commentary_shows_topic_trend_and_authors(client):
    page = CommentaryPage.objects.get(locale__language_code="ru", package_key="w2021-02-08-repression")
    html = get_ok(client, page.url)
    assert f"trend--{page.trend}" in html
    assert page.authors.first().person.localized.name in html
    assert "8–14 февраля 2021" in html


def test_weekly_issue_lists_its_commentaries(client):
    issue = WeeklyIssuePage.objects.get(locale__language_code="en", week_start="2021-02-08")
    html = get_ok(client, issue.url)
    assert "February 8 – February 14, 2021" in html
    for commentary in CommentaryPage.objects.child_of(issue).live():
        assert commentary.url in html


def test_plan_has_numbered_sections_and_pdf(client):
    plan = PlanPage.objects.get(locale__language_code="be", package_key="plan-foreign-policy")
    html = get_ok(client, plan.url)
    assert plan.pdf.url in html
    assert len(re.findall(r'<a href="#section-', html)) == len(plan.sections()) >= 3


def test_discussion_shows_participants_questions_and_transcript(client):
    page = DiscussionPage.objects.get(locale__language_code="en", package_key="expert-environment-3")
    html = get_ok(client, page.url)
    for participant in page.participants.all():
        assert participant.person.name in html
    for block in page.questions:
        assert block.value.replace("'", "&#x27;").replace('"', "&quot;") in html
    assert 'class="transcript"' in html


@pytest.mark.parametrize("value", ["-1", "0", "99999999999999999999", "abc", "", "1e3", "%00", "1"])
def test_a_malformed_page_number_is_redirected_to_the_listing(client, value):
    response = client.get(f"/en/news/?page={value}")
    assert response.status_code == 301 and response["Location"] == "/en/news/"
    get_ok(client, response["Location"])


def test_a_page_past_the_end_of_a_listing_is_404(client):
    assert client.get("/en/news/?page=999999").status_code == 404


@pytest.mark.parametrize(
    "url", ["/en/no-such-page/", "/xx/", "/en/people/nobody/", "/en/weekly/topics/nothing/", "/en/weekly/1999-01-01/"]
)
def test_unknown_addresses_are_404(client, url):
    assert client.get(url, follow=True).status_code == 404


def test_topic_page_lists_commentaries(client):
    html = get_ok(client, "/be/weekly/topics/economy/")
    assert "commentary" in html


def test_video_loads_nothing_from_its_host(client):
    html = get_ok(client, "/en/news/sanctions-explainer-video/")
    assert "<iframe" not in html
    assert 'data-embed-url="https://www.youtube-nocookie.com/embed/' in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/people/lukashenka/", {"be": "/be/people/lukashenka/", "ru": "/ru/people/lukashenka/"}),
        ("/ru/weekly/topics/economy/", {"en": "/en/weekly/topics/economy/", "be": "/be/weekly/topics/economy/"}),
    ],
)
def test_switcher_on_routed_views_leads_to_the_same_person_or_topic(client, url, expected):
    html = get_ok(client, url)
    for code, target in expected.items():
        assert f'href="{target}" hreflang="{code}"' in html
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{target}">' in html
