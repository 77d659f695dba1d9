"""Template tags of the translate workflow in the admin: the "Translate into …" offers and the source panel."""

from django import template
from wagtail.models import Page, TranslatableMixin

from ..offers import page_offers, snippet_offers
from ..source_panel import source_panel_context

register = template.Library()


@register.simple_tag
def translation_offers(obj, user) -> list:
    if isinstance(obj, Page) and obj.pk:
        return page_offers(page=obj, user=user)
    if isinstance(obj, TranslatableMixin) and obj.pk:
        return snippet_offers(snippet=obj, user=user)
    return []


@register.simple_tag
def translation_source_panel(obj, user=None) -> dict:
    """What ``translations/source_panel.html`` shows beside the editor of a translated page or snippet (``source``
    None: nothing)."""
    return source_panel_context(obj, user)
