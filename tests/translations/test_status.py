"""The status rules on the demo site: missing, up to date, outdated (a real change only), checked, aliases."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from samvydat.people.models import Person
from samvydat.translations.models import TranslationBasis
from samvydat.translations.selectors import translation_row_for, translation_rows
from samvydat.translations.status import Status
from samvydat.translations.status_services import translation_mark_checked
from samvydat.weekly.models import CommentaryPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def commentary():
    """An English commentary with its Belarusian and Russian translations."""
    source = CommentaryPage.objects.filter(locale__language_code="en", live=True).order_by("pk").first()
    be = source.get_translation(Locale.objects.get(language_code="be"))
    assert not be.alias_of_id
    return source, be


def _republish(page, **changes):
    page = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def _status(page):
    return translation_row_for(page).status


def test_the_imported_demo_is_up_to_date(commentary):
    source, be = commentary
    assert _status(be) == Status.CURRENT
    assert {r.status for r in translation_rows(language="be", section="weekly")} >= {Status.CURRENT}


def test_a_cosmetic_republication_of_the_source_keeps_the_translation_up_to_date(commentary):
    source, be = commentary
    _republish(source, title="  " + source.title.upper() + " !", summary=source.summary.replace(",", " ,") + ".")
    assert _status(be) == Status.CURRENT


def test_a_changed_word_in_the_source_makes_the_translation_outdated(commentary):
    source, be = commentary
    _republish(source, summary=source.summary + " Corrected: the meeting was cancelled.")
    row = translation_row_for(be)
    assert row.status == Status.OUTDATED
    assert row.since is not None and row.age_days == 0
    # Russian too: both translations were made from the old text.
    ru = source.get_translation(Locale.objects.get(language_code="ru"))
    assert _status(ru) == Status.OUTDATED


def test_a_draft_of_the_source_is_not_a_change(commentary):
    source, be = commentary
    draft = source.get_latest_revision_as_object()
    draft.summary = "Entirely new words in a draft nobody published"
    draft.save_revision()
    assert _status(be) == Status.CURRENT


def test_saving_the_translation_again_makes_it_up_to_date(commentary):
    source, be = commentary
    _republish(source, summary="A new lead.")
    assert _status(be) == Status.OUTDATED
    _republish(be, summary="Новы лід.")
    assert _status(be) == Status.CURRENT


def test_checked_still_up_to_date_without_editing(commentary, django_user_model):
    source, be = commentary
    _republish(source, summary="A new lead.")
    editor = django_user_model.objects.create_user("checker", password="x")
    revisions_before = be.revisions.count()
    basis = translation_mark_checked(translation=be, user=editor)
    assert basis.reason == TranslationBasis.Reason.CHECKED and basis.checked_by == editor
    assert _status(be) == Status.CURRENT
    assert be.revisions.count() == revisions_before


def test_missing_when_there_is_no_translation_and_aliases_are_not_translations(commentary):
    source, be = commentary
    parent = be.get_parent()
    be.delete()
    row = next(r for r in translation_rows(language="be") if r.translation_key == source.translation_key)
    assert row.status == Status.MISSING and row.translation_id is None
    alias = source.create_alias(parent=parent, update_locale=Locale.objects.get(language_code="be"))
    assert alias.alias_of_id == source.pk
    row = next(r for r in translation_rows(language="be") if r.translation_key == source.translation_key)
    assert row.status == Status.MISSING
    assert translation_row_for(alias) is None


def test_without_a_recorded_basis_the_revision_dates_decide(commentary):
    source, be = commentary
    TranslationBasis.objects.all().delete()
    assert _status(be) == Status.CURRENT
    _republish(source, summary="A new lead, published after the translation's last revision.")
    TranslationBasis.objects.all().delete()
    row = translation_row_for(be)
    assert row.status == Status.OUTDATED and row.basis_revision_id is not None


def test_a_translation_of_a_snippet_is_outdated_when_the_source_text_changes():
    source = Person.objects.filter(locale__language_code="en").exclude(description="").first()
    be = source.get_translation(Locale.objects.get(language_code="be"))
    assert translation_row_for(be).status == Status.CURRENT
    source.description = source.description.upper() + "  "
    source.save()
    assert translation_row_for(be).status == Status.CURRENT
    source.description += " Arrested in 2024."
    source.save()
    assert translation_row_for(be).status == Status.OUTDATED
    be.save()
    assert translation_row_for(be).status == Status.CURRENT


def test_the_command_prints_one_line_per_item_and_language(commentary, capsys):
    source, be = commentary
    _republish(source, summary="A new lead.")
    call_command("translation_status", "--language", "be", "--status", "outdated")
    lines = capsys.readouterr().out.splitlines()
    expected = f"outdated be {source.package_key} {be.title}"
    assert expected in lines
    assert all(line.startswith("outdated be ") for line in lines)
    call_command("translation_status")
    every = capsys.readouterr().out.splitlines()
    statuses = {line.split(" ", 2)[0] for line in every}
    languages = {line.split(" ", 2)[1] for line in every}
    assert statuses <= {"missing", "outdated", "current"} and languages == {"be", "ru"}
    assert len(every) == len(translation_rows())


def test_the_command_refuses_an_unknown_language():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="unknown language"):
        call_command("translation_status", "--language", "xx")
