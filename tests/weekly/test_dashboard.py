"""The trend dashboard, the topic charts, "this week at a glance", the issue archive and the home page's
latest issue, on the demo site (plus pages built in the tests for sparse and empty records)."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samvydat.core.services import translation_key_for
from samvydat.weekly.models import CommentaryPage, Topic, TrendDashboardPage, WeeklyIndexPage, WeeklyIssuePage

pytestmark = pytest.mark.django_db
LANGS = ["en", "be", "ru"]
LAST_DEMO_WEEK = datetime.date(2021, 3, 1)


def get_ok(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert "Set-Cookie" not in response.headers and not response.cookies, url
    return response.content.decode()


def charts(page_html: str) -> dict[str, str]:
    """Topic name → the markup of its chart section."""
    sections = re.findall(r'<section class="trend-chart".*?</section>', page_html, re.S)
    result = {}
    for section in sections:
        name = re.search(r'class="trend-chart__name[^"]*">(?:<a href="[^"]*">)?([^<]+)<', section).group(1)
        result[html.unescape(name)] = section
    return result


def marks(section: str) -> list[tuple[str, str, str]]:
    """(href, accessible name, trend) of every mark in a chart."""
    found = re.findall(r'<a href="([^"]+)"><title>([^<]+)</title><use href="#[\w-]+-(\w+)"', section)
    return [(href, html.unescape(title), trend) for href, title, trend in found]


def add_issue(lang: str, week: datetime.date) -> WeeklyIssuePage:
    index = WeeklyIndexPage.objects.get(locale__language_code=lang)
    issue = WeeklyIssuePage(
        title="Situation in Belarus",
        slug=week.isoformat(),
        week_start=week,
        week_end=week + datetime.timedelta(days=6),
        locale=index.locale,
        translation_key=translation_key_for("weekly-issue", week.isoformat()),
    )
    index.add_child(instance=issue)
    return issue


def add_commentary(issue, *, slug: str, topic=None, trend: str = "") -> CommentaryPage:
    commentary = CommentaryPage(
        title=f"Commentary {slug}", slug=slug, topic=topic, trend=trend, date=issue.week_end, locale=issue.locale
    )
    issue.add_child(instance=commentary)
    return commentary


def new_topic(lang: str = "en", slug: str = "security") -> Topic:
    locale = WeeklyIndexPage.objects.get(locale__language_code=lang).locale
    return Topic.objects.create(name="Security", slug=slug, locale=locale)


def dashboard_url(lang: str) -> str:
    return TrendDashboardPage.objects.get(locale__language_code=lang).url


# --- The page, in every language -------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_dashboard_exists_in_every_language_in_the_menu_and_linked_to_its_translations(client, lang):
    page = TrendDashboardPage.objects.live().get(locale__language_code=lang)
    assert page.url == f"/{lang}/trends/"
    assert page.show_in_menus
    page_html = get_ok(client, page.url)
    assert f'<html lang="{lang}">' in page_html
    menu = re.search(r'<nav class="main-nav".*?</nav>', page_html, re.S).group()
    assert f'<a href="/{lang}/trends/" aria-current="page">' in menu
    for other in LANGS:
        if other != lang:
            assert f'hreflang="{other}" href="http://testserver/{other}/trends/"' in page_html
    assert page.translation_key == translation_key_for("index", "trends")
    home_html = get_ok(client, f"/{lang}/")
    assert f'href="/{lang}/trends/"' in re.search(r'<nav class="main-nav".*?</nav>', home_html, re.S).group()


@pytest.mark.parametrize("lang", LANGS)
def test_every_rated_commentary_is_one_mark_linking_to_it(client, lang):
    page_html = get_ok(client, dashboard_url(lang) + "?period=all")
    drawn = charts(page_html)
    topics = Topic.objects.filter(locale__language_code=lang)
    assert set(drawn) == {topic.name for topic in topics}
    for topic in topics:
        commentaries = (
            CommentaryPage.objects.live()
            .filter(locale__language_code=lang, topic__translation_key=topic.translation_key)
            .exclude(trend="")
        )
        found = marks(drawn[topic.name])
        assert sorted(href for href, _name, _trend in found) == sorted(c.url for c in commentaries)
        trends = {c.url: c.trend for c in commentaries}
        assert all(trends[href] == trend for href, _name, trend in found)


def test_mark_names_say_the_week_and_the_rating(client):
    with translation.override("be"):
        commentary = CommentaryPage.objects.get(locale__language_code="be", package_key="w2021-02-08-repression")
        label = f"8–14 лютага 2021: {commentary.get_trend_display()}"
        page_html = get_ok(client, dashboard_url("be") + "?period=all")
    found = {href: name for href, name, _trend in marks(page_html)}
    assert found[commentary.url] == label
    en_html = get_ok(client, dashboard_url("en") + "?period=all")
    en_url = commentary.get_translation(WeeklyIndexPage.objects.get(locale__language_code="en").locale).url
    assert (en_url, "February 8 – February 14, 2021: The situation has gotten worse", "worsened") in marks(en_html)


def test_cumulative_balance_and_legend(client):
    page_html = get_ok(client, dashboard_url("en") + "?period=all&topic=repression")
    (section,) = charts(page_html).values()
    worsened = CommentaryPage.objects.filter(
        locale__language_code="en", topic__slug="repression", trend="worsened"
    ).count()
    assert worsened == len(marks(section))  # the demo's repression record is all "worsened"
    assert f"Balance: \u2212{worsened}" in section
    assert 'role="img"' in section and "trend-chart__path" in section
    assert "The situation has gotten better (+1)" in page_html  # the legend, in words as well as shapes
    assert '<div class="visually-hidden"><table>' in section


# --- Filters ---------------------------------------------------------------------------------------------
def test_topic_filter_shows_one_topic(client):
    page_html = get_ok(client, dashboard_url("en") + "?topic=economy")
    assert list(charts(page_html)) == ["Economy"]
    assert '<option value="economy" selected>' in page_html


def test_topic_filter_accepts_the_slug_of_another_language(client):
    topic = Topic.objects.get(locale__language_code="be", slug="economy")
    topic.slug = "ekanomika"
    topic.save()
    assert list(charts(get_ok(client, dashboard_url("be") + "?topic=economy"))) == [topic.name]
    assert list(charts(get_ok(client, dashboard_url("en") + "?topic=ekanomika"))) == ["Economy"]


def test_period_filter_counts_back_from_the_latest_issue(client):
    later = LAST_DEMO_WEEK + datetime.timedelta(weeks=20)
    economy = Topic.objects.get(locale__language_code="en", slug="economy")
    add_commentary(add_issue("en", later), slug="economy-later", topic=economy, trend="improved")
    url = dashboard_url("en")

    three_months = get_ok(client, url + "?period=3m")
    assert "(13 weeks)" in three_months
    assert [name for _href, name, _trend in marks(three_months)] == [
        "July 19 – July 25, 2021: The situation has gotten better"
    ]
    assert '<option value="3m" selected>' in three_months

    everything = get_ok(client, url + "?period=all")
    assert "(26 weeks)" in everything
    rated = CommentaryPage.objects.live().filter(locale__language_code="en").exclude(trend="").count()
    assert len(marks(everything)) == rated

    default = get_ok(client, url)
    assert '<option value="12m" selected>' in default
    assert len(marks(default)) == rated  # 12 months reach back past the first demo week: all of it


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("period=zzz", 404),  # not a period the dashboard has
        ("period=", 301),  # malformed: to the canonical URL (samvydat.pagecache.keys)
        ("period=12m&period=all", 301),  # repeated
        ("topic=no-such-topic", 404),
        ("topic=%00%ff", 301),
        ("topic=" + "x" * 5000, 301),
        ("period[]=1&topic[]=2", 200),  # names no page reads are dropped: the dashboard itself
        ("period=%27%22%3E%3Cscript%3E", 301),
    ],
)
def test_bad_filter_values_are_refused_or_redirected_to_the_canonical_url(client, query, status):
    response = client.get(f"{dashboard_url('en')}?{query}")
    assert response.status_code == status
    assert b"<script>" not in response.content
    if status == 301:
        assert response["Location"].startswith(dashboard_url("en"))
    if status != 404:
        page_html = get_ok(client, response["Location"] if status == 301 else f"{dashboard_url('en')}?{query}")
        assert len(charts(page_html)) == Topic.objects.filter(locale__language_code="en").count()  # all topics
        if "period=12m" not in query:
            assert '<option value="12m" selected>' in page_html  # the default period


# --- Sparse and empty records ----------------------------------------------------------------------------
def test_a_new_topic_with_one_week_after_a_gap(client):
    topic = new_topic("en")
    week = LAST_DEMO_WEEK + datetime.timedelta(weeks=5)  # four weeks without an issue
    commentary = add_commentary(add_issue("en", week), slug="security-first", topic=topic, trend="unchanged")
    page_html = get_ok(client, dashboard_url("en") + "?period=all")
    drawn = charts(page_html)
    assert marks(drawn["Security"]) == [
        (commentary.url, "April 5 – April 11, 2021: The situation has not changed", "unchanged")
    ]
    assert "(11 weeks)" in page_html  # six demo weeks, four empty ones, the new week
    assert "trend-chart__dot" in drawn["Security"]  # one point: a dot, not a line
    # the other topics end before the gap: their marks are where they were
    economy = CommentaryPage.objects.live().filter(locale__language_code="en", topic__slug="economy")
    assert len(marks(drawn["Economy"])) == economy.exclude(trend="").count()


def test_a_topic_without_any_rating_says_so(client):
    new_topic("en")
    page_html = get_ok(client, dashboard_url("en"))
    assert "No rated week in this period." in charts(page_html)["Security"]
    only = get_ok(client, dashboard_url("en") + "?topic=security")
    assert list(charts(only)) == ["Security"] and "No rated week in this period." in only


def test_an_untranslated_topic_used_in_another_language_is_shown_under_its_english_name(client):
    topic = new_topic("en")
    add_commentary(
        add_issue("ru", LAST_DEMO_WEEK + datetime.timedelta(weeks=1)), slug="s", topic=topic, trend="improved"
    )
    assert len(marks(charts(get_ok(client, dashboard_url("ru")))["Security"])) == 1
    assert "Security" not in charts(get_ok(client, dashboard_url("be")))  # not used in Belarusian: not listed


def test_commentaries_without_topic_or_rating_are_left_out_and_nothing_fails(client):
    issue = add_issue("en", LAST_DEMO_WEEK + datetime.timedelta(weeks=1))
    add_commentary(issue, slug="no-topic", trend="improved")
    economy = Topic.objects.get(locale__language_code="en", slug="economy")
    add_commentary(issue, slug="no-trend", topic=economy)
    before = CommentaryPage.objects.live().filter(locale__language_code="en").exclude(trend="").exclude(topic=None)
    page_html = get_ok(client, dashboard_url("en") + "?period=all")
    assert len(marks(page_html)) == before.count()
    issue_html = get_ok(client, issue.url)
    assert "Commentary no-topic" in issue_html and "Not rated" in issue_html


def test_a_language_without_issues(client):
    WeeklyIssuePage.objects.filter(locale__language_code="ru").update(live=False)
    page_html = get_ok(client, dashboard_url("ru"))
    assert not charts(page_html) and "<svg" not in page_html.split("<main", 1)[1].split("</main>")[0]


def test_a_language_without_weekly_index(client):
    WeeklyIndexPage.objects.filter(locale__language_code="ru").update(live=False)
    get_ok(client, dashboard_url("ru"))


# --- Queries ---------------------------------------------------------------------------------------------
def count_queries(client, url) -> int:
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("query", ["", "?period=all", "?period=3m&topic=economy"])
def test_queries_do_not_grow_with_weeks_or_topics(client, django_assert_max_num_queries, query):
    url = dashboard_url("en") + query
    before = count_queries(client, url)
    topics = [Topic.objects.get(locale__language_code="en", slug="economy"), new_topic("en")]
    for n in range(1, 31):
        issue = add_issue("en", LAST_DEMO_WEEK + datetime.timedelta(weeks=n))
        for topic in topics:
            add_commentary(issue, slug=f"{topic.slug}-{n}", topic=topic, trend=["improved", "worsened"][n % 2])
    assert count_queries(client, url) == before
    with django_assert_max_num_queries(18):  # 2 of them: the view restrictions (``core.selectors.for_readers``)
        client.get(url)


# --- The other pages -------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_issue_page_shows_this_week_at_a_glance(client, lang):
    issue = WeeklyIssuePage.objects.get(locale__language_code=lang, week_start="2021-02-08")
    page_html = get_ok(client, issue.url)
    glance = re.search(r'<section class="glance".*?</section>', page_html, re.S).group()
    assert "{# pdf-download #}" not in page_html
    commentaries = CommentaryPage.objects.child_of(issue).live().select_related("topic")
    assert glance.count('class="glance__item"') == commentaries.count() == 3
    for commentary in commentaries:
        item = re.search(rf'<a class="glance__link" href="{re.escape(commentary.url)}">.*?</a>', glance, re.S).group()
        assert html.escape(commentary.topic.name) in item
        assert f"trend--{commentary.trend}" in item


def test_topic_page_shows_the_topic_chart(client):
    page_html = get_ok(client, "/ru/weekly/topics/economy/")
    (section,) = charts(page_html).values()
    rated = CommentaryPage.objects.live().filter(locale__language_code="ru", topic__slug="economy").exclude(trend="")
    assert sorted(href for href, _n, _t in marks(section)) == sorted(c.url for c in rated)
    assert 'href="/ru/trends/?topic=economy"' in page_html


def test_topic_page_of_a_topic_without_ratings(client):
    new_topic("en")
    page_html = get_ok(client, "/en/weekly/topics/security/")
    assert "trend-chart" not in page_html


def test_archive_is_grouped_by_year_latest_first(client):
    newest = add_issue("en", datetime.date(2022, 1, 3))
    page_html = get_ok(client, "/en/weekly/")
    years = re.findall(r'<h2 id="year-(\d{4})">', page_html)
    assert years == ["2022", "2021"]
    assert '<a href="#year-2021">' in page_html
    lists = "".join(re.findall(r'<ol class="issue-list">.*?</ol>', page_html, re.S))
    links = re.findall(r'<li><a href="([^"]+)">', lists)
    issues = WeeklyIssuePage.objects.live().filter(locale__language_code="en").order_by("-week_start")
    assert links == [issue.url for issue in issues]
    assert links[0] == newest.url
    assert "January 3 – January 9, 2022" in page_html


def test_archive_without_issues(client):
    WeeklyIssuePage.objects.filter(locale__language_code="be").update(live=False)
    assert '<ol class="issue-list">' not in get_ok(client, "/be/weekly/")


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_the_latest_issue_with_its_ratings(client, lang):
    latest = WeeklyIssuePage.objects.live().filter(locale__language_code=lang).order_by("-week_start").first()
    page_html = get_ok(client, f"/{lang}/")
    block = re.search(r'<section class="latest-issue".*?</ul>', page_html, re.S).group()
    with translation.override(lang):
        assert html.escape(latest.week_label) in block
    for commentary in CommentaryPage.objects.child_of(latest).live():
        assert f'href="{commentary.url}"' in block
        assert f"trend--{commentary.trend}" in block
        assert html.escape(commentary.title) in block


def test_sites_set_up_before_the_dashboard_get_it_after_migrate():
    from django.apps import apps as django_apps

    from samvydat.weekly.services import trend_dashboards_ensure

    TrendDashboardPage.objects.get(locale__language_code="be").delete()
    assert trend_dashboards_ensure(verbosity=0, apps=django_apps) == 1
    page = TrendDashboardPage.objects.live().get(locale__language_code="be")
    assert page.show_in_menus and page.translation_key == translation_key_for("index", "trends")
    assert trend_dashboards_ensure(verbosity=0) == 0  # idempotent


def test_post_migrate_without_the_dashboard_model_does_nothing():
    from samvydat.weekly.services import trend_dashboards_ensure

    class StateWithoutDashboard:
        def get_model(self, app_label, model_name):
            raise LookupError(model_name)

    TrendDashboardPage.objects.get(locale__language_code="be").delete()
    assert trend_dashboards_ensure(verbosity=0, apps=StateWithoutDashboard()) == 0
    assert not TrendDashboardPage.objects.filter(locale__language_code="be").exists()
