"""Import and export content packages (docs/content-format.md)."""

from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_save
from wagtail.signal_handlers import disable_reference_index_auto_update

from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import Topic

from .errors import ItemError, PackageError, PackageProblem
from .importer import PAGE_MODELS, PackageWriter, entity_translation_key, page_translation_key
from .limits import package_size_problems
from .reader import PAGE_SECTIONS, Item, read_package


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    #: Items found on the site exactly as in the package: not saved again (no revision, no publish, no tasks).
    unchanged: int = 0
    items: int = 0
    #: With ``partial``: the items that were left out, and why.
    skipped: list[PackageProblem] = field(default_factory=list)


def _order(items: list[Item]) -> list[Item]:
    """Snippets before pages; within a section, the source language before translations."""
    section_rank = {"topics": 0, "people": 1, "plans": 2, "news": 3, "weekly": 4, "discussions": 5, "statements": 6}
    lang_rank = {code: i for i, (code, _name) in enumerate(settings.LANGUAGES)}
    return sorted(items, key=lambda i: (section_rank[i.section], i.key, lang_rank.get(i.lang, 99), str(i.path)))


def _known_keys(items: list[Item]) -> dict[str, set[str]]:
    """Every key a reference may name: from the package and from the site."""
    known: dict[str, set[str]] = {"person": set(), "organisation": set(), "topic": set(), "page": set()}
    for item in items:
        if item.section == "people":
            known["organisation" if item.meta.get("kind") == "organisation" else "person"].add(item.key)
        elif item.section == "topics":
            known["topic"].add(item.key)
        else:
            known["page"].add(item.key)
    known["person"] |= set(Person.objects.exclude(package_key="").values_list("package_key", flat=True))
    known["organisation"] |= set(Organisation.objects.exclude(package_key="").values_list("package_key", flat=True))
    known["topic"] |= set(Topic.objects.exclude(package_key="").values_list("package_key", flat=True))
    for model in PAGE_MODELS.values():
        known["page"] |= set(model.objects.exclude(package_key="").values_list("package_key", flat=True))
    return known


def _check_references(item: Item, known: dict[str, set[str]]) -> None:
    meta = item.meta

    def need(kind: str, key: str, field_name: str) -> None:
        if key not in known[kind]:
            raise ItemError(f"unknown {kind} {key!r} in '{field_name}'", item.line_of(field_name))

    for key in meta.get("authors", []):
        need("person", key, "authors")
    if item.section == "weekly":
        need("topic", meta["topic"], "topic")
    for key in meta.get("signatories", []):
        need("organisation", key, "signatories")
    for key in meta.get("related", []):
        need("page", key, "related")
    if meta.get("moderator"):
        need("person", meta["moderator"], "moderator")
    for participant in meta.get("participants", []):
        need("person", participant["person"], "participants")
    for section in meta.get("transcript", []):
        for turn in section.get("turns") or []:
            need("person", turn["speaker"], "transcript")


def _check_sources(items: list[Item]) -> list[PackageProblem]:
    """Duplicate keys, and translations whose English source is neither in the package nor on the site."""
    problems = []
    default = settings.LANGUAGE_CODE
    seen: dict[tuple[str, str, str], Item] = {}
    for item in items:
        group = "entity" if item.section in ("people", "topics") else "page"
        slot = (group if group == "page" else item.section, item.key, item.lang)
        if slot in seen:
            problems.append(
                item.problem(
                    f"translationKey {item.key!r} in {item.lang!r} is also used by {seen[slot].path}",
                    item.line_of("translationKey"),
                )
            )
        seen[slot] = item
    sources = {(s if s == "page" else s, k) for (s, k, lang) in seen if lang == default}
    for item in items:
        if item.lang == default:
            continue
        group = "page" if item.section in PAGE_SECTIONS else item.section
        if (group, item.key) in sources or _source_on_site(item):
            continue
        problems.append(
            item.problem(
                f"translation without its source: no '{default}' item with translationKey {item.key!r}",
                item.line_of("translationKey"),
            )
        )
    return problems


def _source_on_site(item: Item) -> bool:
    default = settings.LANGUAGE_CODE
    if item.section in PAGE_SECTIONS:
        model = PAGE_MODELS[item.section]
        key = page_translation_key(item.section, item.key)
        return model.objects.filter(translation_key=key, locale__language_code=default).exists()
    if item.section == "topics":
        model, kind = Topic, "topic"
    else:
        model, kind = (Organisation, "organisation") if item.meta.get("kind") == "organisation" else (Person, "person")
    return model.objects.filter(
        translation_key=entity_translation_key(kind, item.key), locale__language_code=default
    ).exists()


def package_import(
    *,
    path: Path,
    partial: bool = False,
    revisions: bool = True,
    progress: Callable[[Item], None] | None = None,
) -> ImportReport:
    """Import the package at ``path``: all of it or nothing (``partial``: the good items, listing the bad).

    Raises PackageError (with every problem found, as file:line: message) when nothing was imported.
    ``revisions=False`` is a bulk load (benchmark corpora): no page revisions or log entries, and the search
    and reference indexes are rebuilt once at the end instead of after every save.
    """
    path = Path(path)
    problems = package_size_problems(path, max_bytes=settings.PACKAGE_MAX_TOTAL_BYTES)
    if problems:
        raise PackageError(problems)
    items, problems = read_package(path)
    problems += _check_sources(items)
    if problems and not partial:
        raise PackageError(problems)
    with bulk_load() if not revisions else nullcontext():
        report = _import_items(path, items, problems, partial=partial, revisions=revisions, progress=progress)
    if not revisions:
        call_command("rebuild_references_index", verbosity=0)
        call_command("update_index", verbosity=0)
        search_index_rebuild()
        _refresh_planner_statistics()
    return report


def search_index_rebuild() -> None:
    from samvydat.search.services import index_rebuild

    index_rebuild()


def _refresh_planner_statistics() -> None:
    """After a bulk load, let the database re-plan: without fresh statistics SQLite sorts whole sections."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@contextmanager
def bulk_load():
    """Pause the per-save search and reference index updates (rebuild them after)."""
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    from samvydat.search.signals import indexing_paused

    models = list(index.get_indexed_models())
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update(), indexing_paused():
            yield
    finally:
        for model in models:
            if getattr(model, "search_auto_update", True):
                post_save.connect(post_save_signal_handler, sender=model)


def _import_items(path, items, problems, *, partial, revisions, progress) -> ImportReport:
    bad_paths = {problem.path for problem in problems}
    report = ImportReport(skipped=list(problems))
    writer = None
    try:
        with transaction.atomic():
            writer = PackageWriter(path, revisions=revisions)
            known = _known_keys(items)
            good = []
            for item in _order([i for i in items if i.path not in bad_paths]):
                try:
                    _check_references(item, known)
                    for key in ("image", "pdf", "photo"):
                        if item.meta.get(key):
                            writer.check_media(
                                item, "document" if key == "pdf" else "image", item.meta[key], item.line_of(key)
                            )
                    good.append(item)
                except ItemError as error:
                    report.skipped.append(item.problem(error.message, error.line))
            if report.skipped and not partial:
                raise PackageError(report.skipped)
            written, translated = [], []
            for item in good:
                try:
                    with transaction.atomic():
                        if item.section in PAGE_SECTIONS:
                            obj = writer.write_page(item)
                            written.append((item, obj))
                        else:
                            obj = writer.write_snippet(item)
                except ItemError as error:
                    if not partial:
                        raise PackageError([item.problem(error.message, error.line)]) from None
                    report.skipped.append(item.problem(error.message, error.line))
                    continue
                report.items += 1
                if item.meta.get("translationOf"):
                    translated.append((item, obj))
                if progress:
                    progress(item)
            for item, page in written:
                if item.section == "news":
                    try:
                        with transaction.atomic():
                            writer.write_related(item, page)
                    except ItemError as error:
                        if not partial:
                            raise PackageError([item.problem(error.message, error.line)]) from None
                        report.skipped.append(item.problem(error.message, error.line))
            _bases_record(translated)
    except Exception:
        if writer is not None:
            writer.cleanup_files()
        raise
    report.created, report.updated = writer.stats["created"], writer.stats["updated"]
    report.unchanged = writer.stats["unchanged"]
    return report


def _bases_record(translated: list) -> None:
    """A translation's ``translationOf`` becomes its basis (after every source is written): outdated when the
    source's text is no longer the one it names (docs/content-format.md)."""
    from samvydat.translations.models import TranslationBasis
    from samvydat.translations.status_services import translation_basis_record

    for item, obj in translated:
        translation_basis_record(
            translation=obj, reason=TranslationBasis.Reason.IMPORTED, source_digest=item.meta["translationOf"]
        )


def package_export(*, path: Path) -> int:
    """Write every page and snippet of the site as a content package at ``path``; return the number of files."""
    from .exporter import PackageExporter

    return PackageExporter(Path(path)).export()


def corpus_bulk_load(
    *, path: Path, batch: int = 1000, workers: int | None = None, progress: Callable[[int], None] | None = None
):
    """Load the benchmark corpus at ``path`` into an empty site with bulk inserts (``bulk_loader``); all or nothing.

    Much faster than ``package_import`` and with bounded memory, but only into a site holding nothing beyond its
    skeleton (homes and section indexes), which it creates if needed. Pages are live without revisions; no search
    or reference index entries and no PDFs are made. Raises BulkLoadRefused when the site has content, and
    PackageError (every problem as file:line: message) when the package is wrong; nothing is written then.
    ``workers``: processes reading files beside this one (default: one per spare core, at most 3; 0: none).
    ``progress(n)`` is called as files are read. Returns a ``BulkLoadReport`` (items, pages, snippets, files).
    """
    from samvydat.pdfs.signals import pdfs_paused

    from .bulk_loader import BulkLoadRefused, load, site_refusal
    from .bulk_reader import default_workers

    path = Path(path)
    if batch < 1:
        raise ValueError("batch must be at least 1")
    if not (path / "content").is_dir():
        folder = path / "content"
        raise PackageError([PackageProblem(folder, 1, "no 'content' folder: a package is PATH/content/<section>/…")])
    refusal = site_refusal()
    if refusal:
        raise BulkLoadRefused(f"{refusal}: the bulk loader only fills an empty site; use import_content to add to one")
    with transaction.atomic(), bulk_load(), pdfs_paused():
        report = load(path, batch=batch, workers=default_workers() if workers is None else workers, progress=progress)
    _refresh_planner_statistics()
    return report
