"""The public pages in a real browser: they render in every language, switch language, work without
JavaScript, and leak nothing — no request to another host, no cookie, no console or page error."""

import re
from urllib.parse import urlsplit

import pytest

from .conftest import LANGUAGES

pytestmark = pytest.mark.browser

ISSUE = "/{lang}/weekly/2021-02-08/"
PAGES = {
    "home": "/{lang}/",
    "weekly-issue": ISSUE,
    "commentary": None,  # found through its link on the issue page
    "discussion": "/{lang}/discussions/expert-environment-3/",
    "plan": "/{lang}/plans/plan-foreign-policy/",
}
VIDEO_PAGE = "/en/news/sanctions-explainer-video/"
VIDEO_HOSTS = re.compile(r"(^|\.)(youtube(-nocookie)?\.com|ytimg\.com|googlevideo\.com|youtu\.be)$")


def open_page(visit, kind: str, lang: str) -> str:
    """Open a page of ``kind`` in ``lang``; returns its path."""
    if kind == "commentary":
        issue = ISSUE.format(lang=lang)
        visit.goto(issue)
        link = visit.page.locator("main .teaser--commentary .teaser__title a").first
        href = link.get_attribute("href")
        assert href and href.startswith(issue), f"the issue's first commentary link is {href!r}"
        with visit.page.expect_navigation():
            link.click()
        assert visit.path() == href
        return href
    path = PAGES[kind].format(lang=lang)
    visit.goto(path)
    return path


def assert_page_in(visit, lang: str) -> str:
    """The page is in ``lang``: <html lang>, the switcher's current language; returns the heading."""
    page = visit.page
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator(".language-switcher [aria-current]").get_attribute("lang") == lang
    heading = page.locator("main h1")
    assert heading.count() == 1, "every page has exactly one <h1> in <main>"
    text = heading.inner_text().strip()
    assert text, "the <h1> is empty"
    return text


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_renders_cleanly(visit, kind, lang):
    path = open_page(visit, kind, lang)
    assert visit.path() == path
    assert_page_in(visit, lang)
    assert visit.page.title().strip()
    visit.screenshot(f"{kind}-{lang}")
    visit.assert_clean()


@pytest.mark.parametrize("kind", list(PAGES))
def test_language_switcher_leads_to_the_translation(visit, kind):
    """en → be → ru → en through the switcher's links, landing on the same page each time."""
    path = open_page(visit, kind, "en")
    current = "en"
    for target in ["be", "ru", "en"]:
        link = visit.page.locator(f'.language-switcher a[hreflang="{target}"]')
        assert link.count() == 1, f"no switcher link to {target} on {path}"
        with visit.page.expect_navigation():
            link.click()
        expected = re.sub(r"^/[a-z]{2}/", f"/{target}/", path)
        assert visit.path() == expected, f"switching {current} → {target} from {path} landed on {visit.path()}"
        assert_page_in(visit, target)
        # The translation, not the fallback to the home page: no "not translated" note, and the
        # switcher on the new page leads straight back to where we came from.
        assert visit.page.locator(".language-switcher__note").count() == 0
        assert visit.page.locator(f'.language-switcher a[hreflang="{current}"]').get_attribute("href") == path
        path, current = expected, target
    visit.assert_clean()


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_works_without_javascript(visit_without_js, kind):
    for lang in LANGUAGES:
        open_page(visit_without_js, kind, lang)
        assert_page_in(visit_without_js, lang)
        assert visit_without_js.page.locator("main").is_visible()
    visit_without_js.assert_clean()


def test_video_placeholder_loads_nothing_until_play(visit):
    """The placeholder shows a Play button but requests nothing from the video host (we never click it)."""
    visit.goto(VIDEO_PAGE)
    visit.page.wait_for_load_state("networkidle")
    figure = visit.page.locator("figure.video")
    assert figure.count() == 1
    assert "youtube" in (figure.get_attribute("data-embed-url") or "")
    assert figure.locator(".video__load").is_visible(), "the script should reveal the Play button"
    assert figure.locator("iframe").count() == 0
    assert visit.page.locator("iframe").count() == 0
    to_video_host = [url for url in visit.recorder.requests if VIDEO_HOSTS.search(urlsplit(url).hostname or "")]
    assert not to_video_host, f"requests to the video host before Play: {to_video_host}"
    visit.screenshot("video-placeholder-en")
    visit.assert_clean()


def test_video_placeholder_without_javascript(visit_without_js):
    """Without JavaScript the Play button stays hidden and the link to the video host remains."""
    visit_without_js.goto(VIDEO_PAGE)
    figure = visit_without_js.page.locator("figure.video")
    assert not figure.locator(".video__load").is_visible()
    assert figure.locator('a[rel~="external"]').is_visible()
    assert visit_without_js.page.locator("iframe").count() == 0
    visit_without_js.assert_clean()


def test_an_editor_signs_in_to_the_admin(editor_visit):
    editor_visit.page.goto(editor_visit.site_url + "/admin/")
    assert editor_visit.page.locator("main, #main").first.is_visible()
    assert "/admin/login/" not in editor_visit.page.url
