"""Background work for the mirror: bring it in line with a published page, rebuild its search index, push it."""

import os
import time
from functools import partial
from pathlib import Path

from django.conf import settings
from django_tasks import task


def mirror_root() -> Path | None:
    """The mirror kept up to date on publish (``MIRROR_ROOT``), or None when there is none."""
    root = getattr(settings, "MIRROR_ROOT", "") or ""
    return Path(root) if root else None


@task()
def mirror_page_task(page_id: int, previous_topic_id: int | None = None) -> dict:
    """A page was published or unpublished (``previous_topic_id``: a commentary's topic before, if it changed)."""
    from . import services

    return _update(partial(services.mirror_update_for_page, page_id=page_id, previous_topic_id=previous_topic_id))


@task()
def mirror_move_task(page_id: int, old_url: str, old_parent_id: int | None = None) -> dict:
    """A page moved in the tree (from under ``old_parent_id``) or got a new slug; its address was ``old_url``."""
    from . import services

    return _update(
        partial(services.mirror_update_for_move, page_id=page_id, old_url=old_url, old_parent_id=old_parent_id)
    )


@task()
def mirror_entity_task(model: str, entity_id: int, old_slug: str = "", created: bool = False) -> dict:
    """A person, organisation or topic (``model``: "people.person", …) was saved; its slug was ``old_slug``."""
    from . import services

    return _update(
        partial(services.mirror_update_for_entity, model=model, entity_id=entity_id, old_slug=old_slug, created=created)
    )


@task()
def mirror_addresses_task(
    addresses: list[str], removed: list[str] | None = None, listings: list[str] | None = None
) -> dict:
    """Render ``addresses`` and ``listings`` again and delete ``removed`` (found before a snippet was deleted)."""
    from . import services

    return _update(partial(services.mirror_update, addresses=addresses, removed=removed or (), listings=listings or ()))


def _update(update) -> dict:
    """Run ``update(out=…)`` on the live mirror, then ask for the search index and the push."""
    from . import storage

    out = mirror_root()
    if out is None or storage.live_root(out.absolute()) is None:
        return {"skipped": "no live mirror"}
    report = update(out=out)
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
