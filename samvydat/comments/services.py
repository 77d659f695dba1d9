"""Actions on readers' comments and questions: receive, moderate, reply, purge."""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Kind, ReaderComment, Status


def _readers_see_a_change(comment: ReaderComment) -> None:
    """Approved comments are part of the page: drop cached copies once the change is committed."""
    if apps.is_installed("samvydat.pagecache"):
        from samvydat.pagecache.services import page_cache_invalidate

        transaction.on_commit(page_cache_invalidate)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        page = comment.page
        transaction.on_commit(lambda: purge_page_from_cache(page))


def _this_hour() -> datetime.datetime:
    return timezone.now().replace(minute=0, second=0, microsecond=0)


@transaction.atomic
def reader_comment_receive(*, page, kind: str, text: str, display_name: str = "") -> ReaderComment:
    """Store a reader's comment or question, waiting for moderation. Nothing about the sender is stored."""
    return ReaderComment.objects.create(
        page=page, kind=kind, text=text, display_name=display_name, received_at=_this_hour()
    )


def _decide(comment: ReaderComment, status: str) -> ReaderComment:
    if Status.APPROVED in (status, comment.status):
        _readers_see_a_change(comment)
    comment.status = status
    comment.decided_at = _this_hour()  # like received_at: a quick approval must not pin down the arrival
    comment.save(update_fields=["status", "decided_at"])
    return comment


@transaction.atomic
def reader_comment_approve(*, comment: ReaderComment, links_allowed: bool | None = None) -> ReaderComment:
    if links_allowed is not None:
        comment.links_allowed = links_allowed
        comment.save(update_fields=["links_allowed"])
    return _decide(comment, Status.APPROVED)


@transaction.atomic
def reader_comment_reject(*, comment: ReaderComment) -> ReaderComment:
    return _decide(comment, Status.REJECTED)


@transaction.atomic
def reader_comment_mark_spam(*, comment: ReaderComment) -> ReaderComment:
    return _decide(comment, Status.SPAM)


@transaction.atomic
def reader_comment_delete(*, comment: ReaderComment) -> None:
    """Delete for good: no trace is kept."""
    if comment.status == Status.APPROVED:
        _readers_see_a_change(comment)
    comment.delete()


@transaction.atomic
def reader_comment_reply(*, comment: ReaderComment, text: str, user) -> ReaderComment:
    """The organisation's reply, shown under the comment and marked as the organisation's. Empty removes it.

    Replying approves the comment: a reply to something readers cannot see would make no sense.
    """
    comment.reply = text.strip()
    comment.replied_by = user if comment.reply else None
    comment.save(update_fields=["reply", "replied_by"])
    _readers_see_a_change(comment)
    if comment.reply and comment.status != Status.APPROVED:
        _decide(comment, Status.APPROVED)
    return comment


@transaction.atomic
def question_update(
    *, comment: ReaderComment, theme: str | None = None, taken: bool | None = None, answered: bool | None = None
) -> ReaderComment:
    """The moderator's grouping and marks on a question ("taken" for the discussion, "answered" in it)."""
    if comment.kind != Kind.QUESTION:
        raise ValueError("only questions are grouped, taken and answered")
    if theme is not None:
        comment.theme = " ".join(theme.split())[:100]
    if taken is not None:
        comment.taken = taken
    if answered is not None:
        comment.answered = answered
        comment.taken = comment.taken or answered
    comment.save(update_fields=["theme", "taken", "answered"])
    if comment.status == Status.APPROVED:
        _readers_see_a_change(comment)
    return comment


@transaction.atomic
def reader_comments_purge(*, days: int | None = None) -> int:
    """Delete rejected and spam items moderated more than ``days`` ago (``COMMENTS_REJECTED_RETENTION_DAYS``).

    Returns how many were deleted.
    """
    days = settings.COMMENTS_REJECTED_RETENTION_DAYS if days is None else days
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _by_model = ReaderComment.objects.filter(
        status__in=[Status.REJECTED, Status.SPAM], decided_at__lt=cutoff
    ).delete()
    return deleted
