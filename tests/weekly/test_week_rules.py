"""Editors cannot get the week wrong: an issue's title and address come from its Monday, a commentary's date from
its issue's week — in the admin and in content packages."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import Locale

from samvydat.weekly.models import CommentaryPage, WeeklyIndexPage, WeeklyIssuePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model, log_in_editor):
    user = django_user_model.objects.create_superuser("weekeditor", "weekeditor@example.org", "a-long-password-123")
    log_in_editor(client, user)
    return user


def _index(language="en"):
    return WeeklyIndexPage.objects.get(locale__language_code=language)


def _add_issue(client, index, **fields):
    data = {"title": "", "slug": "", "summary": "", **fields}
    return client.post(f"/admin/pages/add/weekly/weeklyissuepage/{index.pk}/", data)


@pytest.mark.parametrize("language", ["en", "be", "ru"])
def test_a_typed_title_and_slug_give_way_to_the_week(client, editor, language):
    """The editor types the title as the site shows it; the issue is still "Situation in Belarus" + the dates."""
    index = _index(language)
    typed = "Situation in Belarus: March 8 – March 14, 2021"
    response = _add_issue(client, index, title=typed, slug="my-own-slug", week_start="2031-03-10")
    assert response.status_code == 302, response.content.decode()[:2000]
    issue = WeeklyIssuePage.objects.child_of(index).get(week_start=datetime.date(2031, 3, 10))
    with translation.override(language):
        expected = translation.gettext("Situation in Belarus")
    assert issue.title == expected
    assert issue.slug == "2031-03-10"
    assert issue.week_end == datetime.date(2031, 3, 16)


def test_the_form_says_what_it_will_produce(client, editor):
    response = client.get(f"/admin/pages/add/weekly/weeklyissuepage/{_index().pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Set from the week when you save" in html and "the Monday&#x27;s date" in html


def test_a_week_that_does_not_start_on_monday_is_refused_with_the_monday_proposed(client, editor):
    index = _index()
    before = WeeklyIssuePage.objects.child_of(index).count()
    response = _add_issue(client, index, week_start="2031-03-12")  # a Wednesday
    html = response.content.decode()
    assert response.status_code == 200
    assert "A week starts on a Monday" in html and "2031-03-10" in html
    assert WeeklyIssuePage.objects.child_of(index).count() == before


def test_a_second_issue_for_the_same_week_is_refused_on_the_week(client, editor):
    index = _index()
    existing = WeeklyIssuePage.objects.child_of(index).first()
    response = _add_issue(client, index, week_start=existing.week_start.isoformat())
    assert response.status_code == 200
    assert "There is already an issue for the week of" in response.content.decode()


def test_a_translated_issue_keeps_the_weeks_address_and_gets_the_title_in_its_language(client, editor):
    source = WeeklyIssuePage.objects.filter(locale__language_code="en").first()
    ru = Locale.objects.get(language_code="ru")
    target = WeeklyIssuePage.objects.filter(translation_key=source.translation_key, locale=ru)
    target.delete()  # make the translation again, from the admin
    response = client.post(f"/admin/translations/translate/page/{source.pk}/ru/")
    assert response.status_code == 302
    copy = source.get_translation(ru)
    with translation.override("ru"):
        assert copy.title == translation.gettext("Situation in Belarus")
    assert copy.slug == source.slug == source.week_start.isoformat()


def test_a_new_commentary_is_dated_in_its_issues_week(client, editor):
    issue = WeeklyIssuePage.objects.filter(locale__language_code="en").order_by("week_start").first()
    response = client.get(f"/admin/pages/add/weekly/commentarypage/{issue.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{issue.week_end.isoformat()}"' in html
    assert datetime.date.today().isoformat() not in html.split('name="date"')[1][:200]


@pytest.mark.parametrize(("offset", "refused"), [(-1, True), (0, False), (13, False), (14, True), (400, True)])
def test_a_commentary_dated_outside_its_week_is_refused(editor, offset, refused):
    issue = WeeklyIssuePage.objects.filter(locale__language_code="en").order_by("week_start").first()
    commentary = CommentaryPage.objects.child_of(issue).first()
    form_class = CommentaryPage.get_edit_handler().get_form_class()
    date = issue.week_start + datetime.timedelta(days=offset)
    form = form_class(instance=commentary, parent_page=issue, for_user=editor)
    data = {
        **{name: form[name].value() for name in ("title", "slug", "summary")},
        "date": date.isoformat(),
        "body-count": "0",
    }
    bound = form_class(data, instance=commentary, parent_page=issue, for_user=editor)
    bound.is_valid()
    assert ("date" in bound.errors) is refused
    if refused:
        assert "dated within that week" in str(bound.errors["date"])
