"""Write a checked content package into the database (see ``services.package_import``)."""

import datetime
import hashlib
import json
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from modelcluster.models import get_all_child_relations
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from samvydat.core.services import section_index, site_skeleton_ensure, translation_key_for
from samvydat.discussions.models import DiscussionPage, DiscussionParticipant
from samvydat.news.models import NewsAuthor, NewsPage, NewsRelatedLink
from samvydat.people.models import Organisation, Person
from samvydat.plans.models import PlanPage
from samvydat.statements.models import StatementPage, StatementSignatory
from samvydat.weekly.models import CommentaryAuthor, CommentaryPage, Topic, WeeklyIssuePage

from .errors import ItemError
from .markdown import markdown_to_html, parse_body
from .reader import Item

PAGE_MODELS = {
    "news": NewsPage,
    "plans": PlanPage,
    "weekly": CommentaryPage,
    "discussions": DiscussionPage,
    "statements": StatementPage,
}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}


def page_translation_key(section: str, key: str) -> uuid.UUID:
    return translation_key_for(f"page:{section}", key)


def entity_translation_key(kind: str, key: str) -> uuid.UUID:
    return translation_key_for(kind, key)


class PackageWriter:
    """Creates or updates the objects of a package's items, one item at a time.

    ``package_root`` bounds where media may be read from; ``created_files`` lists the storage names
    written, so a failed import can remove them again.
    """

    def __init__(self, package_root: Path, *, revisions: bool = True):
        self.root = package_root.resolve()
        #: False: save pages directly, without revisions or log entries (bulk loads for benchmarks).
        self.revisions = revisions
        self.homes = site_skeleton_ensure()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.created_files: list[str] = []
        self.stats = {"created": 0, "updated": 0, "unchanged": 0}
        self._indexes: dict[tuple[str, str], Page] = {}
        self._issues: dict[tuple[datetime.date, str], WeeklyIssuePage] = {}
        self._media: dict[tuple[str, Path], int] = {}

    # --- media -------------------------------------------------------------------------------
    def media_path(self, item: Item, relative: str, line: int) -> Path:
        path = (item.path.parent / relative).resolve()
        if not path.is_relative_to(self.root):
            raise ItemError(f"media path {relative!r} points outside the package", line)
        if not path.is_file():
            raise ItemError(f"missing media file {relative!r}", line)
        return path

    def check_media(self, item: Item, kind: str, relative: str, line: int) -> int:
        path = self.media_path(item, relative, line)
        if kind == "image":
            if path.suffix.lower() not in IMAGE_SUFFIXES:
                raise ItemError(f"{relative!r} is not an image file (use .jpg, .png, .gif or .webp)", line)
            try:
                with PILImage.open(path) as image:
                    image.verify()
            except (UnidentifiedImageError, OSError, SyntaxError):
                raise ItemError(f"{relative!r} is not a readable image", line) from None
        else:
            allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
            if path.suffix.lower().removeprefix(".") not in allowed:
                raise ItemError(
                    f"{relative!r}: documents may only be {', '.join(allowed)} files (WAGTAILDOCS_EXTENSIONS)", line
                )
        return 0

    def media(self, item: Item, kind: str, relative: str, line: int) -> int:
        """The pk of the image or document for ``relative``, created (once, by content hash) if needed."""
        path = self.check_media(item, kind, relative, line) or self.media_path(item, relative, line)
        if (kind, path) in self._media:
            return self._media[(kind, path)]
        model = get_image_model() if kind == "image" else get_document_model()
        digest = hashlib.sha1(path.read_bytes()).hexdigest()
        title = path.stem
        existing = model.objects.filter(file_hash=digest, title=title).first()
        if existing is None:
            with path.open("rb") as handle:
                wrapper = ImageFile if kind == "image" else File
                obj = model(title=title, file=wrapper(handle, name=path.name))
                obj.file_hash = digest
                obj.file_size = path.stat().st_size
                obj.save()
            self.created_files.append(obj.file.name)
            existing = obj
        self._media[(kind, path)] = existing.pk
        return existing.pk

    def cleanup_files(self) -> None:
        for name in self.created_files:
            default_storage.delete(name)

    # --- references --------------------------------------------------------------------------
    def entity(self, model, kind: str, key: str, lang: str):
        """The snippet with ``key`` in ``lang``, else its English version, else None."""
        translation_key = entity_translation_key(kind, key)
        found = {obj.locale_id: obj for obj in model.objects.filter(translation_key=translation_key)}
        locale = self.locales[lang]
        default = self.locales[settings.LANGUAGE_CODE]
        return found.get(locale.pk) or found.get(default.pk) or next(iter(found.values()), None)

    def person(self, key: str, lang: str, item: Item, field: str) -> Person:
        person = self.entity(Person, "person", key, lang)
        if person is None:
            raise ItemError(f"unknown person {key!r} in '{field}'", item.line_of(field))
        return person

    def organisation(self, key: str, lang: str, item: Item, field: str) -> Organisation:
        organisation = self.entity(Organisation, "organisation", key, lang)
        if organisation is None:
            raise ItemError(f"unknown organisation {key!r} in '{field}'", item.line_of(field))
        return organisation

    def topic(self, key: str, lang: str, item: Item) -> Topic:
        topic = self.entity(Topic, "topic", key, lang)
        if topic is None:
            raise ItemError(f"unknown topic {key!r}", item.line_of("topic"))
        return topic

    def page_by_key(self, key: str, lang: str) -> Page | None:
        pages = Page.objects.filter(translation_key__in=[page_translation_key(s, key) for s in PAGE_MODELS])
        by_locale = {page.locale_id: page for page in pages}
        return by_locale.get(self.locales[lang].pk) or by_locale.get(self.locales[settings.LANGUAGE_CODE].pk)

    # --- snippets ----------------------------------------------------------------------------
    def write_snippet(self, item: Item):
        meta, lang = item.meta, item.lang
        if item.section == "topics":
            model, kind = Topic, "topic"
        elif meta.get("kind") == "organisation":
            model, kind = Organisation, "organisation"
        else:
            model, kind = Person, "person"
        translation_key = entity_translation_key(kind, item.key)
        obj = model.objects.filter(translation_key=translation_key, locale=self.locales[lang]).first()
        before = _field_values(obj) if obj is not None else None
        if obj is None:
            obj = model(translation_key=translation_key, locale=self.locales[lang])
        obj.package_key = item.key
        obj.name = str(meta["title"])
        obj.slug = item.slug
        obj.description = item.doc.body.strip()
        if model is not Topic:
            obj.aliases = "\n".join(meta.get("aliases") or [])
        if model is Person:
            obj.role = str(meta.get("role") or "")
            obj.affiliation = str(meta.get("affiliation") or "")
            obj.photo_id = (
                self.media(item, "image", meta["photo"], item.line_of("photo")) if meta.get("photo") else None
            )
        if before is not None and _field_values(obj) == before:
            self.stats["unchanged"] += 1
            return obj  # untouched, but still the snippet (its translationOf is recorded all the same)
        self.stats["updated" if before is not None else "created"] += 1
        obj.full_clean(exclude=["translation_key", "locale"], validate_unique=False)
        obj.save()
        return obj

    # --- pages -------------------------------------------------------------------------------
    def index(self, section: str, lang: str) -> Page:
        if (section, lang) not in self._indexes:
            self._indexes[(section, lang)] = section_index(self.homes[lang], section)
        return self._indexes[(section, lang)]

    def weekly_issue(self, week_start: datetime.date, lang: str) -> WeeklyIssuePage:
        if (week_start, lang) in self._issues:
            return self._issues[(week_start, lang)]
        translation_key = translation_key_for("weekly-issue", week_start.isoformat())
        issue = WeeklyIssuePage.objects.filter(translation_key=translation_key, locale=self.locales[lang]).first()
        if issue is None:
            issue = WeeklyIssuePage.of_week(week_start, locale=self.locales[lang], translation_key=translation_key)
            self.index("weekly", lang).add_child(instance=issue)
            if self.revisions:
                issue.save_revision().publish()
        self._issues[(week_start, lang)] = issue
        return issue

    def write_page(self, item: Item) -> Page:
        meta, lang, section = item.meta, item.lang, item.section
        model = PAGE_MODELS[section]
        parent = self.weekly_issue(meta["week"], lang) if section == "weekly" else self.index(section, lang)
        translation_key = page_translation_key(section, item.key)
        page = model.objects.filter(translation_key=translation_key, locale=self.locales[lang]).first()
        draft = bool(meta.get("draft"))
        if page is None:
            self.stats["created"] += 1
            page = model(translation_key=translation_key, locale=self.locales[lang], live=not draft)
            self._fill_page(page, item)
            self._clean_page(page, item, new=True)
            self._add_child(parent, page, item)
        else:
            before = self._state_as_published(page, draft=draft)
            moved = page.get_parent().pk != parent.pk
            if moved:
                page.move(parent, pos="last-child")
                page.refresh_from_db()
            self._fill_page(page, item)
            if not moved and before is not None and page_content_state(page) == before:
                self.stats["unchanged"] += 1
                return page
            self.stats["updated"] += 1
            self._clean_page(page, item, new=False)
            if not self.revisions:
                page.save(clean=False)
        if self.revisions:
            self._publish(page, draft=draft)
        return page

    @staticmethod
    def _state_as_published(page: Page, *, draft: bool) -> str | None:
        """The content state an unchanged import would leave ``page`` in, or None when it must be written anyway.

        A live page the package keeps live: its state when nobody has a draft pending. A draft the package keeps
        a draft: the state of its latest revision.
        """
        if not draft and page.live and not page.has_unpublished_changes:
            return page_content_state(page)
        if draft and not page.live and page.latest_revision_id:
            return page_content_state(page.get_latest_revision_as_object())
        return None

    def _clean_page(self, page: Page, item: Item, *, new: bool) -> None:
        """``full_clean()`` (a new page's place in the tree is checked by ``add_child``); errors at their line."""
        try:
            if new:
                page.clean_fields(exclude=TREE_FIELDS)
            else:
                page.full_clean()
        except ValidationError as error:
            raise _item_error(error, item) from None

    def _publish(self, page: Page, *, draft: bool) -> None:
        revision = page.save_revision(clean=False)
        if draft:
            if page.live:
                page.unpublish()
        else:
            revision.publish()

    def _add_child(self, parent: Page, page: Page, item: Item) -> None:
        try:
            parent.add_child(instance=page)
        except ValidationError as error:
            raise _item_error(error, item) from None

    def _fill_page(self, page: Page, item: Item) -> None:
        meta, lang, section = item.meta, item.lang, item.section
        page.title = str(meta["title"])
        page.slug = item.slug
        page.package_key = item.key
        page.summary = str(meta.get("summary") or "")
        page.date = meta["date"]
        page.social_image_id = (
            self.media(item, "image", meta["image"], item.line_of("image")) if meta.get("image") else None
        )
        body_lines: list[int] = []
        page.body = parse_body(
            item.doc.body,
            first_line=item.doc.body_line,
            resolve_media=lambda kind, path, line: self.media(item, kind, path, line),
            block_lines=body_lines,
        )
        if section in ("news", "weekly"):
            link_model = NewsAuthor if section == "news" else CommentaryAuthor
            page.authors = [
                link_model(person=self.person(key, lang, item, "authors")) for key in meta.get("authors", [])
            ]
        if section == "weekly":
            page.topic = self.topic(meta["topic"], lang, item)
            page.trend = meta["trend"]
        elif section == "plans":
            page.pdf_id = self.media(item, "document", meta["pdf"], item.line_of("pdf"))
        elif section == "statements":
            page.signatories = [
                StatementSignatory(organisation=self.organisation(key, lang, item, "signatories"))
                for key in meta.get("signatories", [])
            ]
        elif section == "discussions":
            self._fill_discussion(page, item)
        for field in type(page)._meta.get_fields():
            if isinstance(field, StreamField):
                lines = body_lines if field.name == "body" else []
                stream_clean(page, field, lines=lines, line=item.line_of(field.name))

    def _fill_discussion(self, page: DiscussionPage, item: Item) -> None:
        meta, lang = item.meta, item.lang
        page.series = str(meta.get("series") or "")
        page.number = meta.get("number")
        page.format = meta.get("format") or ""
        page.place = str(meta.get("place") or "")
        page.registration_url = str(meta.get("registration") or "")
        page.moderator = self.person(meta["moderator"], lang, item, "moderator") if meta.get("moderator") else None
        page.participants = [
            DiscussionParticipant(
                person=self.person(p["person"], lang, item, "participants"), intro=str(p.get("intro") or "")
            )
            for p in meta.get("participants", [])
        ]
        page.questions = [{"type": "question", "value": q} for q in meta.get("questions", [])]
        page.briefly = [{"type": "takeaway", "value": b} for b in meta.get("briefly", [])]
        page.transcript = [
            {
                "type": "section",
                "value": {
                    "question": section["question"],
                    "turns": [
                        {
                            "speaker": self.person(turn["speaker"], lang, item, "transcript").pk,
                            "text": markdown_to_html(str(turn.get("text") or "")),
                        }
                        for turn in section.get("turns") or []
                    ],
                },
            }
            for section in meta.get("transcript", [])
        ]

    def write_related(self, item: Item, page: NewsPage) -> None:
        """Second pass: "Read more" links may point at pages written after this one."""
        links = []
        for key in item.meta.get("related", []):
            target = self.page_by_key(key, item.lang)
            if target is None:
                raise ItemError(f"unknown page {key!r} in 'related'", item.line_of("related"))
            links.append(NewsRelatedLink(target=target))
        if [link.target_id for link in page.related_links.all()] == [link.target_id for link in links]:
            return  # as they are: no second revision
        if self.revisions:
            page.related_links = links
            self._publish(page, draft=not page.live)
        else:
            NewsRelatedLink.objects.filter(page=page).delete()
            for order, link in enumerate(links):
                link.page, link.sort_order = page, order
            NewsRelatedLink.objects.bulk_create(links)


#: A new page's place in the tree, set by ``add_child``.
TREE_FIELDS = ["path", "depth", "numchild", "url_path", "draft_title", "content_type", "locale", "translation_key"]
#: Which front-matter key holds a page field, for the line of an error.
FIELD_KEYS = {"registration_url": "registration", "social_image": "image", "pdf": "pdf", "body": None}


def _item_error(error: ValidationError, item: Item) -> ItemError:
    if not hasattr(error, "message_dict"):
        return ItemError(f"the page is not valid: {' '.join(error.messages)}", 1)
    messages = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    fields = list(error.message_dict)
    key = FIELD_KEYS.get(fields[0], fields[0]) if fields else None
    line = item.line_of(key) if key and key in item.meta else (item.doc.body_line if key is None else 1)
    return ItemError(f"the page is not valid: {messages}", line)


def stream_clean(page: Page, field: StreamField, *, lines: list[int], line: int) -> None:
    """Every block of the StreamField ``field`` of ``page`` validated as the editor's form would.

    Raises ItemError at the block's line (``lines[i]`` for the i-th block, else ``line``).
    """
    # A copy of the value: validating converts blocks, and the page keeps its raw data as the package gave it.
    for index, child in enumerate(_stream_copy(page, field)):
        try:
            child.block.clean(child.value)
        except ValidationError as error:
            where = lines[index] if index < len(lines) else line
            detail = "; ".join(block_error_messages(error))
            raise ItemError(f"the {child.block_type} block is not valid: {detail}", where) from None


def block_error_messages(error: ValidationError, where: str = "") -> list[str]:
    """The messages of a (nested) StreamField block error, each with the path of the field at fault."""
    nested = getattr(error, "block_errors", None)
    if nested:
        found = []
        for key, sub_error in nested.items() if isinstance(nested, dict) else enumerate(nested):
            if sub_error is not None:
                found += block_error_messages(sub_error, f"{where}.{key}" if where else str(key))
        for sub_error in getattr(error, "non_block_errors", None) or []:
            found += [f"{where}: {message}" if where else message for message in sub_error.messages]
        return found
    return [f"{where}: {message}" if where else message for message in error.messages]


def _stream_copy(page: Page, field: StreamField):
    """The StreamField ``field`` of ``page`` as a new value made from its raw data (the page's own is untouched)."""
    return field.stream_block.to_python(list(getattr(page, field.name).raw_data))


def _field_values(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _without_block_ids(value):
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_block_ids(item) for key, item in value.items() if not (key == "id" and "type" in value)}
    return value


#: Child rows' bookkeeping: their own keys and order fields (the order of the list is compared).
_CHILD_BOOKKEEPING = {"pk", "id", "page", "sort_order"}


def page_content_state(page: Page) -> str:
    """What an import sets on a page, as comparable text: its own fields, StreamFields without block ids, and
    its inline rows (authors, signatories, participants …) without their keys."""
    model = type(page)
    state: dict = {"title": page.title, "slug": page.slug}
    for field in model._meta.concrete_fields:
        if field.model is Page or getattr(field.remote_field, "parent_link", False):
            continue
        if isinstance(field, StreamField):
            blocks = [
                {"type": c.block_type, "value": c.block.get_prep_value(c.value)} for c in _stream_copy(page, field)
            ]
            state[field.name] = _without_block_ids(blocks)
        else:
            state[field.attname] = getattr(page, field.attname)
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        rows = []
        for child in getattr(page, name).all():
            fields = {f.attname: getattr(child, f.attname) for f in child._meta.concrete_fields}
            rows.append({key: value for key, value in fields.items() if key not in _CHILD_BOOKKEEPING | {"page_id"}})
        state[name] = rows
    return json.dumps(state, cls=DjangoJSONEncoder, sort_keys=True)
