"""The data migration that retires cross-locale aliases left by the synced page tree (translations/aliases.py)."""

import datetime

import pytest
from django.apps import apps
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

from samvydat.core.services import section_index, site_skeleton_ensure
from samvydat.translations.aliases import cross_locale_aliases_retire
from samvydat.weekly.models import CommentaryPage, Topic, WeeklyIssuePage

pytestmark = pytest.mark.django_db


def _week(home, start: datetime.date, titles: list[str]) -> tuple[WeeklyIssuePage, list[CommentaryPage]]:
    issue = WeeklyIssuePage(
        title="Situation in Belarus",
        slug=start.isoformat(),
        week_start=start,
        week_end=start + datetime.timedelta(days=6),
        locale=home.locale,
    )
    section_index(home, "weekly").add_child(instance=issue)
    issue.save_revision().publish()
    commentaries = []
    for number, title in enumerate(titles):
        page = CommentaryPage(title=title, slug=f"c{number}", date=start, locale=home.locale)
        page.topic = Topic.objects.filter(locale=home.locale).first()
        issue.add_child(instance=page)
        page.save_revision().publish()
        commentaries.append(page)
    return issue, commentaries


@pytest.fixture
def synced_tree():
    """What SYNC_PAGE_TREE=True left: English weeks aliased into Belarusian, one alias converted and translated."""
    homes = site_skeleton_ensure()
    be = Locale.objects.get(language_code="be")
    be_weekly = section_index(homes["be"], "weekly")

    untouched_issue, untouched = _week(homes["en"], datetime.date(2032, 1, 5), ["Untouched"])
    alias_issue = untouched_issue.create_alias(recursive=False, parent=be_weekly, update_locale=be)
    untouched_alias = untouched[0].create_alias(recursive=False, parent=alias_issue, update_locale=be)

    mixed_issue, (translated_source, left_source) = _week(
        homes["en"], datetime.date(2032, 1, 12), ["To translate", "Left"]
    )
    # as the sync did it: each new page aliased on its own, into the alias of its parent
    mixed_alias = mixed_issue.create_alias(recursive=False, parent=be_weekly, update_locale=be)
    translated = translated_source.create_alias(recursive=False, parent=mixed_alias, update_locale=be)
    left_alias = left_source.create_alias(recursive=False, parent=mixed_alias, update_locale=be)
    ConvertAliasPageAction(translated).execute(skip_permission_checks=True)
    translated = CommentaryPage.objects.get(pk=translated.pk)
    translated.title = "Перакладзены каментар"
    translated.save_revision().publish()

    same_locale_alias = translated_source.create_alias(
        recursive=False, parent=untouched_issue, update_slug="to-translate-again"
    )
    return {
        "be_weekly": be_weekly,
        "deleted": {alias_issue.pk, untouched_alias.pk, left_alias.pk},
        "converted": mixed_alias.pk,
        "kept": {translated.pk, same_locale_alias.pk, untouched_issue.pk, mixed_issue.pk},
    }


def test_untouched_aliases_go_edited_translations_stay_and_no_page_is_orphaned(synced_tree):
    pages_before = Page.objects.count()

    result = cross_locale_aliases_retire(apps)

    assert set(result["deleted"]) == synced_tree["deleted"]
    assert result["converted"] == [synced_tree["converted"]]
    assert not Page.objects.filter(pk__in=synced_tree["deleted"]).exists()
    assert Page.objects.count() == pages_before - len(synced_tree["deleted"])
    assert set(Page.objects.filter(pk__in=synced_tree["kept"]).values_list("pk", flat=True)) == synced_tree["kept"]
    week = Page.objects.get(pk=synced_tree["converted"])
    assert week.alias_of_id is None and week.live  # the translation under it is still reachable
    translated = CommentaryPage.objects.get(title="Перакладзены каментар")
    assert translated.live and translated.get_parent().pk == week.pk
    # No cross-locale alias is left, and the tree is sound (no orphans, right child counts and depths).
    assert not [
        p
        for p in Page.objects.filter(alias_of__isnull=False).select_related("alias_of")
        if p.locale_id != p.alias_of.locale_id
    ]
    assert all(not problems for problems in Page.find_problems())
    be_weekly = Page.objects.get(pk=synced_tree["be_weekly"].pk)
    assert be_weekly.numchild == be_weekly.get_children().count()


def test_running_it_again_changes_nothing(synced_tree):
    cross_locale_aliases_retire(apps)
    assert cross_locale_aliases_retire(apps) == {"deleted": [], "converted": []}


def test_the_migration_works_with_the_historical_models_it_runs_with(synced_tree):
    """Only the models of the migration's ancestors exist then: deleting must still reach every related row."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    node = ("translations", "0003_retire_cross_locale_aliases")
    historical = MigrationExecutor(connection).loader.project_state(node).apps

    result = cross_locale_aliases_retire(historical)

    assert set(result["deleted"]) == synced_tree["deleted"]
    assert not Page.objects.filter(pk__in=synced_tree["deleted"]).exists()
    assert all(not problems for problems in Page.find_problems())


def test_editors_of_an_existing_site_get_the_translate_permission():
    """The migration after the aliases one grants what ``core.roles.roles_ensure`` grants on new sites."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.get(name="Editors")
    permission = Permission.objects.get(content_type__app_label="simple_translation", codename="submit_translation")
    editors.permissions.remove(permission)
    migration = importlib.import_module("samvydat.translations.migrations.0004_editors_translate")

    migration.grant(apps, None)

    assert editors.permissions.filter(pk=permission.pk).exists()
