"""Background work for the newsletter (Django's task API; django-tasks-db in production).

What the task table keeps about readers: task arguments are row ids, never addresses; a failing task stores a
message scrubbed of anything address-shaped (``errors_scrubbed``), never the traceback of the original error (an
SMTP refusal names the recipient); a confirmation task's row, whose times would say when a reader signed up, is
stamped with the hour only when queued and deleted as soon as it finished (``task_result_forget``).
"""

import contextlib

from django_tasks import task

from .addresses import addresses_scrubbed
from .models import this_hour


class NewsletterTaskError(Exception):
    """A newsletter task failed; the message is the original error's, with every address replaced."""


@contextlib.contextmanager
def errors_scrubbed():
    try:
        yield
    except Exception as error:
        # ``from None``: the original exception (and its message, which may hold an address) is not chained into
        # the traceback django-tasks stores and logs.
        raise NewsletterTaskError(addresses_scrubbed(f"{type(error).__name__}: {error}")) from None


@task()
def digest_prepare_task(issue_id: int) -> list[int]:
    """Prepare (or refresh, while still drafts) the digest campaigns of a published weekly issue."""
    from .services import digest_prepare

    with errors_scrubbed():
        return [campaign.pk for campaign in digest_prepare(issue_id=issue_id)]


@task()
def confirmation_send_task(subscriber_id: int) -> bool:
    """Mail a confirmation; a refusal is an outcome (codes only), never an exception carrying the address."""
    from .services import confirmation_send

    with errors_scrubbed():
        return confirmation_send(subscriber_id=subscriber_id)


@task()
def campaign_send_task(campaign_id: int) -> str:
    """Send a campaign. Crash-safe: see ``sending.campaign_send`` (a lease, and one watchdog task behind it)."""
    from .sending import campaign_send

    with errors_scrubbed():
        return campaign_send(campaign_id=campaign_id)


@task()
def campaign_start_task(campaign_id: int) -> str:
    """Start a scheduled campaign when it is due (queued with ``run_after`` by ``campaign_schedule``)."""
    from .services import campaign_start

    with errors_scrubbed():
        campaign = campaign_start(campaign_id=campaign_id)
        return campaign.status if campaign else "missing"


def confirmation_enqueue(subscriber_id: int) -> None:
    """Queue the confirmation mail; on the database backend its row says only the hour it was queued."""
    result = confirmation_send_task.enqueue(subscriber_id)
    row = getattr(result, "db_result", None)  # django-tasks-db stamps enqueued_at to the microsecond
    if row is not None:
        type(row).objects.filter(pk=row.pk).update(enqueued_at=this_hour())


def task_result_forget(sender, task_result, **kwargs) -> None:
    """``task_finished``: delete a finished confirmation task's row (its start and end times are to the
    microsecond and follow a reader's sign-up by seconds; django-tasks-db cannot be told to round them)."""
    if task_result.task.module_path != confirmation_send_task.module_path:
        return
    row = getattr(task_result, "db_result", None)
    if row is not None:
        type(row).objects.filter(pk=row.pk).delete()
