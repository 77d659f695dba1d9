"""Actions on people: finding the pages that write about them, and editors' decisions on those suggestions."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from .mentions import people_mentioned, spellings_of, text_keys
from .models import Mention, MentionState, Person


def mentions_suggest(*, since: datetime.timedelta | None = None, page_ids=None) -> dict[str, int]:
    """Suggest who the public pages write about (every page, those indexed within ``since``, or ``page_ids``).

    Reads the search index's text of each page (title, lead, body), so it runs after indexing. New matches become
    suggestions; confirmed and rejected mentions are never touched (an editor's decision stands); a suggestion
    whose page no longer names the person is withdrawn. Returns counts: ``pages``, ``suggested``, ``withdrawn``.
    """
    from samvydat.search.models import SearchDocument

    spellings = spellings_of(Person.objects.values_list("translation_key", "name", "aliases"))
    from samvydat.search.models import Kind

    # An issue's text is its commentaries': the commentary itself is the page that writes about someone.
    documents = SearchDocument.objects.filter(public=True).exclude(kind=Kind.ISSUE)
    if since is not None:
        documents = documents.filter(indexed_at__gte=timezone.now() - since)
    if page_ids is not None:
        documents = documents.filter(page_id__in=list(page_ids))
    rows = documents.values_list("page_id", "page__translation_key", "language", "title", "summary", "text")
    found: dict[tuple[str, str], tuple[int, str]] = {}
    scanned_keys: set[str] = set()
    pages = 0
    for page_id, page_key, language, title, summary, text in rows.iterator(chunk_size=500):
        pages += 1
        scanned_keys.add(str(page_key))
        keys = text_keys(f"{title}\n{summary}\n{text}", language=language)
        for person_key, spelling in people_mentioned(keys, spellings).items():
            found.setdefault((person_key, str(page_key)), (page_id, spelling))
    return {"pages": pages, **_suggestions_store(found=found, scanned_keys=scanned_keys)}


@transaction.atomic
def _suggestions_store(*, found: dict[tuple[str, str], tuple[int, str]], scanned_keys: set[str]) -> dict[str, int]:
    existing, stale = set(), []
    scanned = sorted(scanned_keys)
    for start in range(0, len(scanned), 500):  # within every database's limit of query parameters
        these = Mention.objects.filter(page_key__in=scanned[start : start + 500])
        for pk, person_key, page_key, state in these.values_list("pk", "person_key", "page_key", "state"):
            pair = (str(person_key), str(page_key))
            existing.add(pair)
            if state == MentionState.SUGGESTED and pair not in found:
                stale.append(pk)
    for start in range(0, len(stale), 500):
        Mention.objects.filter(pk__in=stale[start : start + 500]).delete()
    new = [
        Mention(person_key=person_key, page_key=page_key, page_id=page_id, spelling=spelling[:255])
        for (person_key, page_key), (page_id, spelling) in found.items()
        if (person_key, page_key) not in existing
    ]
    Mention.objects.bulk_create(new, ignore_conflicts=True)
    return {"suggested": len(new), "withdrawn": len(stale)}


def mention_decide(*, mention: Mention, confirmed: bool) -> Mention:
    """An editor's decision: the page writes about the person (listed on their page and feed) or it does not."""
    mention.state = MentionState.CONFIRMED if confirmed else MentionState.REJECTED
    mention.save(update_fields=["state"])
    return mention


def mention_permission_ensure(*, apps=None, **_signal_kwargs) -> int:
    """Give Editors and Moderators of an existing site the right to confirm mentions (new sites get it with their
    roles, ``core.roles``); runs after ``migrate``, once Django has made the permission. Returns the groups given it."""
    from django.contrib.auth.models import Group, Permission

    from samvydat.core.roles import EDITOR_GROUPS

    permission = Permission.objects.filter(content_type__app_label="people", codename="confirm_mention").first()
    if permission is None:
        return 0
    groups = list(Group.objects.filter(name__in=EDITOR_GROUPS).exclude(permissions=permission))
    for group in groups:
        group.permissions.add(permission)
    return len(groups)
