"""The "Translate into …" actions in the admin and the original's text beside a translation's editor."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page

from samvydat.core.services import section_index, site_skeleton_ensure
from samvydat.people.models import Organisation, PeopleIndexPage, Person
from samvydat.translations.services import translation_draft_create
from samvydat.weekly.models import CommentaryPage, Topic, WeeklyIssuePage

pytestmark = pytest.mark.django_db


def _refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard (and a message), or 403."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def commentary(locales):
    """A published English commentary in a week of its own: no Belarusian or Russian version of either."""
    homes = site_skeleton_ensure()
    issue = WeeklyIssuePage(
        title="Situation in Belarus",
        slug="2031-05-05",
        week_start=datetime.date(2031, 5, 5),
        week_end=datetime.date(2031, 5, 11),
        locale=locales["en"],
    )
    section_index(homes["en"], "weekly").add_child(instance=issue)
    issue.save_revision().publish()
    page = CommentaryPage(
        title="Grain prices <b>rise</b>",
        slug="grain-prices-rise",
        date=datetime.date(2031, 5, 6),
        summary="The lead <script>alert('planted')</script> & more.",
        locale=locales["en"],
    )
    page.topic = Topic.objects.filter(locale=locales["en"]).first()
    page.body = [("paragraph", "<p>First <i>paragraph</i> of the body.</p>")]
    issue.add_child(instance=page)
    page.save_revision().publish()
    return CommentaryPage.objects.get(pk=page.pk)


def _not_found(response) -> bool:
    """A 404, or LocaleMiddleware's redirect of a 404 to the language-prefixed path (which 404s in turn)."""
    return response.status_code == 404 or (
        response.status_code == 302 and response["Location"].startswith("/en/admin/translations/translate/")
    )


def _translate_url(page, language):
    return reverse("translations_translate_page", args=[page.pk, language])


def _labels(response) -> str:
    return response.content.decode()


def test_an_editor_is_offered_every_missing_language_in_header_listing_and_status_panel(
    client, log_in_editor, make_user, commentary
):
    log_in_editor(client, make_user("ed", "Editors"))
    edit = _labels(client.get(reverse("wagtailadmin_pages:edit", args=[commentary.pk])))
    assert "Translate into Belarusian" in edit and "Translate into Russian" in edit
    assert "data-translation-offers" in edit  # the status panel, beside the locale
    # once in the header's menu, once in the status panel, each posting with the CSRF token (w-action)
    assert edit.count(f'data-w-action-url-value="{_translate_url(commentary, "be")}"') == 2
    assert "Translate into English" not in edit
    listing = _labels(client.get(reverse("wagtailadmin_explore", args=[commentary.get_parent().pk])))
    assert _translate_url(commentary, "ru") in listing
    # simple_translation's own "Translate" form is retired: one path only
    assert "/admin/translation/submit/" not in edit + listing
    assert client.get(f"/admin/translation/submit/page/{commentary.pk}/", follow=True).status_code == 404


def test_a_belarusian_translator_is_offered_only_belarusian_in_the_status_report(
    client, log_in_editor, make_user, commentary, locales
):
    """Translators cannot open the English tree; the report's missing rows are where they start."""
    log_in_editor(client, make_user("tbe", "Translators (be)"))
    report = _labels(client.get("/admin/translations/status/", {"status": "missing", "language": ""}))
    assert _translate_url(commentary, "be") in report
    assert _translate_url(commentary, "ru") not in report
    assert "Translate into Russian" not in report

    assert _refused(client.post(_translate_url(commentary, "ru")))
    assert not commentary.get_translations().filter(locale=locales["ru"]).exists()

    response = client.post(_translate_url(commentary, "be"))
    draft = commentary.get_translation(locales["be"])
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert not draft.live and draft.alias_of_id is None
    edit = _labels(client.get(response["Location"]))
    assert "data-translation-source" in edit and "Translate into Russian" not in edit


def test_a_russian_translator_cannot_create_belarusian(client, log_in_editor, make_user, commentary, locales):
    log_in_editor(client, make_user("tru", "Translators (ru)"))
    assert _refused(client.post(_translate_url(commentary, "be")))
    assert not Page.objects.filter(translation_key=commentary.translation_key, locale=locales["be"]).exists()


def test_get_and_forged_posts_without_the_csrf_token_are_refused(log_in_editor, make_user, commentary, locales):
    user = make_user("ed", "Editors")
    plain = log_in_editor(Client(), user)
    assert plain.get(_translate_url(commentary, "be")).status_code == 405
    forged = log_in_editor(Client(enforce_csrf_checks=True), user)
    assert forged.post(_translate_url(commentary, "be")).status_code == 403
    assert not commentary.get_translations().exists()
    assert _not_found(plain.post(_translate_url(commentary, "zz")))
    assert _not_found(plain.post(reverse("translations_translate_page", args=[987654, "be"])))
    assert not commentary.get_translations().exists()


def test_an_existing_translation_opens_in_its_editor_and_is_offered_as_edit(
    client, log_in_editor, make_user, commentary, locales
):
    draft = translation_draft_create(source=commentary, locale=locales["be"], user=None)
    log_in_editor(client, make_user("ed", "Editors"))
    response = client.post(_translate_url(commentary, "be"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert "already has a Belarusian version" in response.content.decode()
    assert Page.objects.filter(translation_key=commentary.translation_key, locale=locales["be"]).count() == 1
    edit = _labels(client.get(reverse("wagtailadmin_pages:edit", args=[commentary.pk])))
    assert "Edit the Belarusian translation" in edit and "Translate into Belarusian" not in edit
    assert "Translate into Russian" in edit


def test_the_translation_editor_shows_the_original_escaped(client, log_in_editor, make_user, commentary, locales):
    draft = translation_draft_create(source=commentary, locale=locales["be"], user=None)
    log_in_editor(client, make_user("ed", "Editors"))
    html = _labels(client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))
    assert "data-translation-source" in html and "Original: English" in html
    panel = html[html.index("data-translation-source") :]
    panel = panel[: panel.index("</aside>")]
    assert "Grain prices &lt;b&gt;rise&lt;/b&gt;" in panel  # a title is plain text: its "markup" is escaped
    assert "First paragraph of the body." in panel
    assert "&lt;script&gt;alert(&#x27;planted&#x27;)&lt;/script&gt;" in panel
    assert "<script>" not in panel and "<i>" not in panel
    assert reverse("wagtailadmin_pages:edit", args=[commentary.pk]) in panel
    # the original itself has no such panel
    original = _labels(client.get(reverse("wagtailadmin_pages:edit", args=[commentary.pk])))
    assert "data-translation-source" not in original


def test_the_panel_shows_the_original_as_published_not_its_newer_draft(
    client, log_in_editor, make_user, commentary, locales
):
    draft = translation_draft_create(source=commentary, locale=locales["ru"], user=None)
    unpublished = commentary.get_latest_revision_as_object()
    unpublished.summary = "An unpublished rewrite"
    unpublished.save_revision()
    log_in_editor(client, make_user("ed", "Editors"))
    html = _labels(client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))
    assert "The lead" in html and "An unpublished rewrite" not in html


def test_snippets_offer_their_missing_languages_and_translators_only_their_own(
    client, log_in_editor, make_user, locales, django_user_model
):
    person = Person.objects.create(name="Ales Test", slug="ales-test", locale=locales["en"])
    url_be = reverse("translations_translate_snippet", args=["people", "person", person.pk, "be"])
    url_ru = reverse("translations_translate_snippet", args=["people", "person", person.pk, "ru"])
    log_in_editor(client, make_user("tbe", "Translators (be)"))
    listing = _labels(client.get(reverse(Person.snippet_viewset.get_url_name("list"))))
    assert url_be in listing and url_ru not in listing
    assert _refused(client.post(url_ru))
    response = client.post(url_be)
    translated = person.get_translation(locales["be"])
    assert response["Location"] == reverse(Person.snippet_viewset.get_url_name("edit"), args=[translated.pk])
    response = client.post(url_be, follow=True)
    assert "already has a Belarusian version" in response.content.decode()
    assert Person.objects.filter(translation_key=person.translation_key).count() == 2

    log_in_editor(client, django_user_model.objects.create_superuser("chief", "chief@example.org", "x"))
    editor_html = _labels(client.get(reverse(Person.snippet_viewset.get_url_name("edit"), args=[person.pk])))
    assert url_ru in editor_html and "Edit the Belarusian translation" in editor_html  # the status panel


def _source_panel(html: str) -> str:
    assert "data-translation-source" in html, "no source panel"
    panel = html[html.index("data-translation-source") :]
    return panel[: panel.index("</aside>")]


def test_a_translated_snippet_shows_the_original_values_beside_its_form(client, log_in_editor, make_user, locales):
    person = Person.objects.create(
        name="Ales <b>Test</b>",
        slug="ales-test",
        role="Political analyst",
        description="Writes <script>alert('planted')</script> weekly.",
        locale=locales["en"],
    )
    translated = person.copy_for_translation(locales["be"])
    translated.name, translated.role = "Алесь Тэст", "Палітычны аналітык"
    translated.save()
    edit = Person.snippet_viewset.get_url_name("edit")

    log_in_editor(client, make_user("tbe", "Translators (be)"))
    panel = _source_panel(_labels(client.get(reverse(edit, args=[translated.pk]))))
    assert "Original: English" in panel and 'lang="en"' in panel
    assert "Ales &lt;b&gt;Test&lt;/b&gt;" in panel and "Political analyst" in panel
    assert "&lt;script&gt;alert(&#x27;planted&#x27;)&lt;/script&gt;" in panel and "<script>" not in panel
    assert "Палітычны аналітык" not in panel  # the original's values, not the translation's
    assert reverse(edit, args=[person.pk]) not in panel  # a Belarusian translator may not open the English form
    people = PeopleIndexPage.objects.get(locale=locales["en"])
    assert people.entity_url(person) in panel  # "View live": the English person page

    editor = log_in_editor(Client(), make_user("ed", "Editors"))
    response = editor.get(reverse(edit, args=[translated.pk]))
    assert response.status_code == 200
    assert reverse(edit, args=[person.pk]) in _source_panel(_labels(response))
    original = editor.get(reverse(edit, args=[person.pk]))
    assert original.status_code == 200 and "data-translation-source" not in _labels(original)
    # An editor (the Editors group, not a superuser) translates snippets into any language.
    into_russian = reverse("translations_translate_snippet", args=["people", "person", person.pk, "ru"])
    assert into_russian in _labels(editor.get(reverse(Person.snippet_viewset.get_url_name("list"))))
    assert editor.post(into_russian).status_code == 302 and person.get_translation_or_none(locales["ru"])


def test_a_translated_topic_and_organisation_show_their_original(client, log_in_editor, make_user, locales):
    log_in_editor(client, make_user("tru", "Translators (ru)"))
    for model in (Topic, Organisation):
        english = model.objects.filter(locale=locales["en"]).order_by("pk").first()
        russian = english.get_translation(locales["ru"])
        html = _labels(client.get(reverse(model.snippet_viewset.get_url_name("edit"), args=[russian.pk])))
        panel = _source_panel(html)
        assert f"<p>{english.name}</p>" in panel, model
        assert english.name != russian.name, model  # the demo translates them: the test can tell them apart


@pytest.mark.parametrize("alias", [False, True])
def test_copying_a_page_into_another_languages_tree_is_refused(client, log_in_editor, make_user, alias):
    """The attack on isolation through Wagtail's "Copy": an English page copied (or aliased), published, under the
    Belarusian news would be an English page on the Belarusian site. The form refuses it; a copy within English
    still works."""
    from samvydat.news.models import NewsIndexPage, NewsPage

    news = NewsPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    log_in_editor(client, make_user("ed", "Editors"))
    url = reverse("wagtailadmin_pages:copy", args=[news.pk])
    form = {"new_title": news.title, "publish_copies": "on", **({"alias": "on"} if alias else {})}
    before = Page.objects.count()
    be_index = NewsIndexPage.objects.get(locale__language_code="be")
    response = client.post(url, {**form, "new_slug": "copied-to-be", "new_parent_page": be_index.pk})
    assert response.status_code == 200 and "Translate into" in response.content.decode()
    assert Page.objects.count() == before
    assert not Page.objects.filter(slug="copied-to-be").exists()

    en_index = NewsIndexPage.objects.get(locale__language_code="en")
    response = client.post(url, {**form, "new_slug": "copied-in-en", "new_parent_page": en_index.pk})
    assert response.status_code == 302
    assert Page.objects.get(slug="copied-in-en").locale.language_code == "en"
