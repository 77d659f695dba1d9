"""Searching in a real browser: with JavaScript (suggestions, keyboard) and without (the plain form)."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_search_without_javascript_finds_a_name_in_another_script(visit_without_js):
    visit_without_js.goto("/en/")
    box = visit_without_js.page.get_by_role("search").first.locator("input[name=q]")
    box.fill("Лукашенко")
    box.press("Enter")
    visit_without_js.page.wait_for_url(re.compile(r"/en/search/\?q="))
    titles = visit_without_js.page.locator(".search-hit__title a")
    assert titles.count() > 0
    assert visit_without_js.page.locator(".search-hit mark").count() > 0
    visit_without_js.page.locator(".search-facets a").first.click()  # a facet narrows the results
    assert "search-hit" in visit_without_js.page.content()
    visit_without_js.screenshot("search-no-js")
    visit_without_js.assert_clean()


def test_suggestions_with_the_keyboard(visit):
    visit.goto("/be/")
    box = visit.page.locator("#site-search-q")
    box.click()
    box.press_sequentially("Ціхан", delay=20)
    options = visit.page.get_by_role("option")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert any("Ціханоўск" in text for text in options.all_inner_texts())
    visit.screenshot("search-suggestions")
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant")
    box.press("Enter")
    visit.page.wait_for_load_state()
    assert visit.path() != "/be/"
    visit.assert_clean()


def test_the_search_page_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        response = page.goto(f"{site_url}/ru/search/?q=санкции")
        assert response.status == 200
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width}px"
        page.screenshot(path=str(_shots() / "search-phone.png"), full_page=True)
    finally:
        context.close()


def _shots():
    from tests.browser.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
