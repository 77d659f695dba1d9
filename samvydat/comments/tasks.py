"""Background work: delete rejected and spam comments after the retention period."""

from django_tasks import task


@task()
def reader_comments_purge_task() -> int:
    from .services import reader_comments_purge

    return reader_comments_purge()
