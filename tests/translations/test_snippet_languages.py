"""A translator changes only the people, organisations and topics of their own language (snippet_permissions).

The attack: a "Translators (be)" member, who holds ``people.change_person`` for translating, opens and posts the
edit form of the English person and renames them live on every English page.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import Topic

pytestmark = pytest.mark.django_db


def _refused(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a 403 or a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def _url(action, instance, *args):
    meta = type(instance)._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:{action}", args=[instance.pk, *args])


def _person_form(person, **changes):
    data = {
        "name": person.name,
        "slug": person.slug,
        "description": person.description,
        "aliases": person.aliases,
        "role": person.role,
        "affiliation": person.affiliation,
        "photo": person.photo_id or "",
    }
    return {**data, **changes}


@pytest.fixture
def be_translator(client, log_in_editor, django_user_model):
    user = django_user_model.objects.create_user("tbe", password="x")
    user.groups.add(Group.objects.get(name="Translators (be)"))
    log_in_editor(client, user)
    return client


def _pair(model):
    english = model.objects.filter(locale__language_code="en").order_by("pk").first()
    return english, english.get_translation(english.locale.__class__.objects.get(language_code="be"))


def test_be_translator_cannot_rename_the_english_person(be_translator):
    english, _be = _pair(Person)
    assert _refused(be_translator.get(_url("edit", english)))
    response = be_translator.post(_url("edit", english), _person_form(english, name="Planted Name"))
    assert _refused(response)
    assert Person.objects.get(pk=english.pk).name == english.name


@pytest.mark.parametrize("model", [Organisation, Topic])
def test_be_translator_cannot_edit_english_organisations_or_topics(be_translator, model):
    english, be = _pair(model)
    assert _refused(be_translator.get(_url("edit", english)))
    response = be_translator.post(_url("edit", english), {"name": "Planted Name", "slug": english.slug})
    assert _refused(response)
    assert model.objects.get(pk=english.pk).name == english.name
    assert be_translator.get(_url("edit", be)).status_code == 200


def test_be_translator_still_edits_the_belarusian_person(be_translator):
    _english, be = _pair(Person)
    assert be_translator.get(_url("edit", be)).status_code == 200
    response = be_translator.post(_url("edit", be), _person_form(be, name="Перакладзенае імя"))
    assert response.status_code == 302 and response["Location"] != "/admin/"
    assert Person.objects.get(pk=be.pk).name == "Перакладзенае імя"


def test_listing_links_only_the_translators_language(be_translator):
    english, be = _pair(Person)
    html = be_translator.get(reverse("wagtailsnippets_people_person:list")).content.decode()
    assert _url("edit", be) in html
    assert _url("edit", english) not in html


def test_editors_are_not_limited(client, log_in_editor, django_user_model):
    user = django_user_model.objects.create_user("ed", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.get(content_type__app_label="people", codename="change_person"))
    log_in_editor(client, user)
    english, _be = _pair(Person)
    response = client.post(_url("edit", english), _person_form(english, role="Analyst (corrected)"))
    assert response.status_code == 302 and response["Location"] != "/admin/"
    assert Person.objects.get(pk=english.pk).role == "Analyst (corrected)"


@pytest.mark.parametrize("model", [Person, Organisation, Topic])
def test_the_snippet_listings_search_by_name(be_translator, model):
    """Searching a listing works on SQLite too (Wagtail's FTS backend fails on field-limited searches)."""
    english = model.objects.filter(locale__language_code="en").order_by("pk").first()
    word = english.name.split()[-1]
    response = be_translator.get(
        reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list"), {"q": word}
    )
    assert response.status_code == 200
    assert english.name in response.content.decode()


def test_the_migration_lets_existing_editors_edit_snippets():
    """translations/0007 grants Editors and Moderators of an existing site what roles_ensure grants new ones."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("samvydat.translations.migrations.0007_editors_edit_snippets")
    editors = Group.objects.get(name="Editors")
    editors.permissions.remove(*Permission.objects.filter(codename__in=["add_person", "change_topic"]))
    assert not editors.permissions.filter(codename="change_topic").exists()
    migration.grant(apps, None)
    granted = set(editors.permissions.values_list("codename", flat=True))
    assert {codename for _app, codename in migration.SNIPPET_PERMISSIONS} <= granted
    assert "delete_person" not in granted


def _add_url(model, locale=None):
    meta = model._meta
    url = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:add")
    return url + (f"?locale={locale}" if locale else "")


@pytest.mark.parametrize("model", [Person, Organisation, Topic])
def test_be_translator_cannot_create_an_english_snippet(be_translator, model):
    """The attack: a forged ``?locale=en`` (or a POST with none: the default language) adds a new English person,
    organisation or topic, live on English pages."""
    before = model.objects.filter(locale__language_code="en").count()
    form = {"name": "Planted Name", "slug": "planted-name"}
    if model is Person:
        form = {**form, "description": "", "aliases": "", "role": "", "affiliation": "", "photo": ""}
    assert _refused(be_translator.get(_add_url(model, "en")))
    assert _refused(be_translator.post(_add_url(model, "en"), form))
    assert _refused(be_translator.post(_add_url(model), form))
    assert model.objects.filter(locale__language_code="en").count() == before
    assert not model.objects.filter(name="Planted Name").exists()


def test_be_translator_adds_in_belarusian_and_is_offered_no_other_language(be_translator):
    response = be_translator.get(_add_url(Person))
    assert response.status_code == 302 and response["Location"].endswith("?locale=be")
    page = be_translator.get(_add_url(Person, "be"))
    assert page.status_code == 200
    assert "locale=en" not in page.content.decode() and "locale=ru" not in page.content.decode()
    form = {
        "name": "Новая асоба",
        "slug": "novaya-asoba",
        "description": "",
        "aliases": "",
        "role": "",
        "affiliation": "",
        "photo": "",
    }
    response = be_translator.post(_add_url(Person, "be"), form)
    assert response.status_code == 302 and response["Location"] != "/admin/"
    assert Person.objects.get(name="Новая асоба").locale.language_code == "be"


def test_be_translator_cannot_copy_an_english_person_into_a_new_one(be_translator):
    english, _be = _pair(Person)
    before = Person.objects.filter(locale__language_code="en").count()
    assert _refused(be_translator.get(_url("copy", english)))
    assert _refused(be_translator.post(_url("copy", english), _person_form(english, name="Copied", slug="copied")))
    assert Person.objects.filter(locale__language_code="en").count() == before
