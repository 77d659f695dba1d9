"""Translations of snippets in bulk: one query for a whole list instead of one per item."""

from django.db.models import F, Q
from django.utils import translation
from wagtail.models import Locale

_locale_ids: dict[str, int] = {}


def active_locale_id() -> int | None:
    code = translation.get_language() or "en"
    if code not in _locale_ids:
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            return None
        _locale_ids[code] = locale.pk
    return _locale_ids[code]


def own_language_q() -> Q:
    """Pages that are in their own language: not an alias of a page in another locale.

    Wagtail used to mirror every new page into every language as a live alias (the English words in the
    Belarusian tree). Such a page is not a translation: it is no hreflang alternate, no switcher target, not
    in the sitemap or a listing, and gets no newsletter (docs/translation.md, "Where a page appears").
    """
    return Q(alias_of__isnull=True) | Q(alias_of__locale_id=F("locale_id"))


def live_versions(page, request=None) -> dict:
    """Every live version of ``page`` in its own language (the page itself included), by language code: what the
    head's hreflang links, the language switcher and the share tags all ask for, fetched once per request."""
    memo = getattr(request, "_samvydat_live_versions", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._samvydat_live_versions = memo
    if page.pk not in memo:
        versions = page.get_translations(inclusive=True).live().filter(own_language_q()).select_related("locale")
        memo[page.pk] = {version.locale.language_code: version for version in versions}
    return memo[page.pk]


def listed_in_q(locale_id: int) -> Q:
    """Pages listed in a language: its own pages, and originals an editor chose to show there, labelled with
    their real language (``translations.labelled``; the one place core reads the translation workflow)."""
    from samvydat.translations.labelled import shown_q

    return (Q(locale_id=locale_id) | shown_q(locale_id=locale_id)) & own_language_q()


_language_codes: dict[int, str] = {}


def language_of(page) -> str:
    """The language code of a page's (or snippet's) locale, without a query after the first."""
    if page.locale_id not in _language_codes:
        _language_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _language_codes.get(page.locale_id, "")


def localize_all(objects: list) -> list:
    """Each translatable object in the active language where a translation exists, else itself."""
    objects = [obj for obj in objects if obj is not None]
    locale_id = active_locale_id()
    if not objects or locale_id is None:
        return objects
    model = type(objects[0])
    missing = {obj.translation_key for obj in objects if obj.locale_id != locale_id}
    translated = {}
    if missing:
        translated = {
            obj.translation_key: obj for obj in model.objects.filter(translation_key__in=missing, locale_id=locale_id)
        }
    return [obj if obj.locale_id == locale_id else translated.get(obj.translation_key, obj) for obj in objects]


def localize(obj):
    return localize_all([obj])[0] if obj is not None else None


def routable_alternates(index_page, entity, view_name: str) -> dict[str, str]:
    """Language code → the address of ``entity``'s view on each translation of a routable index page.

    Only languages where both the index and the entity are translated are listed; the language switcher
    sends the others to their home page.
    """
    entities = {obj.locale_id: obj for obj in type(entity).objects.filter(translation_key=entity.translation_key)}
    alternates = {}
    for index in (
        index_page.get_translations(inclusive=True).live().filter(own_language_q()).select_related("locale").specific()
    ):
        other = entities.get(index.locale_id)
        if other is not None:
            alternates[index.locale.language_code] = index.url + index.reverse_subpage(
                view_name, kwargs={"slug": other.slug}
            )
    return alternates


def view_alternates(url_name: str) -> dict[str, str]:
    """Language code → the address of a view that is not a page (search, newsletter, "send us information")
    in every language of the site, for the language switcher and the head's hreflang links."""
    from django.conf import settings
    from django.urls import reverse

    alternates = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            alternates[code] = reverse(url_name)
    return alternates


def by_slug_or_404(model, *, slug: str, locale):
    """The translatable object with ``slug`` in ``locale``; a slug of another language leads to its translation."""
    from django.http import Http404

    obj = model.objects.filter(slug=slug, locale=locale).first()
    if obj is None:
        other = model.objects.filter(slug=slug).first()
        if other is None:
            raise Http404
        obj = other.get_translation_or_none(locale) or other
    return obj
