"""Three languages that never leak, in a real browser: an English commentary published by an editor appears in no
other language; a Belarusian translator translates it with the English text beside the form, publishes it, and only
then does it appear in Belarusian, at its own address, linked both ways by the language switcher and hreflang."""

import json
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from samvydat.core.slugs import slug_in_language

from . import two_factor
from .conftest import _SITE_ENV, REPO_ROOT, _new_visit

pytestmark = pytest.mark.browser

TRANSLATOR = "browser-translator-be"
TRANSLATOR_PASSWORD = "a-long-translator-password-456"
ENGLISH_TITLE = "Grain exports fall for a third week"
BELARUSIAN_TITLE = "Экспарт збожжа падае трэці тыдзень"
BELARUSIAN_BODY = "Экспарт збожжа скараціўся ўжо трэці тыдзень запар."
PERSON = "Hanna Browserova"
PERSON_ROLE = "Grain market economist"

MAKE_DRAFT = f"""
import datetime, json
from django.contrib.auth.models import Group, User
from samvydat.core.services import section_index, site_skeleton_ensure
from samvydat.people.models import Person
from samvydat.weekly.models import CommentaryPage, Topic, WeeklyIssuePage
homes = site_skeleton_ensure()
en = homes["en"].locale
issue = WeeklyIssuePage(title="Situation in Belarus", slug="2033-02-07", week_start=datetime.date(2033, 2, 7),
                        week_end=datetime.date(2033, 2, 13), locale=en)
section_index(homes["en"], "weekly").add_child(instance=issue)
issue.save_revision().publish()
page = CommentaryPage(title={ENGLISH_TITLE!r}, slug="grain-exports-fall", date=datetime.date(2033, 2, 8), locale=en,
                      summary="Exports <b>fell</b> again.", live=False,
                      body=[{{"type": "paragraph", "value": "<p>Grain exports fell for the third week running.</p>"}}])
page.topic = Topic.objects.filter(locale=en).first()
issue.add_child(instance=page)
page.save_revision()
Person.objects.create(name={PERSON!r}, slug="hanna-browserova", role={PERSON_ROLE!r}, locale=en)
user = User.objects.create_user({TRANSLATOR!r}, password={TRANSLATOR_PASSWORD!r})
user.groups.add(Group.objects.get(name="Translators (be)"))
print(json.dumps({{"page": page.pk, "issue": issue.pk}}))
"""


@pytest.fixture(scope="module")
def english_draft(site_url) -> dict:
    """An unpublished English commentary in a week of its own, and a Belarusian translator (once per module)."""
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "manage.py"), "shell", "-c", MAKE_DRAFT],
        cwd=REPO_ROOT,
        env=_SITE_ENV,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def _translator_factor() -> two_factor.SecondFactor:
    """The translator's authenticator, kept across the module's sign-ins (enrolled on the first)."""
    return two_factor.SecondFactor()


@pytest.fixture
def translator_visit(browser, site_url, _translator_factor):
    """A Belarusian translator signed in through the login form, enrolling an authenticator on first sign-in."""
    current = _new_visit(browser, site_url, viewport={"width": 1366, "height": 900})
    current.page.goto(f"{site_url}/admin/login/")
    current.page.fill("input[name=username]", TRANSLATOR)
    current.page.fill("input[name=password]", TRANSLATOR_PASSWORD)
    current.page.click("button[type=submit], input[type=submit]")
    two_factor.pass_second_factor(current.page, _translator_factor)
    yield current
    current.context.close()


def _publish(page) -> None:
    """The editor's footer: "Publish" is the main button or in the "More actions" menu beside it."""
    publish = page.locator('button[name="action-publish"]')
    if not publish.is_visible():
        page.locator("footer").get_by_role("button", name="More actions").click()
    with page.expect_navigation():
        publish.click()


def _alternates(page) -> dict[str, str]:
    links = page.locator('head link[rel="alternate"][hreflang]')
    return {links.nth(i).get_attribute("hreflang"): links.nth(i).get_attribute("href") for i in range(links.count())}


def _fetched(page, site_url: str, path: str) -> str:
    """The body of ``path`` fetched by the browser context (feeds and the sitemap are not HTML pages to render)."""
    response = page.request.get(site_url + path)
    assert response.status == 200, (path, response.status)
    return response.text()


def _language_lists(code: str, words: str) -> list[str]:
    """The reader-facing lists of a language: home, weekly archive, feeds and search."""
    feeds = [f"/{code}/feeds/{name}.{fmt}" for name in ("all", "weekly") for fmt in ("rss", "atom", "json")]
    return [f"/{code}/", f"/{code}/weekly/", *feeds, f"/{code}/search/?q={words.replace(' ', '+')}"]


def _sitemap_addresses(page, site_url: str, code: str) -> str:
    return " ".join(re.findall(rf"<loc>[^<]*/{code}/[^<]*</loc>", _fetched(page, site_url, "/sitemap.xml")))


def test_a_translation_appears_only_once_published_in_its_language(
    browser, editor_visit, english_draft, visit, translator_visit, site_url
):
    # The editor publishes the English commentary.
    editor = editor_visit.page
    editor.goto(f"{site_url}/admin/pages/{english_draft['page']}/edit/")
    _publish(editor)
    assert "published" in editor.locator(".messages").inner_text().lower()
    english_path = "/en/weekly/2033-02-07/grain-exports-fall/"

    # Readers: it is in English only.
    visit.goto(english_path)
    assert ENGLISH_TITLE in visit.page.content()
    assert set(_alternates(visit.page)) == {"en"}
    missing = _new_visit(browser, site_url)  # its expected 404s stay out of ``visit``'s clean record
    for path in ("/be/weekly/2033-02-07/grain-exports-fall/", "/ru/weekly/2033-02-07/grain-exports-fall/"):
        assert missing.page.goto(site_url + path).status == 404
    missing.context.close()
    for home in ("/be/", "/ru/"):
        visit.goto(home)
        assert ENGLISH_TITLE not in visit.page.content()
    assert ENGLISH_TITLE in _fetched(visit.page, site_url, "/en/feeds/weekly.json")  # the checks below can fail
    assert english_path in _fetched(visit.page, site_url, "/sitemap.xml")
    for code in ("be", "ru"):
        for path in _language_lists(code, "Grain exports"):
            text = _fetched(visit.page, site_url, path)
            assert ENGLISH_TITLE not in text and "grain-exports-fall" not in text, path
        assert "grain-exports-fall" not in _sitemap_addresses(visit.page, site_url, code)

    # The translator starts from the report's missing rows: only "Translate into Belarusian" is offered.
    page = translator_visit.page
    page.goto(f"{site_url}/admin/translations/status/?status=missing&language=be")
    row = page.locator("tr", has_text=ENGLISH_TITLE)
    assert row.get_by_role("button", name="Translate into Russian").count() == 0
    with page.expect_navigation():
        row.get_by_role("button", name="Translate into Belarusian").click()
    assert f"/pages/{english_draft['page']}/" not in page.url  # the Belarusian draft, not the original

    # The English text beside the form, escaped, read-only.
    source = page.locator("[data-translation-source]")
    assert source.is_visible()
    assert "Original: English" in source.inner_text()
    assert (
        ENGLISH_TITLE in source.inner_text() and "Grain exports fell for the third week running." in source.inner_text()
    )
    assert "Exports <b>fell</b> again." in source.inner_text()  # shown as text, not markup
    form_box, source_box = page.locator("#page-edit-form").bounding_box(), source.bounding_box()
    assert source_box["x"] >= form_box["x"] + form_box["width"] - 1  # beside the form at 1366 px, not below it
    translator_visit.screenshot("admin-translate-source-panel-1366")

    page.fill("input[name=title]", BELARUSIAN_TITLE)
    page.fill("textarea[name=summary]", "Экспарт зноў упаў.")
    body = page.locator(
        "[data-contentpath='body'] .public-DraftEditor-content, #panel-child-content-body-content .public-DraftEditor-content"
    ).first
    body.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(BELARUSIAN_BODY)
    # Draftail writes its hidden input a moment after typing stops: wait for it, not for a fixed time.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("скараціўся"))
    _publish(page)
    assert "published" in page.locator(".messages").inner_text().lower()
    assert not translator_visit.recorder.bad_statuses, translator_visit.recorder.bad_statuses

    # Readers: in Belarusian, at its own transliterated address; the switcher and hreflang link both ways.
    belarusian_path = f"/be/weekly/2033-02-07/{slug_in_language(BELARUSIAN_TITLE, 'be')}/"
    visit.assert_clean()
    visit = _new_visit(browser, site_url)  # a new reader: the first one's browser may keep the pages it saw
    visit.goto(english_path)
    assert visit.page.locator('.language-switcher a[hreflang="be"]').get_attribute("href") == belarusian_path
    assert _alternates(visit.page)["be"].endswith(belarusian_path)
    assert "ru" not in _alternates(visit.page)
    visit.goto(belarusian_path)
    content = visit.page.content()
    assert BELARUSIAN_TITLE in visit.page.locator("h1").inner_text(), visit.page.locator("h1").inner_text()
    main = visit.page.locator("main").inner_text()
    assert BELARUSIAN_BODY in main and "Grain exports fell" not in content, main
    assert "situation in belarus" not in main.casefold(), main  # the drafted week is titled in Belarusian too
    assert _alternates(visit.page)["en"].endswith(english_path)
    assert visit.page.locator('.language-switcher a[hreflang="en"]').get_attribute("href") == english_path
    # …in the Belarusian feeds, sitemap and search (its week is still a draft: not in the weekly archive), and
    # still in no Russian list.
    assert BELARUSIAN_TITLE in _fetched(visit.page, site_url, "/be/feeds/weekly.json")
    assert f'href="{belarusian_path}"' in _fetched(visit.page, site_url, "/be/search/?q=Экспарт+збожжа")
    assert belarusian_path in _sitemap_addresses(visit.page, site_url, "be")
    for path in _language_lists("ru", "Экспарт збожжа"):
        text = _fetched(visit.page, site_url, path)
        assert BELARUSIAN_TITLE not in text and ENGLISH_TITLE not in text and belarusian_path not in text, path
    visit.assert_clean()
    visit.context.close()

    # The editor corrects the English original; the translator's report lists the Belarusian page as outdated,
    # with the English text's change marked word by word.
    editor.goto(f"{site_url}/admin/pages/{english_draft['page']}/edit/")
    editor.fill("textarea[name=summary]", "Exports fell sharply again.")
    _publish(editor)
    page.goto(f"{site_url}/admin/translations/status/?status=outdated&language=be")
    row = page.locator("tr", has_text=BELARUSIAN_TITLE)
    with page.expect_navigation():
        row.get_by_role("link", name="See what changed").click()
    assert page.locator("ins", has_text="sharply").count() >= 1
    assert "The English original changed on" in page.locator("main, body").first.inner_text()
    assert not translator_visit.recorder.bad_statuses, translator_visit.recorder.bad_statuses


def test_the_header_menu_action_posts_and_opens_the_draft(editor_visit, english_draft, site_url):
    """The header's "Translate into Russian" is a link that POSTs with the CSRF token (Wagtail's w-action)."""
    page = editor_visit.page
    page.goto(f"{site_url}/admin/pages/{english_draft['page']}/edit/")
    page.get_by_role("button", name="Actions").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Translate into Russian").click()
    assert "/admin/pages/" in page.url and f"/pages/{english_draft['page']}/" not in page.url
    assert "Draft translation into Russian created" in page.locator(".messages").inner_text()
    assert "Original: English" in page.locator("[data-translation-source]").inner_text()
    recorder = editor_visit.recorder  # the admin has its session cookie; no errors, no other hosts
    assert not (recorder.page_errors or recorder.console_errors or recorder.bad_statuses or recorder.foreign_requests)


def test_a_translator_translates_a_person_with_the_english_values_beside_the_form(
    translator_visit, english_draft, site_url
):
    """The person listing's row menu: "Translate into Belarusian" opens the Belarusian copy's form, the English
    values beside it; only Belarusian is offered to a Belarusian translator."""
    page = translator_visit.page
    page.goto(f"{site_url}/admin/snippets/people/person/?q=Browserova")
    row = page.locator("tr", has_text=PERSON)
    row.get_by_role("button", name="More options").click()
    assert row.get_by_text("Translate into Russian").count() == 0
    with page.expect_navigation():
        row.get_by_text("Translate into Belarusian").click()
    assert "/edit/" in page.url
    source = page.locator("[data-translation-source]")
    assert "Original: English" in source.inner_text()
    assert PERSON in source.inner_text() and PERSON_ROLE in source.inner_text()
    assert source.get_by_role("link", name="Open the original").count() == 0  # not theirs to edit
    form_box, source_box = page.locator("#w-editor-form").bounding_box(), source.bounding_box()
    assert source_box["x"] >= form_box["x"] + form_box["width"] - 1  # beside the form at 1366 px
    translator_visit.screenshot("admin-translate-snippet-source-panel-1366")

    page.fill("input[name=name]", "Ганна Браўзерава")
    page.fill("input[name=role]", "Эканамістка рынку збожжа")
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()
    assert "Ганна Браўзерава" in page.locator(".messages").inner_text()
    assert not translator_visit.recorder.bad_statuses, translator_visit.recorder.bad_statuses
