"""Editors' side: every page type and snippet opens in the admin; roles exist; translations can be made."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from samvydat.core.roles import AUTHORS
from samvydat.discussions.models import DiscussionPage
from samvydat.news.models import NewsPage
from samvydat.people.models import Person
from samvydat.plans.models import PlanPage
from samvydat.statements.models import StatementPage
from samvydat.weekly.models import CommentaryPage, Topic, WeeklyIssuePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model, log_in_editor):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password-123")
    log_in_editor(client, user)
    return user


@pytest.mark.parametrize("model", [NewsPage, PlanPage, CommentaryPage, WeeklyIssuePage, DiscussionPage, StatementPage])
def test_edit_and_preview_every_page_type(client, editor, model):
    page = model.objects.filter(locale__language_code="be").first()
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response.status_code == 200


@pytest.mark.parametrize(("app", "model"), [("people", "person"), ("people", "organisation"), ("weekly", "topic")])
def test_snippets_list_and_edit(client, editor, app, model):
    assert client.get(f"/admin/snippets/{app}/{model}/").status_code == 200
    obj = {"person": Person, "topic": Topic}.get(model)
    if obj is not None:
        pk = obj.objects.first().pk
        assert client.get(f"/admin/snippets/{app}/{model}/edit/{pk}/").status_code == 200


def test_roles_exist_with_per_language_translators():
    names = set(Group.objects.values_list("name", flat=True))
    assert {AUTHORS, "Translators (en)", "Translators (be)", "Translators (ru)", "Editors", "Moderators"} <= names
    be_translators = Group.objects.get(name="Translators (be)")
    pages = {perm.page.locale.language_code for perm in be_translators.page_permissions.select_related("page__locale")}
    assert pages == {"be"}


def test_translate_a_page_from_the_admin(client, editor):
    source = NewsPage.objects.get(locale__language_code="en", slug="sanctions-explainer-video")
    ru = Locale.objects.get(language_code="ru")
    response = client.post(f"/admin/translations/translate/page/{source.pk}/ru/")
    copy = source.get_translation(ru)
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert copy.title == source.title
    assert not copy.live  # a draft for the translator to translate and publish
