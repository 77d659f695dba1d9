"""People who are written about: pages that name a person by any spelling are suggested, editors confirm, and the
person's page and feed in every language then list them — never before, never a restricted page."""

import feedparser
import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import Page, PageViewRestriction

from samvydat.people.mentions import people_mentioned, spellings_of, text_keys
from samvydat.people.models import Mention, MentionState, Person
from samvydat.people.services import mention_permission_ensure, mentions_suggest
from samvydat.search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def lukashenka():
    return Person.objects.get(locale__language_code="en", slug="lukashenka")


def _about(person, *, state=MentionState.SUGGESTED):
    return Mention.objects.filter(person_key=person.translation_key, state=state)


def _named_page(person, spelling_texts, language):
    """A public page of ``language`` whose indexed text contains one of the spellings (found independently)."""
    for document in SearchDocument.objects.filter(public=True, language=language).exclude(kind="issue"):
        text = f"{document.title} {document.summary} {document.text}"
        if any(spelling in text for spelling in spelling_texts):
            return document
    raise AssertionError(f"the demo has no {language} page naming {person}")


def test_every_spelling_in_any_script_is_suggested_and_nothing_is_listed_yet(client, lukashenka):
    counts = mentions_suggest()
    suggested = set(_about(lukashenka).values_list("page_key", flat=True))
    assert counts["suggested"] >= len(suggested) >= 10
    for language, spellings in (("en", ["Lukashenko", "Lukashenka"]), ("be", ["Лукашэнка", "Лукашэнкі"])):
        document = _named_page(lukashenka, spellings, language)
        assert Page.objects.get(pk=document.page_id).translation_key in suggested
    html = client.get("/en/people/lukashenka/").content.decode()
    assert "Written about" not in html  # suggestions wait for an editor


def test_confirmed_pages_are_on_the_persons_page_and_feed_in_every_language(client, lukashenka):
    mentions_suggest()
    mention = _about(lukashenka).select_related("page").first()
    Mention.objects.filter(pk=mention.pk).update(state=MentionState.CONFIRMED)
    for language in ("en", "be", "ru"):
        try:
            page = mention.page.get_translation(mention.page.locale.__class__.objects.get(language_code=language))
        except Page.DoesNotExist:
            continue
        if not page.live:
            continue
        html = client.get(f"/{language}/people/lukashenka/").content.decode()
        assert 'id="written-about-title"' in html and page.url in html, language
        feed = feedparser.parse(client.get(f"/{language}/feeds/people/lukashenka.atom").content)
        assert page.title in [entry.title for entry in feed.entries], language


def test_an_editors_decision_stands_and_a_suggestion_whose_name_is_gone_is_withdrawn(lukashenka):
    mentions_suggest()
    rejected, withdrawn = _about(lukashenka).order_by("pk")[:2]
    Mention.objects.filter(pk=rejected.pk).update(state=MentionState.REJECTED)
    SearchDocument.objects.filter(page_id=withdrawn.page_id).update(title="-", summary="-", text="nothing here")
    counts = mentions_suggest(page_ids=[rejected.page_id, withdrawn.page_id])
    assert Mention.objects.get(pk=rejected.pk).state == MentionState.REJECTED
    assert not Mention.objects.filter(pk=withdrawn.pk).exists() and counts["withdrawn"] >= 1


def test_a_restricted_page_is_never_listed_even_when_confirmed(client, lukashenka):
    mentions_suggest()
    mention = _about(lukashenka).select_related("page").filter(page__locale__language_code="en").first()
    Mention.objects.filter(pk=mention.pk).update(state=MentionState.CONFIRMED)
    page = mention.page
    assert page.url in client.get("/en/people/lukashenka/").content.decode()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/en/people/lukashenka/").content.decode()
    assert page.url not in html and page.title not in html
    feed = feedparser.parse(client.get("/en/feeds/people/lukashenka.atom").content)
    assert page.title not in [entry.title for entry in feed.entries]


def test_short_one_word_spellings_and_partial_names_suggest_nothing():
    spellings = spellings_of([("p1", "Maria Kalesnikava", "Maria\nКалеснікава"), ("p2", "Ян Іваноў", "")])
    assert people_mentioned(text_keys("Maria went home", language="en"), spellings) == {}
    assert people_mentioned(text_keys("Іван прыйшоў", language="be"), spellings) == {}
    found = people_mentioned(text_keys("Марыя Калеснікавай сустрэлася з Іванам", language="be"), spellings)
    assert set(found) == {"p1"}
    assert people_mentioned(text_keys("Mr Ivanou and Jan met", language="en"), spellings) == {"p2": "Ян Іваноў"}


@pytest.fixture
def be_translator(client, log_in_editor, django_user_model):
    user = django_user_model.objects.create_user("mentions-tbe", password="x")
    user.groups.add(Group.objects.get(name="Translators (be)"))
    return log_in_editor(client, user)


@pytest.fixture
def an_editor(client, log_in_editor, django_user_model):
    user = django_user_model.objects.create_user("mentions-editor", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return log_in_editor(client, user)


def test_a_translator_can_neither_see_nor_decide(be_translator, lukashenka):
    mentions_suggest()
    mention = _about(lukashenka).first()
    refused = be_translator.get("/admin/people-written-about/")  # Wagtail sends a refused editor to the dashboard
    assert (refused.status_code, refused.get("Location")) in ((403, None), (302, "/admin/"))
    response = be_translator.post(f"/admin/people-written-about/{mention.pk}/confirm/")
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert Mention.objects.get(pk=mention.pk).state == MentionState.SUGGESTED


def test_an_editor_confirms_from_the_report(an_editor, lukashenka):
    mentions_suggest()
    mention = _about(lukashenka).select_related("page").first()
    html = an_editor.get("/admin/people-written-about/").content.decode()
    assert f'data-mention="{mention.pk}"' in html and lukashenka.name in html
    assert "People written about" in an_editor.get("/admin/").content.decode()
    assert an_editor.get(f"/admin/people-written-about/{mention.pk}/confirm/").status_code == 405  # POST only
    response = an_editor.post(f"/admin/people-written-about/{mention.pk}/confirm/", {"next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/people-written-about/"
    assert Mention.objects.get(pk=mention.pk).state == MentionState.CONFIRMED


def test_editors_of_an_existing_site_get_the_permission_after_migrate():
    permission = Permission.objects.get(codename="confirm_mention")
    editors = Group.objects.get(name="Editors")
    editors.permissions.remove(permission)
    assert mention_permission_ensure() >= 1
    assert editors.permissions.filter(pk=permission.pk).exists()
    assert not Group.objects.get(name="Translators (be)").permissions.filter(pk=permission.pk).exists()
