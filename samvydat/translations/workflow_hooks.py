"""Admin hooks of the translate workflow: "Translate into …" buttons and URLs, and one path to translate.

The buttons appear in a page's header menu, in the page listing's "More" menu, in the snippet listing, and
in the editor's status panel beside the locale (``templates/wagtailadmin/shared/side_panels/includes/status/
locale.html``). Creating buttons POST with Wagtail's ``w-action`` controller, which sends the CSRF token.

Wagtail's own ``simple_translation`` "Translate" action is retired: it lets anyone who may edit the source
copy it into *every* language (whole subtrees too) without asking whether they may add pages there, so it
would be a second, looser path. Its permission (``submit_translation``) stays in use.
"""

from django.urls import path
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.contrib.simple_translation import wagtail_hooks as simple_translation_hooks
from wagtail.models import TranslatableMixin

from .offers import Offer, page_offers, snippet_offers
from .workflow_views import translate_page, translate_snippet

_RETIRED_HOOKS = (
    ("register_admin_urls", simple_translation_hooks.register_admin_urls),
    ("register_page_header_buttons", simple_translation_hooks.page_header_buttons),
    ("register_page_listing_more_buttons", simple_translation_hooks.page_listing_more_buttons),
    ("register_snippet_listing_buttons", simple_translation_hooks.register_snippet_listing_buttons),
)


def _retire_simple_translation_actions() -> None:
    """Drop simple_translation's buttons and URLs (Wagtail has no public call to unregister a hook)."""
    for name, function in _RETIRED_HOOKS:
        registered = hooks._hooks.get(name, [])
        registered[:] = [(fn, order) for fn, order in registered if fn is not function]


_retire_simple_translation_actions()


def post_attrs(url: str) -> dict:
    """Attributes that make a button or link POST to ``url`` with the CSRF token (Wagtail's ActionController)."""
    return {"data-controller": "w-action", "data-action": "w-action#post", "data-w-action-url-value": url}


def _buttons(offers: list[Offer], priority: int):
    for number, offer in enumerate(offers):
        yield widgets.Button(
            offer.label,
            offer.url,
            icon_name="globe" if offer.creates else "edit",
            attrs=post_attrs(offer.url) if offer.creates else {},
            priority=priority + number,
        )


@hooks.register("register_admin_urls")
def translate_urls():
    return [
        path(
            "translations/translate/page/<int:page_id>/<str:language>/",
            translate_page,
            name="translations_translate_page",
        ),
        path(
            "translations/translate/snippet/<str:app_label>/<str:model_name>/<str:pk>/<str:language>/",
            translate_snippet,
            name="translations_translate_snippet",
        ),
    ]


@hooks.register("register_page_header_buttons")
def translate_header_buttons(page, user, view_name, next_url=None):
    yield from _buttons(page_offers(page=page, user=user), priority=80)


@hooks.register("register_page_listing_more_buttons")
def translate_listing_buttons(page, user, next_url=None):
    yield from _buttons(page_offers(page=page, user=user), priority=60)


@hooks.register("register_snippet_listing_buttons")
def translate_snippet_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, TranslatableMixin):
        yield from _buttons(snippet_offers(snippet=snippet, user=user), priority=100)
