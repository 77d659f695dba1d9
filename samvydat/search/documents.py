"""From pages to index entries: what each page contributes to search, analysed by ``analysis``.

A page's *title tier* is its title, the people and organisations it is by, with or about, and its topic; its *body
tier* is its lead, body and other text. Both are analysed into exact words and stems, and all of it into name
keys, with the spelling variants stored on people and organisations (``aliases()``).

Pages are read as plain values (``values_list``), a few queries per page type and batch, never as model
instances: building Wagtail page objects cost more than analysing their text.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from samvydat.core.dates import week_range
from samvydat.core.selectors import for_readers
from samvydat.people.models import Organisation, Person

from .analysis import AliasIndex, alias_index, analyse
from .engines import IndexedText
from .models import Kind

_KINDS = {
    "news.newspage": Kind.NEWS,
    "plans.planpage": Kind.PLAN,
    "weekly.weeklyissuepage": Kind.ISSUE,
    "weekly.commentarypage": Kind.COMMENTARY,
    "discussions.discussionpage": Kind.DISCUSSION,
    "statements.statementpage": Kind.STATEMENT,
}
#: Plain text fields and StreamFields read from a page, when its model has them.
TEXT_FIELDS = ("summary", "intro", "series", "place")
STREAM_FIELDS = ("questions", "briefly", "body", "transcript")
OTHER_FIELDS = ("date", "week_start", "week_end", "topic_id", "trend", "moderator_id")
#: Relations naming the people (person_id) or organisations (organisation_id) of a page.
PEOPLE_RELATIONS = ("authors", "participants")
ORGANISATION_RELATIONS = ("signatories",)
#: Keys of StreamField values that hold no readable text.
_NOT_TEXT = frozenset({"type", "id", "url", "image", "document", "level", "person", "speaker_id", "embed"})
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
TEXT_LIMIT = 20_000  # characters of plain text kept for snippets


@dataclass
class Entry:
    """Everything the index stores for one page."""

    page_id: int
    language: str
    kind: str
    public: bool
    title: str
    url: str
    date: object = None
    topic: str = ""
    topic_name: str = ""
    trend: str = ""
    summary: str = ""
    text: str = ""
    people: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    indexed: IndexedText | None = None


def stream_text(value) -> list[str]:
    """The readable strings of a StreamField value (a StreamValue, its raw list or its JSON text)."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value else []
        except ValueError:
            return [value]
    raw = getattr(value, "raw_data", value)
    if not isinstance(raw, str | list | tuple | dict):  # a StreamValue's RawDataView
        raw = list(raw)
    texts: list[str] = []
    _collect(raw, texts)
    return texts


def _collect(value, texts: list[str]) -> None:
    if isinstance(value, str):
        if value and not value.startswith(("http://", "https://", "/")):
            texts.append(html.unescape(_TAG.sub(" ", value)) if "<" in value else value)
    elif isinstance(value, dict):
        if "type" in value and "value" in value:
            _collect(value["value"], texts)
        else:
            for key, item in value.items():
                if key not in _NOT_TEXT:
                    _collect(item, texts)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, texts)
    elif hasattr(value, "raw_data"):
        _collect(list(value.raw_data), texts)


def _plain(texts) -> str:
    return _SPACES.sub(" ", " ".join(t for t in texts if t)).strip()


# --- spelling variants, cached per process --------------------------------------------------------------------
_aliases_lock = threading.Lock()
_aliases: tuple[float, AliasIndex] | None = None
ALIASES_MAX_AGE = 300  # seconds; saving a person or organisation clears the cache at once in this process


def aliases() -> AliasIndex:
    """The spelling groups of every person and organisation, in every language (one group per entity)."""
    global _aliases
    with _aliases_lock:
        if _aliases is None or time.monotonic() - _aliases[0] > ALIASES_MAX_AGE:
            groups: dict[tuple[str, object], list[str]] = {}
            for model in (Person, Organisation):
                for key, name, variants in model.objects.values_list("translation_key", "name", "aliases"):
                    group = groups.setdefault((model.__name__, key), [])
                    group.append(name)
                    group.extend(line.strip() for line in variants.splitlines() if line.strip())
            _aliases = (time.monotonic(), alias_index(groups.values()))
        return _aliases[1]


def forget_aliases() -> None:
    global _aliases
    with _aliases_lock:
        _aliases = None


# --- reading pages ----------------------------------------------------------------------------------------------
class Context:
    """What every entry of a batch or a rebuild shares: names, topics, restrictions, site roots, aliases."""

    def __init__(self):
        from samvydat.weekly.models import Topic

        self.people = {pk: (slug, name) for pk, slug, name in Person.objects.values_list("pk", "slug", "name")}
        self.organisations = dict(Organisation.objects.values_list("pk", "name"))
        self.topics = {pk: (slug, name) for pk, slug, name in Topic.objects.values_list("pk", "slug", "name")}
        self.restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        self.roots = sorted(
            ((r.root_path, r.language_code) for r in Site.get_site_root_paths()), key=lambda r: -len(r[0])
        )
        self.aliases = aliases()
        self.kinds = {ct.pk: _KINDS.get(f"{ct.app_label}.{ct.model}", Kind.PAGE) for ct in ContentType.objects.all()}

    def url(self, url_path: str, language: str) -> str:
        for root_path, root_language in self.roots:
            if url_path.startswith(root_path) and root_language == language:
                with translation.override(language):
                    return reverse("wagtail_serve", args=(url_path[len(root_path) :],))
        return ""


def entries(page_ids, context: Context | None = None) -> list[Entry]:
    """The analysed entries of these pages (ids of missing pages and of the root are skipped)."""
    context = context or Context()
    base = list(
        Page.objects.filter(pk__in=list(page_ids), depth__gt=1).values_list(
            "pk", "title", "path", "depth", "url_path", "live", "content_type_id", "locale__language_code"
        )
    )
    by_type: dict[int, list[int]] = {}
    for row in base:
        by_type.setdefault(row[6], []).append(row[0])
    specific: dict[int, dict] = {}
    people: dict[int, list[int]] = {}
    organisations: dict[int, list[int]] = {}
    issues = []
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        names = {f.name for f in model._meta.get_fields()}
        columns = [n for n in (*TEXT_FIELDS, *OTHER_FIELDS) if n.removesuffix("_id") in names]
        streams = {f"_{n}": Cast(n, TextField()) for n in STREAM_FIELDS if n in names}
        for values in model.objects.filter(pk__in=ids).annotate(**streams).values("pk", *columns, *streams):
            specific[values["pk"]] = values
        for relation in PEOPLE_RELATIONS + ORGANISATION_RELATIONS:
            if relation in names:
                target = "organisation_id" if relation in ORGANISATION_RELATIONS else "person_id"
                into = organisations if relation in ORGANISATION_RELATIONS else people
                rows = model._meta.get_field(relation).related_model.objects.filter(page_id__in=ids)
                for page_id, other in rows.order_by("page_id", "sort_order").values_list("page_id", target):
                    into.setdefault(page_id, []).append(other)
        if "week_start" in names:
            wanted = set(ids)
            issues += [row for row in base if row[0] in wanted]
    children = _commentaries_of(issues)
    return [_entry(row, specific.get(row[0], {}), people, organisations, children, context) for row in base]


def _commentaries_of(issues) -> dict[int, list[tuple[str, str]]]:
    """Weekly issue id → (title, summary) of its live commentaries: an issue is found by them too."""
    from django.db.models import Q

    from samvydat.weekly.models import CommentaryPage

    if not issues:
        return {}
    steplen = Page.steplen
    by_path = {row[2]: row[0] for row in issues}
    commentaries = for_readers(CommentaryPage.objects)
    if len(issues) <= 50:  # a few issues (publishing): their own path ranges; a rebuild: one pass over all
        ranges = Q()
        for path in by_path:
            ranges |= Q(path__gt=path, path__lt=path + "Z" * steplen)
        commentaries = commentaries.filter(ranges)
    else:
        commentaries = commentaries.filter(depth__in={row[3] + 1 for row in issues})
    children: dict[int, list[tuple[str, str]]] = {}
    for path, title, summary in commentaries.order_by("path").values_list("path", "title", "summary"):
        issue = by_path.get(path[:-steplen])
        if issue is not None:
            children.setdefault(issue, []).append((title, summary))
    return children


def _entry(row, values: dict, people, organisations, children, context: Context) -> Entry:
    page_id, title, path, _depth, url_path, live, content_type_id, language = row
    persons = [context.people[pk] for pk in people.get(page_id, ()) if pk in context.people]
    if values.get("moderator_id") in context.people:
        persons.append(context.people[values["moderator_id"]])
    orgs = [context.organisations[pk] for pk in organisations.get(page_id, ()) if pk in context.organisations]
    topic = context.topics.get(values.get("topic_id"))
    body_parts = [values.get(name) or "" for name in TEXT_FIELDS]
    for name in STREAM_FIELDS:
        if values.get(f"_{name}"):
            body_parts += stream_text(values[f"_{name}"])
    for child_title, child_summary in children.get(page_id, ()):
        body_parts += [child_title, child_summary]
    body = _plain(body_parts)
    title_tier = " ".join([title, *(name for _, name in persons), *orgs, topic[1] if topic else ""])
    title_analysis = analyse(title_tier, language=language, aliases=context.aliases)
    body_analysis = analyse(body, language=language, aliases=context.aliases)
    shown_title = title
    if values.get("week_start") and values.get("week_end"):  # "Situation in Belarus: 8–14 February 2021"
        with translation.override(language):
            shown_title = f"{title}: {week_range(values['week_start'], values['week_end'])}"
    date = values.get("date") or values.get("week_end")
    return Entry(
        page_id=page_id,
        language=language,
        kind=context.kinds.get(content_type_id, Kind.PAGE),
        public=live and not any(path.startswith(restricted) for restricted in context.restricted),
        title=shown_title,
        url=context.url(url_path, language),
        date=date,
        topic=topic[0] if topic else "",
        topic_name=topic[1] if topic else "",
        trend=values.get("trend") or "",
        summary=values.get("summary") or "",
        text=body[:TEXT_LIMIT],
        people=list(dict.fromkeys(persons)),
        indexed=IndexedText(
            title_words=title_analysis.words,
            title_stems=title_analysis.stems,
            body_words=body_analysis.words,
            body_stems=body_analysis.stems,
            title_keys=title_analysis.name_keys,
            name_keys=body_analysis.name_keys,
            language=language,
        ),
    )
