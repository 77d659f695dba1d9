"""Times that could match a reader to a request in someone's log: stored files and their folder are dated by
the day, every file's change time moves with each write, comments keep the hour; migrations round old data."""

import datetime
import os

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samvydat.submissions.crypto import DAY_NS
from samvydat.submissions.models import SubmissionFile

from . import samples

pytestmark = pytest.mark.django_db


def stored_paths(root):
    return [root / f.stored_as for f in SubmissionFile.objects.order_by("pk")]


def test_stored_files_and_their_folder_tell_only_the_day(client, send_data, submissions_root):
    def files():
        return [SimpleUploadedFile("a.jpg", samples.jpeg_with_gps())]

    assert client.post(reverse("submissions:send"), send_data(files=files())).status_code == 303
    (first,) = stored_paths(submissions_root)
    today = datetime.datetime.now(datetime.UTC).date()
    midnight_ns = int(datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.UTC).timestamp()) * 10**9
    for path in [first, submissions_root]:
        stat = os.stat(path)
        assert stat.st_mtime_ns == stat.st_atime_ns == midnight_ns, path
    written_at = os.stat(first).st_ctime_ns
    assert client.post(reverse("submissions:send"), send_data(files=files())).status_code == 303
    first_now, second = stored_paths(submissions_root)
    assert first_now == first
    # The older file's change time moved with the new write: it no longer tells when it arrived.
    assert os.stat(first).st_ctime_ns > written_at
    assert os.stat(second).st_mtime_ns % DAY_NS == 0


def test_the_migration_dates_older_files_by_their_day(client, send_data, submissions_root):
    from importlib import import_module

    files = [SimpleUploadedFile("a.jpg", samples.jpeg_with_gps())]
    assert client.post(reverse("submissions:send"), send_data(files=files)).status_code == 303
    (path,) = stored_paths(submissions_root)
    os.utime(path, ns=(1_700_000_123_456_789_012, 1_700_000_123_456_789_012))  # as files were dated before
    import_module("samvydat.submissions.migrations.0002_file_dates").files_dated(apps, None)
    day = SubmissionFile.objects.get().submission.received_on
    assert os.stat(path).st_mtime == datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC).timestamp()


def test_comments_keep_the_hour_of_arrival_and_of_moderation(client):
    from wagtail.models import Page

    from samvydat.comments.models import ReaderComment
    from samvydat.comments.services import reader_comment_approve, reader_comment_receive

    page = Page.objects.filter(depth__gt=1).first()
    comment = reader_comment_receive(page=page, kind="comment", text="Hello")
    reader_comment_approve(comment=comment)
    comment.refresh_from_db()
    for moment in [comment.received_at, comment.decided_at]:
        assert (moment.minute, moment.second, moment.microsecond) == (0, 0, 0)

    exact = timezone.now().replace(minute=17, second=42, microsecond=123456)
    ReaderComment.objects.filter(pk=comment.pk).update(received_at=exact, decided_at=exact)
    from importlib import import_module

    import_module("samvydat.comments.migrations.0002_decided_at_hour").times_rounded(apps, None)
    comment.refresh_from_db()
    assert comment.received_at == comment.decided_at == exact.replace(minute=0, second=0, microsecond=0)
