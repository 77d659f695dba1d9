"""``wordpress_import``: a WordPress export into samvydat's sections and languages, all of it or nothing."""

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from samvydat.core.services import section_index, site_skeleton_ensure
from samvydat.news.models import NewsPage
from samvydat.packages.errors import ItemError
from samvydat.packages.importer import PackageWriter
from samvydat.plans.models import PlanPage
from samvydat.statements.models import StatementPage

from .content import content_to_blocks
from .errors import ExportError
from .languages import detect_languages
from .mapping import Placement, load_mapping, place
from .models import ImportedPost
from .redirects import redirects_for
from .wxr import Export, Item, read_export

PAGE_MODELS = {"news": NewsPage, "plans": PlanPage, "statements": StatementPage}
UPLOADS_MARK = "/wp-content/uploads/"


@dataclass
class WordPressReport:
    created: dict[tuple[str, str], int] = field(default_factory=dict)  # (section, language) → pages
    unchanged: int = 0
    drafts: int = 0
    scheduled: int = 0
    redirects: int = 0
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False


class _DryRun(Exception):
    pass


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text or ""))).strip()


class _Importer:
    def __init__(self, export: Export, uploads: Path | None, report: WordPressReport):
        self.export = export
        self.site = export.base_url.rstrip("/") or str(export.path.name)
        self.uploads = Path(uploads).resolve() if uploads else None
        self.report = report
        self.homes = site_skeleton_ensure()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.media = PackageWriter(self.uploads or Path("/nonexistent"))
        self.attachments = export.attachments()
        self._images: dict[str, int | None] = {}

    # --- media ---------------------------------------------------------------------------
    def image_for(self, item: Item, address: str, attachment_id: int | None) -> int | None:
        if not address and attachment_id in self.attachments:
            address = self.attachments[attachment_id].attachment_url
        path = unquote(urlsplit(address or "").path)
        if UPLOADS_MARK not in path:
            return None
        relative = path.split(UPLOADS_MARK, 1)[1]
        if relative in self._images:
            return self._images[relative]
        image_id = None
        if self.uploads is None:
            self.report.warnings.append(f"post {item.post_id}: {relative}: no --uploads folder given")
        else:
            try:
                image_id = self.media.media(SimpleNamespace(path=self.uploads / "_"), "image", relative, 1)
            except ItemError as error:
                self.report.warnings.append(f"post {item.post_id}: {error.message}")
        self._images[relative] = image_id
        return image_id

    # --- pages ---------------------------------------------------------------------------
    def _slug(self, item: Item, parent: Page) -> str:
        slug = slugify(unquote(item.slug), allow_unicode=True) or slugify(item.title, allow_unicode=True)
        slug = (slug or f"post-{item.post_id}")[:200]
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            slug = f"{slug}-{item.post_id}"
        return slug

    def write(self, item: Item, placement: Placement, lang: str, source: Page | None) -> Page:
        model = PAGE_MODELS[placement.section]
        if source is not None and source.specific_class is not model:
            raise ExportError(
                self.export.path,
                f"goes to {placement.section} but its translation source (the {source.locale.language_code} post) "
                f"is a {source.specific_class._meta.verbose_name}: map a translation group's posts to one section",
                post_id=item.post_id,
            )
        parent = section_index(self.homes[lang], placement.section)
        converted = content_to_blocks(
            item.content,
            post_id=item.post_id,
            title=item.title,
            resolve_image=lambda address, number: self.image_for(item, address, number),
        )
        self.report.warnings.extend(converted.warnings)
        date = timezone.localdate(item.published_at) if item.published_at else timezone.localdate()
        page = model(
            title=_plain(item.title)[:255] or f"WordPress {item.post_id}",
            slug=self._slug(item, parent),
            summary=_plain(item.excerpt),
            date=date,
            body=converted.blocks,
            locale=self.locales[lang],
            live=not placement.draft,
            go_live_at=placement.go_live_at,
        )
        if source is not None:
            page.translation_key = source.translation_key
        if item.thumbnail_id:
            page.social_image_id = self.image_for(item, "", item.thumbnail_id)
        try:
            page.clean_fields(exclude=["path", "depth", "numchild", "url_path", "translation_key", "locale"])
            parent.add_child(instance=page)
        except Exception as error:  # a ValidationError names the field; anything else is still this post's
            raise ExportError(self.export.path, f"cannot be imported: {error}", post_id=item.post_id) from None
        revision = page.save_revision()
        if placement.go_live_at is not None:
            revision.publish()  # Wagtail keeps it scheduled until go_live_at
            self.report.scheduled += 1
        elif placement.draft:
            self.report.drafts += 1
        else:
            revision.publish()
        ImportedPost.objects.create(site=self.site, post_id=item.post_id, page=page)
        key = (placement.section, lang)
        self.report.created[key] = self.report.created.get(key, 0) + 1
        if not placement.draft:
            self.report.redirects += redirects_for(item, page, lang=lang, export=self.export)
        return page


def _order(items: list[Item], languages) -> list[Item]:
    """Sources of translation groups before their translations."""
    sources = {group.source_post_id for group in languages.groups}
    return sorted(items, key=lambda item: item.post_id not in sources and languages.group_of(item.post_id) is not None)


def wordpress_import(
    *, path: Path, uploads: Path | None = None, mapping_path: Path | None = None, dry_run: bool = False
) -> WordPressReport:
    """Import the export at ``path``: every post or none (``ExportError`` naming the file and line or post)."""
    path = Path(path)
    mapping = load_mapping(mapping_path)
    export = read_export(path)
    if uploads is not None and not Path(uploads).is_dir():
        raise ExportError(Path(uploads), "--uploads is not a folder")
    placements = {item.post_id: place(item, mapping) for item in export.items}
    report = WordPressReport(dry_run=dry_run)
    for item in export.items:
        placement = placements[item.post_id]
        if placement.section is None and item.post_type != "attachment":
            report.skipped.append(f"post {item.post_id}: {placement.skip_reason}")
    to_import = [item for item in export.items if placements[item.post_id].section is not None]
    skipped = {item.post_id for item in export.items} - {item.post_id for item in to_import}
    languages = detect_languages(export, skip=skipped)
    if languages.problems:
        raise ExportError(path, "; ".join(languages.problems))
    site = export.base_url.rstrip("/") or path.name
    importer = None
    try:
        with transaction.atomic():
            importer = _Importer(export, uploads, report)
            done = dict(ImportedPost.objects.filter(site=site).values_list("post_id", "page_id"))
            pages: dict[int, Page] = {}
            for item in _order(to_import, languages):
                if item.post_id in done:
                    report.unchanged += 1
                    continue
                lang = languages.post_language[item.post_id]
                group = languages.group_of(item.post_id)
                source = None
                if group is not None and group.source_post_id != item.post_id:
                    source = pages.get(group.source_post_id)
                    if source is None and group.source_post_id in done:
                        source = Page.objects.get(pk=done[group.source_post_id])
                pages[item.post_id] = importer.write(item, placements[item.post_id], lang, source)
            if dry_run:
                raise _DryRun
    except _DryRun:
        importer.media.cleanup_files()
    except BaseException:
        if importer is not None:
            importer.media.cleanup_files()
        raise
    return report
