"""Load a benchmark corpus into an empty site with bulk inserts (``services.corpus_bulk_load``).

``import_content`` saves one page at a time through treebeard's ``add_child`` (a few queries and a full
clean per page). This loader reads the package as a stream and writes pages in batches instead:

1. every file is parsed and checked by the reader's own rules (``reader.check_item``; YAML through libyaml,
   re-parsed by the default loader when it fails, so errors read the same as ``import_content``'s);
2. snippets (topics, people, organisations) are few: they are written by ``PackageWriter.write_snippet``;
3. each page is filled by ``PackageWriter._fill_page`` (front matter → fields, Markdown → StreamField JSON,
   authors, participants, signatories), then given its place in the tree here: an id, the materialised path
   (treebeard: steps of 4 base-36 digits), depth and url_path. Weekly issues are made from ``week`` the same way;
4. a batch is written with one ``executemany`` per table: ``wagtailcore_page``, then each page model's own table
   (its local concrete fields, prepared as Django prepares them), then the inline relations (``bulk_create``),
   then the news "Read more" links whose targets exist (the rest wait for the end);
5. at the end: the parents' ``numchild``, the id sequence (PostgreSQL), checks that need every page (translations
   without their English source, slugs used twice under one parent), then ``ANALYZE`` after the commit.

All or nothing: one transaction; the first problem stops the writing, the reading goes on to list every problem,
then ``PackageError`` rolls everything back. Pages are live, published at the moment of the load, without
revisions, log entries, search or reference index entries, or PDFs. Siblings are ordered by file name (the
importer orders them by translationKey: the same order for generated corpora, whose slugs are their keys).
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Count, Max
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page

from samvydat.core.services import translation_key_for
from samvydat.news.models import NewsRelatedLink
from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import Topic, WeeklyIssuePage

from .bulk_reader import SECTION_ORDER, page_items, read_item, section_paths, unknown_sections
from .errors import ItemError, PackageProblem
from .importer import PAGE_MODELS, PackageWriter, entity_translation_key, page_translation_key
from .limits import package_size_problems
from .reader import SNIPPET_SECTIONS, Item

SECTION_OF_MODEL = {model: section for section, model in PAGE_MODELS.items()}


@functools.lru_cache(maxsize=4096)
def entity_key(kind: str, key: str):
    return entity_translation_key(kind, key)


@functools.lru_cache(maxsize=65536)
def page_keys(key: str) -> dict:
    """translation_key → section, for a package key in every page section (UUID5s are slow to make)."""
    return {page_translation_key(section, key): section for section in PAGE_MODELS}


class BulkLoadRefused(Exception):
    """The database is not one the bulk loader may write to (it only fills an empty site)."""


@dataclass
class BulkLoadReport:
    items: int = 0
    pages: int = 0
    snippets: int = 0
    files: int = 0


# --- The tree ---------------------------------------------------------------------------------------------------
def path_step(number: int) -> str:
    """The ``number``-th (from 1) step of a treebeard materialised path: base 36, zero-padded to ``steplen``."""
    alphabet, width = Page.alphabet, Page.steplen
    digits = ""
    while number:
        number, rest = divmod(number, len(alphabet))
        digits = alphabet[rest] + digits
    if len(digits) > width:
        raise ItemError(f"more than {len(alphabet) ** width - 1} pages under one parent")
    return digits.rjust(width, alphabet[0])


class TreeSlots:
    """Places new pages as the last children of their parents and counts the children given."""

    def __init__(self):
        self.children: dict[int, list] = {}  # parent id → [parent, children placed]

    def place(self, page: Page, parent: Page) -> None:
        entry = self.children.setdefault(parent.pk, [parent, parent.numchild])
        entry[1] += 1
        page.path = parent.path + path_step(entry[1])
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = parent.url_path + page.slug + "/"

    def numchild(self) -> list[tuple[int, int]]:
        return [(count, parent_id) for parent_id, (_parent, count) in self.children.items()]


# --- Writing ----------------------------------------------------------------------------------------------------
class TableInserter:
    """INSERTs of whole model rows with ``executemany``, values prepared as Django's own INSERT prepares them."""

    def __init__(self):
        self.statements: dict[type, tuple[str, list]] = {}

    def insert(self, model: type[models.Model], objects: list) -> None:
        if model not in self.statements:
            fields = list(model._meta.local_concrete_fields)
            quote = connection.ops.quote_name
            columns = ", ".join(quote(field.column) for field in fields)
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
            self.statements[model] = (sql, fields)
        sql, fields = self.statements[model]
        rows = [[field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields] for obj in objects]
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)

    def insert_pages(self, pages: list[Page]) -> None:
        """Each concrete model's table in turn, from ``wagtailcore_page`` down (multi-table inheritance)."""
        by_table: dict[type, list] = {}
        for page in pages:
            for model in [*reversed(type(page)._meta.get_parent_list()), type(page)]:
                by_table.setdefault(model, []).append(page)
        for model, objects in by_table.items():
            self.insert(model, objects)


@dataclass
class PendingLinks:
    """A news page's "Read more" keys, resolved once their targets are in the database."""

    page_id: int
    locale_id: int
    keys: list[str]
    item_path: Path
    line: int


class BulkWriter(PackageWriter):
    """``PackageWriter``'s conversions, with pages placed and inserted in batches instead of saved one by one."""

    def __init__(self, package_root: Path, *, batch: int):
        super().__init__(package_root, revisions=False)
        self.batch_size = batch
        self.now = timezone.now()
        self.next_id = (Page.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        self.first_id = self.next_id
        self.slots = TreeSlots()
        self.tables = TableInserter()
        self.batch: list[tuple[Page, Item | None]] = []
        self.waiting_links: list[PendingLinks] = []
        self.batch_links: list[PendingLinks] = []
        self.pages_written = 0
        self.entities: dict = {}
        self.default_locale = self.locales[settings.LANGUAGE_CODE]
        self._field_limits: dict[type, list] = {}
        self._media_by_name: dict[tuple, int] = {}

    # --- references: snippets are few, looked up in memory ------------------------------------------------------
    def remember_entities(self) -> None:
        for model in (Person, Organisation, Topic):
            for obj in model.objects.all():
                self.entities.setdefault(obj.translation_key, {})[obj.locale_id] = obj

    def entity(self, model, kind: str, key: str, lang: str):
        found = self.entities.get(entity_key(kind, key), {})
        return found.get(self.locales[lang].pk) or found.get(self.default_locale.pk) or next(iter(found.values()), None)

    def media(self, item: Item, kind: str, relative: str, line: int) -> int:
        """The importer's media, remembered by folder and relative path: checked and hashed once per file."""
        slot = (kind, item.path.parent, relative)
        if slot not in self._media_by_name:
            self._media_by_name[slot] = super().media(item, kind, relative, line)
        return self._media_by_name[slot]

    # --- pages ------------------------------------------------------------------------------------------------
    def weekly_issue(self, week_start: datetime.date, lang: str) -> WeeklyIssuePage:
        if (week_start, lang) not in self._issues:
            issue = WeeklyIssuePage.of_week(
                week_start,
                locale=self.locales[lang],
                translation_key=translation_key_for("weekly-issue", week_start.isoformat()),
            )
            self.place(issue, self.index("weekly", lang), live=True, item=None)
            self._issues[(week_start, lang)] = issue
        return self._issues[(week_start, lang)]

    def write_page(self, item: Item) -> Page:
        meta, lang, section = item.meta, item.lang, item.section
        model = PAGE_MODELS[section]
        parent = self.weekly_issue(meta["week"], lang) if section == "weekly" else self.index(section, lang)
        translation_key = next(tk for tk, tk_section in page_keys(item.key).items() if tk_section == section)
        page = model(translation_key=translation_key, locale=self.locales[lang])
        self._fill_page(page, item)
        self.check_lengths(page, item)
        self.place(page, parent, live=not meta.get("draft"), item=item)
        if section == "news" and meta.get("related"):
            self.batch_links.append(
                PendingLinks(page.pk, page.locale_id, list(meta["related"]), item.path, item.line_of("related"))
            )
        return page

    def place(self, page: Page, parent: Page, *, live: bool, item: Item | None) -> None:
        page.id = page.page_ptr_id = self.next_id
        self.next_id += 1
        self.slots.place(page, parent)
        page.draft_title = page.title
        page.live = live
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = self.now if live else None
        page.latest_revision_created_at = None
        self.batch.append((page, item))

    def check_lengths(self, page: Page, item: Item) -> None:
        """What full_clean would refuse and the database might not: texts longer than their column."""
        model = type(page)
        if model not in self._field_limits:
            self._field_limits[model] = [
                field
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField) and field.max_length and field.editable
            ]
        for field in self._field_limits[model]:
            value = getattr(page, field.attname)
            if isinstance(value, str) and len(value) > field.max_length:
                raise ItemError(
                    f"'{field.name}' is longer than {field.max_length} characters", item.line_of(field.name)
                )

    # --- batches ----------------------------------------------------------------------------------------------
    def batch_full(self) -> bool:
        return len(self.batch) >= self.batch_size

    def discard_batch(self) -> None:
        self.batch = []
        self.batch_links = []

    def duplicate_problems(self) -> list[PackageProblem]:
        """Keys already used in the same language by a page written before or earlier in this batch.

        The duplicates leave the batch (the load fails anyway; the rest is still written, to find more problems).
        """
        if not self.batch:
            return []
        problems = []
        duplicates = set()
        seen: dict[tuple[str, int], Path] = {}
        candidates: dict = {}
        for page, item in self.batch:
            if item is None:
                continue
            slot = (item.key, page.locale_id)
            if slot in seen:
                problems.append(self._duplicate(item, seen[slot]))
                duplicates.add(page.pk)
            seen[slot] = item.path
            for translation_key, section in page_keys(item.key).items():
                candidates[translation_key] = (section, item.key)
        tks = list(candidates)
        for start in range(0, len(tks), 500):
            rows = Page.objects.filter(translation_key__in=tks[start : start + 500], id__lt=self.batch[0][0].pk)
            for translation_key, locale_id, slug in rows.values_list("translation_key", "locale_id", "slug"):
                section, key = candidates[translation_key]
                lang = next(code for code, locale in self.locales.items() if locale.pk == locale_id)
                for page, item in self.batch:
                    if item is not None and item.key == key and page.locale_id == locale_id:
                        problems.append(self._duplicate(item, item.path.parent.parent / section / f"{slug}.{lang}.md"))
                        duplicates.add(page.pk)
        if duplicates:
            self.batch = [(page, item) for page, item in self.batch if page.pk not in duplicates]
            self.batch_links = [entry for entry in self.batch_links if entry.page_id not in duplicates]
        return problems

    @staticmethod
    def _duplicate(item: Item, other: Path) -> PackageProblem:
        message = f"translationKey {item.key!r} in {item.lang!r} is also used by {other}"
        return item.problem(message, item.line_of("translationKey"))

    def flush(self) -> None:
        if not self.batch:
            return
        pages = [page for page, _item in self.batch]
        self.tables.insert_pages(pages)
        self.insert_child_relations(pages)
        self.pages_written += len(pages)
        self.waiting_links += self.link_pages(self.batch_links)
        self.discard_batch()

    def insert_child_relations(self, pages: list[Page]) -> None:
        """Authors, participants, signatories: the inline objects ``_fill_page`` set on the page in memory."""
        by_model: dict[type, list] = {}
        for page in pages:
            # modelcluster keeps assigned child objects here until the page is saved.
            assigned = getattr(page, "_cluster_related_objects", {})
            for relation in get_all_child_relations(type(page)):
                name = relation.get_accessor_name()
                if name not in assigned:
                    continue
                for order, child in enumerate(getattr(page, name).all()):
                    setattr(child, relation.field.attname, page.pk)
                    if hasattr(child, "sort_order"):
                        child.sort_order = order
                    by_model.setdefault(type(child), []).append(child)
        for model, objects in by_model.items():
            model.objects.bulk_create(objects, batch_size=500)

    def link_pages(self, pending: list[PendingLinks]) -> list[PendingLinks]:
        """Write the "Read more" links whose targets all exist; return the others."""
        if not pending:
            return []
        candidates = {}
        for entry in pending:
            for key in entry.keys:
                for translation_key in page_keys(key):
                    candidates[translation_key] = key
        found: dict[str, dict[int, int]] = {}
        tks = list(candidates)
        for start in range(0, len(tks), 500):
            rows = Page.objects.filter(translation_key__in=tks[start : start + 500])
            for translation_key, locale_id, pk in rows.values_list("translation_key", "locale_id", "id"):
                found.setdefault(candidates[translation_key], {})[locale_id] = pk
        links, waiting = [], []
        for entry in pending:
            targets = []
            for key in entry.keys:
                by_locale = found.get(key, {})
                targets.append(by_locale.get(entry.locale_id) or by_locale.get(self.default_locale.pk))
            if None in targets:
                waiting.append(entry)
                continue
            links += [
                NewsRelatedLink(page_id=entry.page_id, target_id=target, sort_order=order)
                for order, target in enumerate(targets)
            ]
        NewsRelatedLink.objects.bulk_create(links, batch_size=500)
        return waiting

    def unresolved_links(self) -> list[PackageProblem]:
        still_waiting = self.link_pages(self.waiting_links)
        self.waiting_links = []
        problems = []
        for entry in still_waiting:
            found = {key for key in entry.keys if self.page_by_key(key, self._lang_of(entry.locale_id))}
            missing = next(key for key in entry.keys if key not in found)
            problems.append(PackageProblem(entry.item_path, entry.line, f"unknown page {missing!r} in 'related'"))
        return problems

    def _lang_of(self, locale_id: int) -> str:
        return next(code for code, locale in self.locales.items() if locale.pk == locale_id)

    # --- the end ----------------------------------------------------------------------------------------------
    def finish_tree(self) -> None:
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Page._meta.db_table)
            cursor.executemany(f"UPDATE {table} SET numchild = %s WHERE id = %s", self.slots.numchild())
            for sql in connection.ops.sequence_reset_sql(no_style(), [Page]):
                cursor.execute(sql)

    def orphan_translations(self, content: Path) -> list[PackageProblem]:
        """Pages in another language whose translationKey has no English page."""
        default = self.default_locale.pk
        english = Page.objects.filter(locale_id=default).values("translation_key")
        orphans = (
            Page.objects.filter(id__gte=self.first_id)
            .exclude(locale_id=default)
            .exclude(translation_key__in=english)
            .exclude(content_type__model="weeklyissuepage")
        )
        problems = []
        for page in orphans.specific().iterator():
            section = SECTION_OF_MODEL.get(type(page))
            if section is None:
                continue
            path = content / section / f"{page.slug}.{self._lang_of(page.locale_id)}.md"
            item = read_item(section, path, set(self.locales), max_bytes=settings.PACKAGE_MAX_FILE_BYTES)
            message = (
                f"translation without its source: no '{settings.LANGUAGE_CODE}' item with translationKey {item.key!r}"
            )
            problems.append(item.problem(message, item.line_of("translationKey")))
        return problems

    def slug_clashes(self, content: Path) -> list[PackageProblem]:
        """Two pages with one slug under one parent (Wagtail's clean would refuse the second)."""
        clashes = (
            Page.objects.filter(id__gte=self.first_id)
            .values("url_path")
            .annotate(count=Count("id"))
            .filter(count__gt=1)
            .values_list("url_path", flat=True)
        )
        problems = []
        for url_path in clashes:
            for page in Page.objects.filter(url_path=url_path).order_by("id").specific()[1:]:
                section = SECTION_OF_MODEL.get(type(page), "weekly")
                path = content / section / f"{page.slug}.{self._lang_of(page.locale_id)}.md"
                problems.append(PackageProblem(path, 1, f"the slug {page.slug!r} is already in use at {url_path}"))
        return problems


# --- The load ---------------------------------------------------------------------------------------------------
def site_refusal() -> str | None:
    """Why the site is not empty enough for a bulk load, or None."""
    if Page.objects.filter(depth__gt=3).exists():
        return "the site already has pages below the section indexes"
    for model in (Person, Organisation, Topic):
        if model.objects.exists():
            return f"the site already has {model._meta.verbose_name_plural}"
    return None


def load(path: Path, *, batch: int, workers: int, progress: Callable[[int], None] | None = None) -> BulkLoadReport:
    """The load itself; the caller holds the transaction and pauses the indexes (``services.corpus_bulk_load``)."""
    from .errors import PackageError

    content = path / "content"
    problems = package_size_problems(path, max_bytes=settings.PACKAGE_MAX_TOTAL_BYTES)
    if problems:
        raise PackageError(problems)
    problems = unknown_sections(content)
    writer = BulkWriter(path, batch=batch)
    report = BulkLoadReport()
    languages = set(writer.locales)
    try:
        snippets, snippet_problems = read_snippets(content, languages)
        problems += snippet_problems
        for item in snippets:
            try:
                writer.write_snippet(item)
            except ItemError as error:
                problems.append(item.problem(error.message, error.line))
            except ValidationError as error:
                problems.append(item.problem(_validation_message(error)))
            report.snippets += 1
            if progress:
                progress(1)
        writer.remember_entities()
        pages = page_items(content, languages, workers=workers, max_bytes=settings.PACKAGE_MAX_FILE_BYTES)
        for item_or_problem in pages:
            if isinstance(item_or_problem, PackageProblem):
                problems.append(item_or_problem)
            else:
                try:
                    writer.write_page(item_or_problem)
                    report.items += 1
                except ItemError as error:
                    problems.append(item_or_problem.problem(error.message, error.line))
            if progress:
                progress(1)
            if writer.batch_full():
                problems += writer.duplicate_problems()
                writer.flush()
        problems += writer.duplicate_problems()
        writer.flush()
        writer.finish_tree()
        problems += writer.unresolved_links()
        problems += writer.orphan_translations(content)
        problems += writer.slug_clashes(content)
        if problems:
            raise PackageError(problems)
    except BaseException:
        writer.cleanup_files()
        raise
    report.pages = writer.pages_written
    report.files = report.items + report.snippets
    return report


def _validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def read_snippets(content: Path, languages: set[str]) -> tuple[list[Item], list[PackageProblem]]:
    """Topics, people and organisations (a few hundred): read whole, checked, source language first."""
    items, problems = [], []
    for section in SNIPPET_SECTIONS:
        for path in section_paths(content, section):
            try:
                items.append(read_item(section, path, languages, max_bytes=settings.PACKAGE_MAX_FILE_BYTES))
            except ItemError as error:
                problems.append(PackageProblem(path, error.line, error.message))
    default = settings.LANGUAGE_CODE
    seen: dict[tuple[str, str, str], Item] = {}
    sources = set()
    for item in items:
        slot = (item.section, item.key, item.lang)
        if slot in seen:
            message = f"translationKey {item.key!r} in {item.lang!r} is also used by {seen[slot].path}"
            problems.append(item.problem(message, item.line_of("translationKey")))
        seen[slot] = item
        if item.lang == default:
            sources.add((item.section, item.key))
    for item in items:
        if item.lang != default and (item.section, item.key) not in sources:
            message = f"translation without its source: no '{default}' item with translationKey {item.key!r}"
            problems.append(item.problem(message, item.line_of("translationKey")))
    lang_rank = {code: rank for rank, (code, _name) in enumerate(settings.LANGUAGES)}
    items.sort(key=lambda i: (SECTION_ORDER.index(i.section), i.key, lang_rank.get(i.lang, 99), str(i.path)))
    return items, problems
