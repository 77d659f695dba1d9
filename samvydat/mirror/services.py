"""Exporting the static mirror, updating it page by page, and pushing it to other hosts (docs/mirror.md)."""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import subprocess
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from samvydat.core.files import StoredFile, stored_file

from . import changes, searchindex, selectors, storage
from .paths import GENERATED_STATIC, PDF_ROUTE, file_for, page_number
from .rendering import Renderer, search_address, with_mirror_meta
from .rewriting import rewrite_css
from .storage import MirrorError

logger = logging.getLogger(__name__)
#: Files every mirror has, whether a page links to them or not.
ALWAYS_STATIC = ("favicon.svg", "mirror/mirror.css", "mirror/search.js", "mirror/namekey.js")


@dataclass
class ExportReport:
    root: Path | None = None
    pages: int = 0  # documents rendered (pages, feeds, sitemap)
    files: int = 0  # everything written, assets included
    bytes: int = 0
    seconds: float = 0.0
    pdfs: int = 0
    skipped: list[str] = field(default_factory=list)  # addresses that answered a redirect or 404
    links: set[str] = field(default_factory=set)  # every internal address the documents link to
    errors: list[str] = field(default_factory=list)
    archive: Path | None = None


@dataclass
class UpdateReport:
    rendered: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # mirror files whose content changed
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def canonical_base() -> str:
    return getattr(settings, "MIRROR_CANONICAL_BASE_URL", "") or ""


# --- full export --------------------------------------------------------------------------------------------
def mirror_export(
    *,
    out: Path,
    archive: Path | None = None,
    search: bool = True,
    make_pdfs: bool = False,
    keep_going: bool = False,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ExportReport:
    """Write a complete static copy of the public site beside ``out`` and swap it in when it is complete.

    ``out`` becomes (or stays) a symlink to the live copy. Nothing a reader sees changes until the final rename;
    an error (any address answering 500, unless ``keep_going``) or a kill leaves the previous copy in place.
    ``archive``: also write the copy as one ZIP file there (atomically). ``make_pdfs``: make the PDFs not made yet
    (slow: WeasyPrint); otherwise only cached and uploaded PDFs are copied and the others' links left out.
    ``jobs``: rendering processes (default: one per CPU; always one on an in-memory test database).
    """
    out = Path(out).absolute()
    storage.check_out(out)
    started = time.perf_counter()
    storage.remove_stale_builds(out, keep={p for p in [storage.live_root(out)] if p})
    journal_start = storage.journal_size(out)
    build = storage.new_build_dir(out)
    report = ExportReport(root=build)
    try:
        pdf_files, missing_pdfs = _pdfs(make=make_pdfs)
        assets: set[str] = set()
        addresses = list(dict.fromkeys(selectors.site_addresses()))
        addresses += [search_address(home.locale.language_code) for home in selectors.language_homes()]
        aliases = searchindex.people_alias_index()
        jobs = _jobs(jobs)
        routes = {address: pk for pk, address in selectors.page_urls()}
        options = {
            "canonical_base": canonical_base(),
            "missing_pdfs": frozenset(missing_pdfs),
            "aliases": aliases,
            "routes": routes,
        }
        if jobs > 1:
            _render_in_processes(addresses, build, report, assets, jobs=jobs, options=options, progress=progress)
        with Renderer(**options) as renderer:
            if jobs == 1:
                for start in range(0, len(addresses), CHUNK):
                    chunk = addresses[start : start + CHUNK]
                    renderer.prefetch(chunk)
                    for address in chunk:
                        _export_one(renderer, address, build, report, assets)
                        if progress:
                            progress(address)
            _render_linked(renderer, set(addresses), build, report, assets)
            if report.errors and not keep_going:
                raise MirrorError(
                    f"{len(report.errors)} addresses failed, the live copy is unchanged: {report.errors[:5]}"
                )
            for address, source in pdf_files.items():
                report.bytes += _copy(source, build / file_for(address))
                report.files += 1
                report.pdfs += 1
            _copy_assets(assets | {"/static/" + name for name in ALWAYS_STATIC}, build, report)
            _write_extras(build)
            if search:
                searchindex.build_search_index(build)
            renderer.prefetch([])  # pages loaded for the last chunk may have been published again since
            with storage.locked(out):
                for address in storage.journal_since(out, journal_start):  # updated while we were building
                    (build / file_for(*address.partition("?")[::2])).unlink(missing_ok=True)  # if it went since
                    _export_one(renderer, address, build, report, assets)
                previous = storage.swap_in(out, build)
                storage.journal_reset(out)
        if previous is not None and previous != build:
            shutil.rmtree(previous, ignore_errors=True)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    if archive is not None:
        report.archive = mirror_archive(root=build, archive=Path(archive))
    report.seconds = time.perf_counter() - started
    push(root=build)
    return report


#: Linked addresses the crawl check never renders (the server's own endpoints).
NOT_PAGES = ("/admin/", "/api/", "/healthz", "/documents/", "/static/", "/media/")
MAX_CRAWL_ROUNDS = 3


def _render_linked(renderer: Renderer, known: set[str], root: Path, report: ExportReport, assets: set) -> None:
    """Render what the pages link to but the page tree and routes did not list (a route added by another app):
    the crawl is the safety net, not the source. Forms and redirects answer no 200 and are skipped."""
    for _round in range(MAX_CRAWL_ROUNDS):
        missing = _unlisted(report.links, known=known)
        if not missing:
            return
        known |= missing
        for address in sorted(missing):
            _export_one(renderer, address, root, report, assets)


def _unlisted(links: set[str], *, known: set[str]) -> set[str]:
    """The pages among ``links`` that are not in ``known`` (forms, PDFs, media and the like aside)."""
    missing = {_normalised(link) for link in links} - known
    return {link for link in missing if not link.startswith(NOT_PAGES) and not PDF_ROUTE.match(link)}


def _normalised(link: str) -> str:
    from .paths import page_number

    path, _, query = link.partition("?")
    number = page_number(query)
    return path + (f"?page={number}" if number > 1 else "")


def _jobs(jobs: int | None) -> int:
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return 1  # a forked process would open a new, empty in-memory database
    if connection.in_atomic_block:
        return 1  # forked processes could not see this transaction's uncommitted rows (and would close its connection)
    return max(1, jobs if jobs is not None else min(os.cpu_count() or 1, 4))


_worker: dict = {}
CHUNK = 100


def _render_in_processes(addresses, build, report, assets, *, jobs, options, progress):
    """Render in ``jobs`` forked processes (they inherit everything loaded so far; each opens its own database
    connection) and merge their reports."""
    import multiprocessing

    from django.db import connections

    connections.close_all()
    chunks = [addresses[start : start + CHUNK] for start in range(0, len(addresses), CHUNK)]
    with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_start, initargs=(build, options)) as pool:
        for part, done in pool.imap_unordered(_worker_render, chunks):
            report.pages += part.pages
            report.files += part.files
            report.bytes += part.bytes
            report.skipped += part.skipped
            report.errors += part.errors
            report.links |= part.links
            assets |= part.root_assets
            if progress:
                for address in done:
                    progress(address)


def _worker_start(build: Path, options: dict) -> None:
    _worker["build"] = build
    _worker["renderer"] = Renderer(**options).__enter__()


def _worker_render(chunk: list[str]):
    part = ExportReport()
    part.root_assets = set()
    _worker["renderer"].prefetch(chunk)
    for address in chunk:
        _export_one(_worker["renderer"], address, _worker["build"], part, part.root_assets)
    return part, chunk


def _export_one(renderer: Renderer, address: str, root: Path, report: ExportReport, assets: set):
    try:
        rendered = renderer.render(address)
    except Exception as error:  # a broken page must not stop the report of the others
        logger.exception("mirror: %s failed", address)
        report.errors.append(f"{address}: {type(error).__name__}: {error}")
        return
    if rendered.status != 200:
        report.skipped.append(f"{address} ({rendered.status})")
        return
    target = root / rendered.file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(rendered.content)
    assets |= rendered.assets
    report.links |= rendered.links
    report.pages += 1
    report.files += 1
    report.bytes += len(rendered.content)


def _pdfs(*, make: bool) -> tuple[dict[str, Path | StoredFile], set[str]]:
    """Site address → file of every PDF the mirror can hold, and the addresses of those it cannot."""
    from samvydat.pdfs import selectors as pdf_selectors
    from samvydat.pdfs.services import pdf_ensure
    from samvydat.pdfs.templatetags.pdf_tags import pdf_download_url

    available: dict[str, Path | StoredFile] = {}
    missing: set[str] = set()
    for page in selectors.pdf_pages():
        address = pdf_download_url(page)
        if pdf_selectors.uploaded_pdf(page) is not None:
            continue  # linked as a document, copied with the documents
        cached = pdf_ensure(page=page) if make else pdf_selectors.cached_pdf(page)
        fresh = cached is not None and cached.source_key == pdf_selectors.source_key(page)
        source = stored_file(cached.file.name, cached.file.storage) if fresh and cached.file else None
        if source is not None:
            available[address] = source
        else:
            missing.add(address)
    return available, missing


def _copy(source: Path | StoredFile, target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as readable, open(target, "wb") as writable:
        shutil.copyfileobj(readable, writable)
    return target.stat().st_size


def asset_source(address: str) -> Path | StoredFile | None:
    """Where the file behind a static, media or document address is, or None if it is not there."""
    from urllib.parse import unquote

    path = unquote(address)
    if path.startswith("/static/"):
        found = finders.find(path.removeprefix("/static/"))
        if found:
            return Path(found)
        candidate = Path(settings.STATIC_ROOT) / path.removeprefix("/static/")
        return candidate if candidate.is_file() else None
    if path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if ".." in PurePosixPath(name).parts:
            return None
        return stored_file(name)
    if path.startswith("/documents/"):
        from wagtail.documents import get_document_model

        parts = path.split("/")
        if len(parts) >= 4 and parts[2].isdigit():
            document = get_document_model().objects.filter(pk=int(parts[2])).first()
            if document is not None and document.file_extension.lower() not in settings.WAGTAILDOCS_EXTENSIONS:
                # A static host serves a file by its extension: a .js, .html or .svg document would run there.
                logger.warning(
                    "mirror: %s is not copied: documents may only be %s files",
                    address,
                    "/".join(settings.WAGTAILDOCS_EXTENSIONS),
                )
                return None
            if document is not None and document.file:
                return stored_file(document.file.name, document.file.storage)
    return None


def _copy_assets(addresses: Iterable[str], root: Path, report) -> None:
    pending = list(addresses)
    seen: set[str] = set()
    while pending:
        address = pending.pop()
        if address in seen:
            continue
        seen.add(address)
        source = asset_source(address)
        if source is None and address.endswith(GENERATED_STATIC):
            continue  # written by _write_extras
        if source is None:
            logger.warning("mirror: %s is linked but not found", address)
            continue
        file = file_for(address)
        if source.suffix == ".css":
            result = rewrite_css(source.read_text(encoding="utf-8"), file=file)
            pending.extend(result.assets)
            size = storage.write_atomic(root / file, result.text.encode("utf-8")) and len(result.text)
        else:
            size = _copy(source, root / file)
        if isinstance(report, ExportReport):
            report.files += 1
            report.bytes += size or 0


def _write_extras(root: Path) -> None:
    """The mirror's own files: the entry page at its root, the name-key rules for search, a description."""
    homes = selectors.language_homes()
    languages = []
    for home in homes:
        code = home.locale.language_code
        with translation.override(code):
            languages.append(
                {"code": code, "name": dict(settings.LANGUAGES).get(code, code), "href": f"{code}/index.html"}
            )
    html = with_mirror_meta(render_to_string("mirror/root_index.html", {"languages": languages}))
    (root / "index.html").write_text(html, encoding="utf-8")
    searchindex.write_name_key_rules(root)


def mirror_archive(*, root: Path, archive: Path) -> Path:
    """One ZIP of the mirror (for messengers and USB sticks), written beside ``archive`` and renamed into place."""
    archive = archive.absolute()
    temporary = archive.with_name(f".{archive.name}.{os.getpid()}.tmp")
    top = archive.stem
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                zipped.write(path, f"{top}/{path.relative_to(root).as_posix()}")
    os.replace(temporary, archive)
    return archive


# --- incremental updates ----------------------------------------------------------------------------------
def mirror_update(
    *,
    out: Path,
    addresses: Iterable[str],
    removed: Iterable[str] = (),
    listings: Iterable[str] = (),
    crawl: bool = False,
) -> UpdateReport:
    """Render ``addresses`` again into the live copy (each file replaced atomically) and delete the files of
    ``removed`` (not those rendered); both are journalled so that an export running at the same time includes
    them. ``listings``: every page of some listings, rendered too; the files of their pages past the last go
    (a listing that got shorter). ``crawl`` (with every address of the site): also render what the pages link
    to that the page tree and routes do not list, as an export does."""
    started = time.perf_counter()
    out = Path(out).absolute()
    report = UpdateReport()
    listings = list(dict.fromkeys(listings))
    addresses = list(dict.fromkeys([*addresses, *listings]))
    with storage.locked(out):
        root = storage.live_root(out)
        if root is None:
            raise MirrorError(f"{out} has no live mirror yet: run `manage.py export_mirror {out}` first.")
        rendering = set(addresses)
        removed = [a for a in dict.fromkeys([*removed, *_past_the_end(root, listings)]) if a not in rendering]
        storage.journal_append(out, addresses + removed)
        assets: set[str] = set()
        links: set[str] = set()
        with Renderer(canonical_base=canonical_base(), missing_pdfs=_MissingFrom(root)) as renderer:
            for _round in range(1 + (MAX_CRAWL_ROUNDS if crawl else 0)):
                for address in addresses:
                    rendered = renderer.render(address)
                    report.rendered.append(address)
                    if rendered.status == 404:
                        if _unlink(root, rendered.file):
                            report.removed.append(rendered.file)
                        continue
                    if rendered.status != 200:
                        continue
                    if storage.write_atomic(root / rendered.file, rendered.content):
                        report.changed.append(rendered.file)
                    assets |= rendered.assets
                    links |= rendered.links if crawl else set()
                addresses = sorted(_unlisted(links, known=set(report.rendered)))
        for address in removed:
            file = file_for(*address.partition("?")[::2])
            if _unlink(root, file):
                report.removed.append(file)
        _copy_assets({a for a in assets if not (root / file_for(a)).exists()}, root, report)
    report.seconds = time.perf_counter() - started
    return report


def _unlink(root: Path, file: str) -> bool:
    """Delete a file of the mirror, and the folders it leaves empty."""
    target = root / file
    if not target.is_file():
        return False
    target.unlink()
    for folder in target.parents:
        if folder == root or not folder.is_relative_to(root) or any(folder.iterdir()):
            break
        folder.rmdir()
    return True


def _past_the_end(root: Path, listings: list[str]) -> list[str]:
    """The listing pages in the mirror after the last of ``listings`` (every page of some listings)."""
    last: dict[str, int] = {}
    for address in listings:
        path, _, query = address.partition("?")
        if path.endswith("/"):
            last[path] = max(last.get(path, 1), page_number(query))
    surplus = []
    for path, number in last.items():
        folder = (root / file_for(path)).parent / "page"
        if folder.is_dir():
            numbers = [int(child.name) for child in folder.iterdir() if child.name.isdigit()]
            surplus += [f"{path}?page={n}" for n in sorted(numbers) if n > number and (folder / str(n)).is_dir()]
    return surplus


class _MissingFrom:
    """``address in missing``: is the PDF at this address not in the mirror at ``root``? (Asked only for the
    download links of the pages being rendered, so an update never lists every PDF of the site.)"""

    def __init__(self, root: Path):
        self.root = root

    def __contains__(self, address: str) -> bool:
        return not (self.root / file_for(address)).exists()

    def __bool__(self) -> bool:
        return True


def mirror_update_for_page(*, out: Path, page_id: int, previous_topic_id: int | None = None) -> UpdateReport:
    """Bring the mirror in line with one page that was published or unpublished (the publish task).

    The page, its translations, the home page, the listing page that shows it, its issue, topic and people pages,
    the feeds and the sitemap are rendered at once. When its place in a listing may have changed (first
    publication, unpublication, a new date), every page of those listings is rendered too.
    ``previous_topic_id``: the topic of a commentary as published before; if it changed, every page of that
    topic's listing is rendered too.
    """
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    if page is None:
        return UpdateReport()
    page = page.specific
    live = page.live and selectors.public_pages().filter(pk=page.pk).exists()
    touched = selectors.touched_by(page, live=live)
    root = storage.live_root(Path(out).absolute())
    moved = not live or root is None or _moved(root, page, touched)
    removed = [] if live else [page.url] if page.url else []
    left = changes.topic_left(page, topic_id=previous_topic_id) if live and previous_topic_id else changes.Change()
    listings = (touched.listings if moved else []) + left.listings
    return mirror_update(out=out, addresses=touched.near + left.addresses, removed=removed, listings=listings)


def mirror_update_for_move(*, out: Path, page_id: int, old_url: str, old_parent_id: int | None = None) -> UpdateReport:
    """Bring the mirror in line with a page that moved in the tree or got a new slug (its address was
    ``old_url``, its parent was ``old_parent_id``): see ``changes.moved``."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return UpdateReport()
    old_parent = Page.objects.filter(pk=old_parent_id).first() if old_parent_id else None
    change = changes.moved(page, old_url=old_url, old_parent=old_parent)
    return mirror_update(
        out=out, addresses=change.addresses, removed=change.removed, listings=change.listings, crawl=change.crawl
    )


def mirror_update_for_entity(
    *, out: Path, model: str, entity_id: int, old_slug: str = "", created: bool = False
) -> UpdateReport:
    """Bring the mirror in line with a person, organisation or topic (``model``: its label) that was saved; its
    slug was ``old_slug`` before. See ``changes.entity_changed`` (a deleted one is handled before it goes)."""
    entity = changes.ENTITY_MODELS[model].objects.filter(pk=entity_id).first()
    if entity is None:
        return UpdateReport()
    change = changes.entity_changed(entity, old_slug=old_slug, created=created)
    return mirror_update(out=out, addresses=change.addresses, removed=change.removed, listings=change.listings)


def _moved(root: Path, page, touched: selectors.Touched) -> bool:
    """Is the page new to the mirror, or no longer on the listing page it now belongs on?"""
    from .paths import relative_link

    page_file = file_for(page.url)
    if not (root / page_file).exists():
        return True
    for listing_address in touched.listing_positions.values():
        listing_file = file_for(*listing_address.partition("?")[::2])
        try:
            listing = (root / listing_file).read_text(encoding="utf-8")
        except FileNotFoundError:
            return True
        if f'href="{relative_link(listing_file, page_file)}"' not in listing:
            return True
    return False


def search_reindex(*, out: Path) -> None:
    """Rebuild the mirror's search index beside the live one and rename it into place."""
    out = Path(out).absolute()
    root = storage.live_root(out)
    if root is None:
        return
    fresh = root / f".pagefind-{os.getpid()}"
    searchindex.build_search_index(root, output=fresh)
    with storage.locked(out):
        old = root / f".pagefind-old-{os.getpid()}"
        if (root / "pagefind").exists():
            os.replace(root / "pagefind", old)
        os.replace(fresh, root / "pagefind")
        shutil.rmtree(old, ignore_errors=True)


# --- push to other hosts ----------------------------------------------------------------------------------
def push(*, root: Path, only: str | None = None) -> list[str]:
    """Push the live copy at ``root``: the operator's command (``MIRROR_PUSH_COMMAND``), then every rclone target
    of ``MIRROR_TARGETS`` (``only``: just the target of that name). Returns the failures, one line each; they are
    logged and recorded (:class:`~samvydat.mirror.models.MirrorPushRecord`), never raised: the local mirror is fine.
    """
    from .push import push_targets

    failures = run_push_command(root=root) if only is None else []
    failures += [result.line() for result in push_targets(root=root, only=only) if not result.ok]
    return failures


def run_push_command(*, root: Path) -> list[str]:
    """Run ``MIRROR_PUSH_COMMAND`` (e.g. ``rsync -a --delete {path}/ host:/srv/m/``), ``{path}`` the live copy."""
    command = getattr(settings, "MIRROR_PUSH_COMMAND", "") or ""
    if not command:
        return []
    args = [part.replace("{path}", str(root)) for part in shlex.split(command)]
    try:
        result = subprocess.run(
            args, capture_output=True, text=True, timeout=getattr(settings, "MIRROR_PUSH_TIMEOUT", 600)
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.error("mirror push failed: %s", error)
        return [str(error)]
    if result.returncode != 0:
        logger.error("mirror push exited %s: %s", result.returncode, result.stderr.strip()[-2000:])
        return [result.stderr.strip()]
    return []
