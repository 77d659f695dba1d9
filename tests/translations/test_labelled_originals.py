"""Labelled originals: an editor shows an English page in the Belarusian listings, feeds and search, marked as
English (``lang="en"``, "In English"), linking to the English address; an unlabelled page stays absent."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale

from samvydat.news.models import NewsIndexPage, NewsPage
from samvydat.search.selectors import search
from samvydat.translations.labelled import labelled_original_show
from samvydat.translations.models import ShownInLanguage
from samvydat.translations.services import translation_draft_create

pytestmark = pytest.mark.django_db

TITLE = "Quokkanary visits the ministry"


def _locale(code):
    return Locale.objects.get(language_code=code)


@pytest.fixture
def original(django_capture_on_commit_callbacks):
    index = NewsIndexPage.objects.get(locale__language_code="en")
    news = NewsPage(title=TITLE, slug="quokkanary", summary="Quokkanary lead.", locale=_locale("en"))
    index.add_child(instance=news)
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    return NewsPage.objects.get(pk=news.pk)


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _teaser(html: str) -> str:
    found = [t for t in html.split('<article class="teaser') if TITLE in t]
    assert found, "the original is not listed"
    return found[0]


def _feed_item(client, code):
    feed = json.loads(_html(client, f"/{code}/feeds/news.json"))
    return next((item for item in feed["items"] if item["title"] == TITLE), None)


def test_unlabelled_the_original_is_absent(client, original):
    be_index = NewsIndexPage.objects.get(locale__language_code="be").url
    assert TITLE not in _html(client, be_index) and TITLE not in _html(client, "/be/")
    assert _feed_item(client, "be") is None


def test_a_labelled_original_is_listed_as_english(client, original, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        labelled_original_show(page=original, locale=_locale("be"), user=None)
    for url in (NewsIndexPage.objects.get(locale__language_code="be").url, "/be/"):
        teaser = _teaser(_html(client, url))
        with translation.override("be"):
            label = gettext("In English")  # the label in the listing's language
        assert "teaser--other-language" in teaser and f'<p class="teaser__language">{label}</p>' in teaser, url
        assert re.search(
            r'<h[23] class="teaser__title" lang="en"><a href="/en/news/quokkanary/" hreflang="en">', teaser
        )
        assert 'class="teaser__summary" lang="en"' in teaser
    item = _feed_item(client, "be")
    assert item is not None and item["language"] == "en" and item["url"].endswith("/en/news/quokkanary/")
    rss = _html(client, "/be/feeds/news.rss")
    assert re.search(r"<title>" + TITLE + r"</title>.*?<dc:language>en</dc:language>", rss, re.S)
    assert original.pk in {d.page_id for d in search(query="Quokkanary", language="be").documents}
    # Russian was not chosen: still absent there.
    assert _feed_item(client, "ru") is None
    assert TITLE not in _html(client, NewsIndexPage.objects.get(locale__language_code="ru").url)
    assert not search(query="Quokkanary", language="ru").documents
    # Belarusian's own items in the same listing carry no label.
    listing = _html(client, NewsIndexPage.objects.get(locale__language_code="be").url)
    assert listing.count("teaser--other-language") == 1


def test_a_published_translation_takes_the_originals_place(client, original):
    labelled_original_show(page=original, locale=_locale("be"), user=None)
    draft = translation_draft_create(source=original, locale=_locale("be"), user=None)
    draft.title, draft.slug = "Квакканары наведаў міністэрства", "kvakkanary"
    draft.save_revision().publish()
    assert not ShownInLanguage.objects.filter(page=original).exists()
    listing = _html(client, NewsIndexPage.objects.get(locale__language_code="be").url)
    assert "Квакканары" in listing and TITLE not in listing
    assert _feed_item(client, "be") is None


def test_only_editors_label_originals_in_the_admin(client, log_in_editor, django_user_model, original):
    url = f"/admin/translations/labelled/{original.pk}/be/"
    translator = django_user_model.objects.create_user("tbe", password="x")
    translator.groups.add(Group.objects.get(name="Translators (be)"))
    log_in_editor(client, translator)
    assert client.post(url).status_code in (302, 403)  # Wagtail turns a refusal into a redirect with a message
    assert not ShownInLanguage.objects.exists()

    editor = django_user_model.objects.create_user("ed", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    log_in_editor(client, editor)
    edit = client.get(f"/admin/pages/{original.pk}/edit/")
    assert url.encode() in edit.content  # the header button
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert ShownInLanguage.objects.filter(page=original, locale__language_code="be").exists()
    assert client.post(url).status_code == 302  # the same address stops it again
    assert not ShownInLanguage.objects.exists()
    # A language it is already in is refused with a message, never a 500.
    assert client.post(f"/admin/translations/labelled/{original.pk}/en/").status_code == 302
    assert not ShownInLanguage.objects.exists()


def test_the_mirror_renders_the_listings_again(
    original, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    from samvydat.mirror import tasks

    settings.MIRROR_ROOT = str(tmp_path)
    queued = []

    class Recorder:  # django-tasks' Task is frozen: stand in for it
        def enqueue(self, addresses, listings=()):
            queued.append((addresses, listings))

    monkeypatch.setattr(tasks, "mirror_addresses_task", Recorder())
    with django_capture_on_commit_callbacks(execute=True):
        labelled_original_show(page=original, locale=_locale("be"), user=None)
    ((addresses, listings),) = queued
    be_index = NewsIndexPage.objects.get(locale__language_code="be").url
    assert "/be/" in addresses and "/be/feeds/news.json" in addresses and "/be/feeds/all.rss" in addresses
    assert be_index in listings
    assert not [a for a in [*addresses, *listings] if a.startswith("/ru/")]
