"""Background work: (re)make a page's PDF after it, or one of its commentaries, was published."""

from django_tasks import task


@task()
def pdf_refresh_task(page_id: int) -> str:
    from .services import pdf_refresh

    return pdf_refresh(page_id=page_id)
