"""The status report, the "what changed" page and the "checked" action in the admin: filters, order, permissions, escaping."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale

from samvydat.translations.models import TranslationBasis
from samvydat.translations.selectors import translation_row_for
from samvydat.translations.status import Status
from samvydat.weekly.models import CommentaryPage

pytestmark = pytest.mark.django_db

REPORT = "/admin/translations/status/"


def _refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied in its views with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def outdated(db):
    """An English commentary republished with a real change (and a script in its lead): be and ru outdated."""
    source = CommentaryPage.objects.filter(locale__language_code="en", live=True).order_by("pk").first()
    draft = source.get_latest_revision_as_object()
    draft.summary = "A corrected lead <script>alert('planted')</script> with new words."
    draft.save_revision().publish()
    be = source.get_translation(Locale.objects.get(language_code="be"))
    assert translation_row_for(be).status == Status.OUTDATED
    return source, be


def _changes_url(page):
    return reverse("translations_status:changes", args=["wagtailcore", "page", page.pk])


def test_translators_see_their_language_first_and_only_by_default(client, log_in_editor, make_user, outdated):
    source, be = outdated
    log_in_editor(client, make_user("tbe", "Translators (be)"))
    response = client.get(REPORT)
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert rows and {row.language for row in rows} == {"be"}
    assert [code for code, _name, _counts in response.context["languages"]][0] == "be"
    assert rows[0].status == Status.OUTDATED  # outdated first
    assert b"translation-status__row--outdated" in response.content


def test_filters_by_status_section_age_and_language(client, log_in_editor, make_user, outdated):
    source, be = outdated
    log_in_editor(client, make_user("ed", "Editors"))
    rows = client.get(REPORT, {"language": "ru", "status": "outdated"}).context["page"].object_list
    assert rows and all(r.language == "ru" and r.status == Status.OUTDATED for r in rows)
    assert source.translation_key in {r.translation_key for r in rows}
    rows = client.get(REPORT, {"status": "missing", "section": "people"}).context["page"].object_list
    assert all(r.status == Status.MISSING and r.section == "people" for r in rows)
    rows = client.get(REPORT, {"language": "be", "status": "outdated", "age": "30"}).context["page"].object_list
    assert source.translation_key not in {r.translation_key for r in rows}  # changed today
    response = client.get(REPORT, {"language": "zz", "status": "<b>", "section": "nope", "age": "-1", "page": "x"})
    assert response.status_code == 200 and response.context["language"] == ""


def test_columns_sort_both_ways(client, log_in_editor, make_user):
    log_in_editor(client, make_user("ed", "Editors"))
    titles = [r.title.casefold() for r in client.get(REPORT, {"language": "be", "ordering": "title"}).context["page"]]
    assert titles == sorted(titles)
    back = [r.title.casefold() for r in client.get(REPORT, {"language": "be", "ordering": "-title"}).context["page"]]
    assert back == sorted(titles, reverse=True)[: len(back)]
    assert client.get(REPORT, {"ordering": "password"}).context["ordering"] == "status"


def test_people_without_a_translator_or_editor_role_are_refused(client, log_in_editor, make_user, outdated):
    source, be = outdated
    log_in_editor(client, make_user("author", "Authors"))
    assert _refused(client.get(REPORT))
    assert _refused(client.get(_changes_url(be)))


def test_the_diff_shows_planted_markup_as_text(client, log_in_editor, make_user, outdated):
    source, be = outdated
    log_in_editor(client, make_user("tbe", "Translators (be)"))
    response = client.get(_changes_url(be))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert('planted')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;planted&#x27;)&lt;/script&gt;" in html
    assert "<ins>" in html and "translation-status__diff" in html
    assert "The English original changed on" in html


def test_the_editor_says_the_original_changed_and_links_the_diff(client, log_in_editor, make_user, outdated):
    source, be = outdated
    log_in_editor(client, make_user("ed", "Editors"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[be.pk])).content.decode()
    assert "The English original changed on" in html and _changes_url(be) in html
    html = client.get(reverse("wagtailadmin_pages:edit", args=[source.pk])).content.decode()
    assert "original changed on" not in html


def test_checked_needs_post_csrf_and_the_right_language(log_in_editor, make_user, outdated):
    source, be = outdated
    url = _changes_url(be) + "checked/"
    ru_translator = log_in_editor(Client(), make_user("tru", "Translators (ru)"))
    assert _refused(ru_translator.post(url))
    assert translation_row_for(be).status == Status.OUTDATED
    be_translator = log_in_editor(Client(enforce_csrf_checks=True), make_user("tbe", "Translators (be)"))
    assert be_translator.get(url).status_code == 405
    assert be_translator.post(url).status_code == 403  # no CSRF token
    assert translation_row_for(be).status == Status.OUTDATED
    page = be_translator.get(_changes_url(be))
    token = page.context["csrf_token"]
    response = be_translator.post(url, {"csrfmiddlewaretoken": str(token), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"].startswith(REPORT)
    assert translation_row_for(be).status == Status.CURRENT
    basis = TranslationBasis.objects.get(translation_key=be.translation_key, locale=be.locale)
    assert basis.reason == TranslationBasis.Reason.CHECKED and basis.checked_by.username == "tbe"


def test_dashboard_panel_and_menu_count(client, log_in_editor, make_user, outdated):
    log_in_editor(client, make_user("tbe", "Translators (be)"))
    html = client.get("/admin/").content.decode()
    assert "translation-status-panel" in html
    assert "Translation status (" in html
