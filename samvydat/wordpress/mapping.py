"""Where each WordPress item goes: a YAML mapping file from post types, categories and tags to sections.

The file (every key optional)::

    post_types:          # WordPress post type → section, or "skip"
      post: news
      page: skip
    categories:          # category slug → section or "skip"; the first of a post's categories listed here wins
      plans: plans
      statements: statements
    tags:                # tag slug → section or "skip"; used when no category decides
      joint-statement: statements

A post type not listed is skipped (with a warning); a type mapped to a section may be sent elsewhere by its
categories, then its tags. Without a file (or for whatever it leaves out) posts go to News, and pages are
skipped with a warning: samvydat has no plain page type yet. Status decides publication: ``publish`` → published; ``draft``,
``pending`` and ``private`` → an unpublished draft (never public); ``future`` → a draft that keeps its go-live
date (Wagtail publishes it then); ``trash``, ``auto-draft`` and ``inherit`` → skipped.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import yaml

from .errors import ExportError
from .wxr import Item

SECTIONS = ("news", "plans", "statements")
SKIP = "skip"
DEFAULT_POST_TYPES = {"post": "news", "page": SKIP}
DRAFT_STATUSES = {"draft", "pending", "private"}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
NON_CONTENT_TYPES = {
    "attachment",
    "nav_menu_item",
    "revision",
    "custom_css",
    "customize_changeset",
    "oembed_cache",
    "wp_block",
    "wp_template",
    "wp_template_part",
    "wp_global_styles",
    "wp_navigation",
    "user_request",
}


@dataclass(frozen=True)
class Mapping:
    post_types: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_POST_TYPES))
    categories: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Placement:
    """What happens to one item: its section (or None when skipped, with the reason), and its publication."""

    section: str | None
    draft: bool = False
    go_live_at: datetime | None = None
    skip_reason: str = ""


def _section_table(data: dict, key: str, path: Path) -> dict[str, str]:
    table = data.get(key) or {}
    if not isinstance(table, dict):
        raise ExportError(path, f"'{key}' must be a table of slug: section")
    result = {}
    for slug, section in table.items():
        if section not in SECTIONS + (SKIP,):
            raise ExportError(
                path, f"{key}.{slug}: unknown section {section!r} (one of {', '.join(SECTIONS + (SKIP,))})"
            )
        result[str(slug)] = section
    return result


def load_mapping(path: Path | None) -> Mapping:
    """The mapping in ``path`` over the defaults; an unreadable or wrong file raises ``ExportError``."""
    if path is None:
        return Mapping()
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ExportError(path, f"cannot be read ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ExportError(
            path, f"not valid YAML ({getattr(error, 'problem', error)})", line=mark.line + 1 if mark else None
        ) from None
    if not isinstance(data, dict):
        raise ExportError(path, "a mapping file is a YAML table (post_types, categories, tags)")
    unknown = set(data) - {"post_types", "categories", "tags"}
    if unknown:
        raise ExportError(path, f"unknown keys: {', '.join(sorted(map(str, unknown)))}")
    return Mapping(
        post_types={**DEFAULT_POST_TYPES, **_section_table(data, "post_types", path)},
        categories=_section_table(data, "categories", path),
        tags=_section_table(data, "tags", path),
    )


def place(item: Item, mapping: Mapping) -> Placement:
    """Where ``item`` goes and whether it is published, a draft, scheduled or skipped."""
    if item.post_type in NON_CONTENT_TYPES:
        return Placement(None, skip_reason=f"a {item.post_type}, not content")
    if item.status in SKIPPED_STATUSES:
        return Placement(None, skip_reason=f"status {item.status}")
    by_type = mapping.post_types.get(item.post_type)
    if by_type is None:
        return Placement(None, skip_reason=f"post type {item.post_type!r} is not in the mapping")
    if by_type == SKIP:
        reason = "pages: samvydat has no plain page type yet" if item.post_type == "page" else "mapped to skip"
        return Placement(None, skip_reason=reason)
    by_category = [mapping.categories[t.slug] for t in item.terms_in("category") if t.slug in mapping.categories]
    by_tag = [mapping.tags[t.slug] for t in item.terms_in("post_tag") if t.slug in mapping.tags]
    section = (by_category + by_tag + [by_type])[0]
    if section == SKIP:
        return Placement(None, skip_reason="its category or tag is mapped to skip")
    if item.status == "publish":
        return Placement(section)
    if item.status in DRAFT_STATUSES:
        return Placement(section, draft=True)
    if item.status == "future":
        return Placement(section, draft=True, go_live_at=item.published_at)
    return Placement(None, skip_reason=f"unknown status {item.status!r}")
