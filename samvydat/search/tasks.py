"""Index updates run as background tasks (django-tasks), never in the editor's request."""

from django_tasks import task

from . import services


@task()
def index_pages_task(page_ids: list[int]) -> int:
    return services.index_pages(page_ids=page_ids)


@task()
def index_rebuild_task() -> int:
    return services.index_rebuild()
