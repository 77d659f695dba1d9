"""The site's furniture — home pages, menus, the people and weekly indexes — fetched once per request.

Every page shows the menu and the language switcher and links to people and topics; fetching the homes
and section indexes of all languages in one query keeps that cost flat.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page


@dataclass
class LanguageFurniture:
    home: Page | None = None
    menu: list[Page] = field(default_factory=list)
    indexes: dict[str, Page] = field(default_factory=dict)  # "app_label.model" → index page


def site_furniture(request) -> dict[str, LanguageFurniture]:
    """Language code → its home, menu pages and section indexes (memoised on the request)."""
    cached = getattr(request, "_samvydat_furniture", None)
    if cached is not None:
        return cached
    from .models import HomePage

    home_type = ContentType.objects.get_for_model(HomePage)
    furniture: dict[str, LanguageFurniture] = {}
    homes_by_path = {}
    pages = (
        Page.objects.live().filter(depth__in=(2, 3)).select_related("locale", "content_type").order_by("depth", "path")
    )
    for page in pages:
        code = page.locale.language_code
        if page.depth == 2:
            if page.content_type_id == home_type.id:
                homes_by_path[page.path] = code
                furniture.setdefault(code, LanguageFurniture()).home = page
            continue
        parent_code = homes_by_path.get(page.path[: -Page.steplen])
        if parent_code is None:
            continue
        entry = furniture.setdefault(parent_code, LanguageFurniture())
        entry.indexes[f"{page.content_type.app_label}.{page.content_type.model}"] = page
        if page.show_in_menus:
            entry.menu.append(page)
    if request is not None:
        request._samvydat_furniture = furniture
    return furniture
