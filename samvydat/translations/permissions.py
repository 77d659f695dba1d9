"""Who sees the translation status and who may mark a translation checked."""

import re

from django.conf import settings
from wagtail.models import Page

from samvydat.core.roles import EDITOR_GROUPS, TRANSLATORS

_TRANSLATORS = re.compile(r"^" + re.escape(TRANSLATORS).replace(r"\{code\}", r"(?P<code>[\w-]+)") + r"$")


def translator_languages(user) -> list[str]:
    """The languages ``user`` translates into (from the "Translators (be)" … groups), in settings order."""
    codes = {m["code"] for name in user.groups.values_list("name", flat=True) if (m := _TRANSLATORS.match(name))}
    return [code for code, _name in settings.LANGUAGES if code in codes]


def is_editor(user) -> bool:
    return user.is_active and (user.is_superuser or user.groups.filter(name__in=EDITOR_GROUPS).exists())


def can_view_status(user) -> bool:
    return user.is_authenticated and (is_editor(user) or bool(translator_languages(user)))


def can_mark_checked(user, translation, language: str) -> bool:
    """Editors, and the translators of that language who may edit the translation."""
    if not user.is_authenticated or not (is_editor(user) or language in translator_languages(user)):
        return False
    if isinstance(translation, Page):
        return translation.permissions_for_user(user).can_edit()
    meta = type(translation)._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")
