"""What a person's or an organisation's page lists, contributed by the sections through a Wagtail hook.

A section registers, in its ``wagtail_hooks.py``, a function under ``PERSON_LISTS_HOOK`` that returns the
``EntityList`` of its pages by, with or signed by someone (news by their authors, discussions with their
participants…). The people app reads them for the person and organisation pages, and the feeds for the person's
feed, so that neither imports a section and a new section needs no edit here::

    @hooks.register(PERSON_LISTS_HOOK)
    def news_by_authors():
        return EntityList(key="news", title=_("News"), order=20, model=NewsPage,
                          condition=lambda key: Q(authors__person__translation_key=key))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from wagtail import hooks

PERSON_LISTS_HOOK = "samvydat_person_lists"
#: How many of a list's newest pages an entity's page shows.
LIST_LENGTH = 50


@dataclass(frozen=True)
class EntityList:
    key: str  # a name for the list: its heading's id, e.g. "commentaries"
    title: str  # the heading (a lazy translation)
    order: int  # lists are shown in this order
    model: type  # the section's page model
    condition: Callable[[object], Q]  # the entity's translation key → which pages of ``model`` are theirs
    entity: str = "person"  # or "organisation"
    teaser: str = "includes/teaser.html"
    select_related: tuple[str, ...] = ()

    def pages(self, *, entity_key, locale) -> list:
        """The newest live, public pages of this list in ``locale`` for the entity (every translation of it)."""
        from samvydat.core.selectors import for_readers

        queryset = for_readers(self.model.objects).filter(locale=locale).filter(self.condition(entity_key))
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        # A filter across a relation (authors, participants) may match a page more than once.
        return list(queryset.order_by("-date", "-pk").distinct()[:LIST_LENGTH])


def entity_lists(entity: str = "person") -> list[EntityList]:
    """Every section's lists for ``entity`` ("person" or "organisation"), in their order."""
    lists = [spec for hook in hooks.get_hooks(PERSON_LISTS_HOOK) if (spec := hook()) and spec.entity == entity]
    return sorted(lists, key=lambda spec: (spec.order, spec.key))
