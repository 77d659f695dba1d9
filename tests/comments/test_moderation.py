"""Editors moderate in the admin: a queue per language with counts; approve, reject, reply, spam, delete;
questions grouped per discussion, taken and answered; rejected items purged after the retention period."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samvydat.comments.models import Kind, ReaderComment, Status
from samvydat.comments.services import reader_comment_receive, reader_comments_purge

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(log_in_editor, client):
    user = User.objects.create_superuser("moderating-editor", "m@example.org", "a-long-password-123")
    return log_in_editor(client, user)


def assert_refused(response):
    """Wagtail answers a refused admin request with a redirect to the dashboard and a message."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def receive(page, text, kind=Kind.COMMENT):
    return reader_comment_receive(page=page, kind=kind, text=text)


def act(client, comment, action, **data):
    return client.post(reverse("comments_admin:act", args=[comment.pk, action]), {"next": "/admin/", **data})


def test_queue_per_language_with_counts(editor, news_page):
    from samvydat.news.models import NewsPage

    be_page = NewsPage.objects.get(locale__language_code="be", translation_key=news_page.translation_key)
    receive(news_page, "English comment one")
    receive(news_page, "English comment two")
    receive(be_page, "Беларускі каментар")
    html = editor.get(reverse("comments_admin:queue") + "?language=en").content.decode()
    assert "English (2)" in html and "Беларуская (1)" in html
    assert "English comment one" in html and "Беларускі каментар" not in html
    html = editor.get(reverse("comments_admin:queue") + "?language=be").content.decode()
    assert "Беларускі каментар" in html and "English comment one" not in html


def test_approve_reject_spam_reply_delete(editor, news_page):
    first, second, third = (receive(news_page, text) for text in ("Keep me", "Reject me", "Buy pills"))
    assert act(editor, first, "approve").status_code == 302
    assert act(editor, second, "reject").status_code == 302
    assert act(editor, third, "spam").status_code == 302
    assert act(editor, first, "reply", reply="Thank you, we will look into it.").status_code == 302
    statuses = dict(ReaderComment.objects.values_list("text", "status"))
    assert statuses == {"Keep me": Status.APPROVED, "Reject me": Status.REJECTED, "Buy pills": Status.SPAM}
    first.refresh_from_db()
    assert first.replied_by is not None

    html = Client().get(news_page.url).content.decode()
    assert "Keep me" in html and "Reject me" not in html and "Buy pills" not in html
    assert "Reply from the editors" in html and "Thank you, we will look into it." in html

    confirm = act(editor, third, "delete")
    assert confirm.status_code == 200 and ReaderComment.objects.filter(pk=third.pk).exists()
    assert act(editor, third, "delete", confirm="yes").status_code == 302
    assert not ReaderComment.objects.filter(pk=third.pk).exists()


def test_only_moderators_moderate(client, log_in_editor, news_page):
    comment = receive(news_page, "Hello")
    author = User.objects.create_user("an-author", password="a-long-password-123")
    author.groups.add(Group.objects.get(name="Authors"))
    log_in_editor(client, author)
    assert_refused(client.get(reverse("comments_admin:queue")))
    assert_refused(act(client, comment, "approve"))
    comment.refresh_from_db()
    assert comment.status == Status.PENDING
    moderator = User.objects.create_user("a-moderator", password="a-long-password-123")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    log_in_editor(client, moderator)
    assert client.get(reverse("comments_admin:queue")).status_code == 200
    assert act(client, comment, "approve").status_code == 302


def test_questions_grouped_taken_and_answered(editor, discussion_page):
    questions = [
        receive(discussion_page, text, Kind.QUESTION) for text in ("On sanctions?", "On potash?", "On Russia?")
    ]
    for question in questions:
        act(editor, question, "approve")
    act(editor, questions[0], "question", theme="Sanctions", taken="on")
    act(editor, questions[1], "question", theme="Sanctions", taken="on", answered="on")
    html = editor.get(reverse("comments_admin:questions") + "?language=en").content.decode()
    assert "3 questions, 2 taken, 1 answered" in html
    assert html.index("Sanctions") < html.index("Not grouped yet")

    html = Client().get(discussion_page.url).content.decode()
    assert "Questions from readers" in html
    answered = html.index("On potash?")
    assert html.index("Answered in the discussion") < html.index("On sanctions?")
    assert answered < html.index("On sanctions?") < html.index("On Russia?")
    assert "Taken for the discussion" in html


def test_comments_on_questions_only(editor, news_page):
    comment = receive(news_page, "Not a question")
    assert_refused(act(editor, comment, "question", theme="x"))
    comment.refresh_from_db()
    assert comment.theme == ""


def test_rejected_items_are_purged_after_the_retention_period(news_page, settings):
    settings.COMMENTS_REJECTED_RETENTION_DAYS = 14
    now = timezone.now()
    old_rejected, new_rejected, old_spam, old_approved, pending = (
        receive(news_page, text) for text in ("old rejected", "new rejected", "old spam", "old approved", "pending")
    )
    for comment, status, days in [
        (old_rejected, Status.REJECTED, 15),
        (new_rejected, Status.REJECTED, 13),
        (old_spam, Status.SPAM, 20),
        (old_approved, Status.APPROVED, 400),
    ]:
        ReaderComment.objects.filter(pk=comment.pk).update(
            status=status, decided_at=now - datetime.timedelta(days=days)
        )
    assert reader_comments_purge() == 2
    assert set(ReaderComment.objects.values_list("text", flat=True)) == {"new rejected", "old approved", "pending"}
    out = io.StringIO()
    call_command("purge_reader_comments", "--days", "0", stdout=out)
    assert "Deleted 1" in out.getvalue()
    assert set(ReaderComment.objects.values_list("text", flat=True)) == {"old approved", "pending"}


def test_the_purge_task_runs(news_page):
    from samvydat.comments.tasks import reader_comments_purge_task

    comment = receive(news_page, "gone")
    ReaderComment.objects.filter(pk=comment.pk).update(
        status=Status.REJECTED, decided_at=timezone.now() - datetime.timedelta(days=100)
    )
    result = reader_comments_purge_task.enqueue()
    assert result.return_value == 1
    assert not ReaderComment.objects.exists()


def test_editors_switch_the_forms_on_in_the_page_settings(editor, news_page, discussion_page):
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[news_page.pk])).content.decode()
    assert 'name="comments_open"' in html and 'name="questions_open"' not in html
    html = editor.get(reverse("wagtailadmin_pages:edit", args=[discussion_page.pk])).content.decode()
    assert 'name="comments_open"' in html and 'name="questions_open"' in html
