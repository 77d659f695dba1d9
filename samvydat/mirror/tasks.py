"""Background work for the mirror: bring it in line with a published page, rebuild its search index, push it."""

import os
import time
from pathlib import Path

from django.conf import settings
from django_tasks import task


def mirror_root() -> Path | None:
    """The mirror kept up to date on publish (``MIRROR_ROOT``), or None when there is none."""
    root = getattr(settings, "MIRROR_ROOT", "") or ""
    return Path(root) if root else None


@task()
def mirror_page_task(page_id: int) -> dict:
    from . import services, storage

    out = mirror_root()
    if out is None or storage.live_root(out.absolute()) is None:
        return {"skipped": "no live mirror"}
    report = services.mirror_update_for_page(out=out, page_id=page_id)
    storage.sibling(out.absolute(), ".search-wanted").touch()
    mirror_followup_task.enqueue()
    return {"changed": len(report.changed), "removed": len(report.removed), "seconds": round(report.seconds, 3)}


@task()
def mirror_followup_task() -> str:
    """After updates: the search index (rebuilt whole: Pagefind has no incremental mode), then the push."""
    from . import services, storage

    out = mirror_root()
    root = storage.live_root(out.absolute()) if out else None
    if root is None:
        return "no live mirror"
    wanted = storage.sibling(out.absolute(), ".search-wanted")
    done = storage.sibling(out.absolute(), ".search-done")
    started = time.time()
    if _mtime(wanted) <= _mtime(done):
        return "already done by a later run"  # several publications, one rebuild
    if getattr(settings, "MIRROR_SEARCH_ON_UPDATE", True):
        services.search_reindex(out=out)
    services.push(root=root)
    done.touch()
    os.utime(done, (started, started))  # what was asked after this run started still needs a run
    return "done"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0
