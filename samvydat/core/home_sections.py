"""What the home page shows, contributed by the sections through a Wagtail hook (issue 18's "house").

A section registers, in its ``wagtail_hooks.py``, a function under ``HOME_SECTIONS_HOOK`` that returns a
``HomeSection``: its newest pages in the home page's language and the context names the home template knows them
by. The home page reads every contribution, so ``core`` imports no section and a new section needs no edit here::

    @hooks.register(HOME_SECTIONS_HOOK)
    def newest_news():
        return HomeSection(key="news", title=_("News"), order=20, width="wide",
                           items=lambda locale: newest(NewsPage, locale, 6, select_related=("social_image",)))

The template loops over ``home_sections`` (each built section has ``section``, ``items`` and ``template``); a
section's items are also in the context as ``latest_<key>`` (and whatever ``extra`` adds), for templates that place
a section by name — the weekly issue's "at a glance" above the rest, say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

HOME_SECTIONS_HOOK = "samvydat_home_sections"


@dataclass(frozen=True)
class HomeSection:
    key: str  # a name for the section: its heading's id and the context name ``latest_<key>``
    title: str  # the heading (a lazy translation)
    order: int  # sections are shown in this order
    items: Callable[[int], list]  # the home page's locale id → the pages to show
    width: str = "column"  # "wide": a row of its own; "column": side by side with the other columns
    template: str = "core/home_section.html"
    extra: Callable[[list], dict] = field(default=lambda items: {})  # more context names made from the items


@dataclass(frozen=True)
class BuiltSection:
    section: HomeSection
    items: list

    @property
    def template(self) -> str:
        return self.section.template

    @property
    def context(self) -> dict:
        return {f"latest_{self.section.key}": self.items, **self.section.extra(self.items)}


def home_sections() -> list[HomeSection]:
    """Every section's contribution, in order."""
    sections = [section for hook in hooks.get_hooks(HOME_SECTIONS_HOOK) if (section := hook())]
    return sorted(sections, key=lambda section: (section.order, section.key))


def newest(model, locale_id: int, count: int, *, select_related: tuple[str, ...] = ()) -> list:
    """The ``count`` newest pages of ``model`` a reader may see in the home page's language (labelled originals
    shown in it included: ``i18n.listed_in_q``)."""
    from .i18n import listed_in_q
    from .selectors import for_readers

    queryset = for_readers(model.objects).filter(listed_in_q(locale_id))
    if select_related:
        queryset = queryset.select_related(*select_related)
    return list(queryset.order_by("-date", "-pk")[:count])
