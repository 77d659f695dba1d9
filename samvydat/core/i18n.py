"""Translations of snippets in bulk: one query for a whole list instead of one per item."""

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
