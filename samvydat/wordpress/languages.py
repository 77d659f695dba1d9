"""Which language each WordPress post is in, and which posts are translations of one another.

Polylang keeps both in taxonomies: each post carries a ``language`` term (slug ``be``; the term's
PHP-serialised description holds the locale, ``be_BY``) and a ``post_translations`` term whose description is a
PHP-serialised array ``{language slug: post id}``, read here with ``phpserialize`` (never with regexes).
WPML's *Export and Import* add-on writes post meta instead: ``_wpml_import_language_code``,
``_wpml_import_translation_group`` and ``_wpml_import_source_language_code`` (older ``icl_*`` names are read too).

A language that is not one of the site's content languages is reported, never guessed; such a post is not
given a locale (the import refuses the export, naming the post).

The source of a translation group is the item WPML names as source, else English when the group has it, else
the first of the site's languages present (so a group with only ``be`` and ``ru`` has the Belarusian post as
its source and the Russian one as its translation; no English page is made up).
"""

from dataclasses import dataclass, field

import phpserialize
from django.conf import settings

from .wxr import Export, Item

WPML_LANGUAGE_KEYS = ("_wpml_import_language_code", "_icl_lang", "icl_language")
WPML_GROUP_KEYS = ("_wpml_import_translation_group", "_icl_trid", "icl_trid")
WPML_SOURCE_KEYS = ("_wpml_import_source_language_code", "_icl_source_lang")


@dataclass
class TranslationGroup:
    key: str
    posts: dict[str, int]  # language code → wp post id
    source_language: str = ""

    @property
    def source_post_id(self) -> int:
        return self.posts[self.source_language]


@dataclass
class Languages:
    post_language: dict[int, str] = field(default_factory=dict)
    groups: list[TranslationGroup] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "post N: …" messages; the import refuses if any

    def group_of(self, post_id: int) -> TranslationGroup | None:
        for group in self.groups:
            if post_id in group.posts.values():
                return group
        return None


def site_languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def _unserialize(text: str) -> dict:
    """A PHP-serialised array as a dict of str → str|int; {} when it is not one (reported by the caller)."""
    try:
        value = phpserialize.loads(text.encode(), decode_strings=True)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _polylang_language_codes(export: Export, known: list[str]) -> dict[str, str]:
    """Polylang language slug → the site's language code, by slug then by the locale's language part."""
    codes = {}
    for term in export.terms_in("language"):
        locale = str(_unserialize(term.description).get("locale", ""))
        for candidate in (term.slug.lower(), locale.lower().replace("-", "_").partition("_")[0]):
            if candidate in known:
                codes[term.slug] = candidate
                break
    return codes


def _wpml_value(item: Item, keys: tuple[str, ...]) -> str:
    for key in keys:
        if item.meta.get(key, "").strip():
            return item.meta[key].strip()
    return ""


def _choose_source(group: TranslationGroup, known: list[str], named_source: str = "") -> None:
    if named_source in group.posts:
        group.source_language = named_source
        return
    order = (["en"] if "en" in known else []) + known
    group.source_language = next(code for code in order if code in group.posts)


def detect_languages(export: Export, *, known: list[str] | None = None, skip: set[int] = frozenset()) -> Languages:
    """Each content item's language and the translation groups, with the problems found (``skip``: ids ignored)."""
    known = known or site_languages()
    result = Languages()
    polylang = _polylang_language_codes(export, known)
    wpml_groups: dict[str, dict[str, int]] = {}
    wpml_sources: dict[str, str] = {}
    polylang_group_slugs = set()
    for item in export.items:
        if item.post_type in ("attachment", "nav_menu_item", "revision") or item.post_id in skip:
            continue
        terms = item.terms_in("language")
        raw = terms[0].slug if terms else _wpml_value(item, WPML_LANGUAGE_KEYS)
        if not raw:
            result.problems.append(f"post {item.post_id}: no language (neither Polylang nor WPML names one)")
            continue
        code = (
            polylang.get(raw) if terms else (raw.lower().split("-")[0] if raw.lower().split("-")[0] in known else None)
        )
        if code is None:
            result.problems.append(
                f"post {item.post_id}: language {raw!r} is not one of this site's languages ({', '.join(known)})"
            )
            continue
        result.post_language[item.post_id] = code
        for term in item.terms_in("post_translations"):
            polylang_group_slugs.add(term.slug)
        group_key = _wpml_value(item, WPML_GROUP_KEYS)
        if not terms and group_key:
            wpml_groups.setdefault(group_key, {})[code] = item.post_id
            source = _wpml_value(item, WPML_SOURCE_KEYS)
            if source:
                wpml_sources[group_key] = source
    for term in export.terms_in("post_translations"):
        if term.slug not in polylang_group_slugs:
            continue
        members = _unserialize(term.description)
        if not members:
            result.problems.append(f"translation group {term.slug}: its description is not a PHP-serialised array")
            continue
        posts = {}
        for post_id in members.values():
            post_id = int(post_id) if str(post_id).isdigit() else None
            if post_id in result.post_language:  # members not in the export, or in an unknown language, are left out
                posts[result.post_language[post_id]] = post_id
        if len(posts) > 1:
            group = TranslationGroup(key=term.slug, posts=posts)
            _choose_source(group, known)
            result.groups.append(group)
    for key, posts in wpml_groups.items():
        if len(posts) > 1:
            group = TranslationGroup(key=f"wpml:{key}", posts=posts)
            _choose_source(group, known, wpml_sources.get(key, ""))
            result.groups.append(group)
    return result
