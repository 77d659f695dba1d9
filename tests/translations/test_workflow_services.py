"""The draft translation of a page or snippet: where it goes, what it contains, who may create it."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.models import Locale, Page

from samvydat.core.services import section_index, site_skeleton_ensure
from samvydat.news.models import NewsPage
from samvydat.translations.services import (
    TranslationError,
    TranslationExistsError,
    snippet_translation_create,
    translation_draft_create,
)
from samvydat.weekly.models import CommentaryPage, Topic, WeeklyIssuePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def english_commentary():
    """An English commentary in a week of its own, published; nothing of it exists in be or ru."""
    homes = site_skeleton_ensure()
    issue = WeeklyIssuePage(
        title="Situation in Belarus",
        slug="2030-03-04",
        week_start=datetime.date(2030, 3, 4),
        week_end=datetime.date(2030, 3, 10),
        locale=homes["en"].locale,
    )
    section_index(homes["en"], "weekly").add_child(instance=issue)
    issue.save_revision().publish()
    commentary = CommentaryPage(
        title="Prices rise again", slug="prices-rise-again", date=datetime.date(2030, 3, 5), locale=issue.locale
    )
    commentary.topic = Topic.objects.filter(locale=issue.locale).first()
    issue.add_child(instance=commentary)
    commentary.save_revision().publish()
    return commentary


@pytest.fixture
def be_translator(django_user_model):
    user = django_user_model.objects.create_user("be-translator", password="a-long-password-123")
    user.groups.add(Group.objects.get(name="Translators (be)"))
    return user


def test_the_draft_and_its_missing_weekly_issue_are_created_never_live(english_commentary, locales, be_translator):
    draft = translation_draft_create(source=english_commentary, locale=locales["be"], user=be_translator)

    assert isinstance(draft, CommentaryPage)
    assert draft.locale == locales["be"] and draft.translation_key == english_commentary.translation_key
    assert not draft.live and draft.first_published_at is None and draft.alias_of_id is None
    assert draft.title == english_commentary.title and draft.slug == english_commentary.slug
    issue = draft.get_parent().specific
    assert isinstance(issue, WeeklyIssuePage)
    assert issue.translation_key == english_commentary.get_parent().translation_key
    assert issue.locale == locales["be"] and not issue.live and issue.alias_of_id is None
    assert issue.title == "Сітуацыя ў Беларусі"  # not the English name of the service on a Belarusian page
    assert issue.get_parent().specific == section_index(site_skeleton_ensure()["be"], "weekly")
    assert not Page.objects.filter(translation_key=english_commentary.translation_key, locale=locales["ru"]).exists()
    assert draft.latest_revision.user == be_translator


def test_a_second_translation_reuses_the_draft_issue(english_commentary, locales):
    first = translation_draft_create(source=english_commentary, locale=locales["be"], user=None)
    sibling = CommentaryPage(title="Second", slug="second", date=datetime.date(2030, 3, 6), locale=locales["en"])
    sibling.topic = english_commentary.topic
    english_commentary.get_parent().add_child(instance=sibling)

    second = translation_draft_create(source=sibling, locale=locales["be"], user=None)

    assert second.get_parent().pk == first.get_parent().pk


def test_existing_translation_and_same_locale_are_refused(english_commentary, locales):
    draft = translation_draft_create(source=english_commentary, locale=locales["be"], user=None)
    with pytest.raises(TranslationExistsError) as error:
        translation_draft_create(source=english_commentary, locale=locales["be"], user=None)
    assert error.value.translation.pk == draft.pk
    with pytest.raises(TranslationError):
        translation_draft_create(source=english_commentary, locale=locales["en"], user=None)


def test_translators_of_another_language_and_authors_may_not_translate(
    english_commentary, locales, be_translator, django_user_model
):
    with pytest.raises(PermissionDenied):
        translation_draft_create(source=english_commentary, locale=locales["ru"], user=be_translator)
    author = django_user_model.objects.create_user("author", password="a-long-password-123")
    author.groups.add(Group.objects.get(name="Authors"))
    with pytest.raises(PermissionDenied):
        translation_draft_create(source=english_commentary, locale=locales["be"], user=author)
    assert english_commentary.get_translations().count() == 0


def test_a_never_published_source_is_translated_from_its_latest_draft(locales):
    source = NewsPage.objects.filter(locale=locales["en"], live=True).first()
    en_only = NewsPage(
        title="Only a draft", slug="only-a-draft", date=datetime.date(2030, 1, 1), locale=locales["en"], live=False
    )
    source.get_parent().add_child(instance=en_only)
    en_only.title = "Only a draft, revised"
    en_only.save_revision()

    draft = translation_draft_create(source=NewsPage.objects.get(pk=en_only.pk), locale=locales["ru"], user=None)

    assert draft.title == "Only a draft, revised" and not draft.live


def test_snippet_translation_is_a_copy_in_the_locale(locales, be_translator):
    topic = Topic(name="Energy", slug="energy", locale=locales["en"])
    topic.save()
    translated = snippet_translation_create(source=topic, locale=locales["be"], user=be_translator)
    assert translated.pk != topic.pk and translated.locale == locales["be"]
    assert translated.translation_key == topic.translation_key and translated.name == "Energy"
    with pytest.raises(TranslationExistsError):
        snippet_translation_create(source=topic, locale=locales["be"], user=be_translator)


def test_slug_follows_the_translated_title_until_published(english_commentary, locales):
    from samvydat.core.slugs import translation_slug_proposal

    draft = translation_draft_create(source=english_commentary, locale=locales["be"], user=None)
    propose = translation_slug_proposal
    assert propose(page=draft, title=english_commentary.title, slug=draft.slug) is None  # title not translated yet
    assert propose(page=draft, title="Цэны зноў растуць", slug=draft.slug) == "ceny-znou-rastuc"
    assert propose(page=draft, title="Цэны зноў растуць", slug="my-own-slug") is None  # the translator chose one

    draft.title, draft.slug = "Цэны зноў растуць", "ceny-znou-rastuc"
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert propose(page=draft, title="Цэны растуць", slug=draft.slug) is None  # published: the address stays
