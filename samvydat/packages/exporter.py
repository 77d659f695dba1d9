"""Write the site's content as a content package (see ``services.package_export``)."""

from pathlib import Path

from anyascii import anyascii
from django.conf import settings
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from samvydat.people.models import Organisation, Person
from samvydat.translations.selectors import basis_digests, source_digests
from samvydat.weekly.models import Topic, WeeklyIssuePage

from .frontmatter import render
from .importer import PAGE_MODELS
from .markdown import body_to_markdown, html_to_markdown

SECTION_OF_MODEL = {model: section for section, model in PAGE_MODELS.items()}


def _keys_by_translation(objects) -> dict:
    """translation_key → the package key of the group: a stored key, else the default language's slug."""
    groups: dict = {}
    for obj in objects:
        groups.setdefault(obj.translation_key, []).append(obj)
    keys = {}
    for translation_key, members in groups.items():
        stored = sorted(m.package_key for m in members if m.package_key)
        default = [m for m in members if m.locale.language_code == settings.LANGUAGE_CODE]
        keys[translation_key] = stored[0] if stored else (default or members)[0].slug
    return keys


class PackageExporter:
    def __init__(self, root: Path):
        self.root = root
        self.files: dict[Path, str] = {}
        self.media_names: dict[tuple[str, str, int], str] = {}
        self.media_files: dict[Path, object] = {}

    def export(self) -> int:
        people = list(Person.objects.select_related("locale"))
        organisations = list(Organisation.objects.select_related("locale"))
        topics = list(Topic.objects.select_related("locale"))
        self.entity_keys = {
            Person: _keys_by_translation(people),
            Organisation: _keys_by_translation(organisations),
            Topic: _keys_by_translation(topics),
        }
        self.entity_by_pk = {(type(o), o.pk): o for o in people + organisations + topics}
        pages = []
        for model in PAGE_MODELS.values():
            pages += list(model.objects.select_related("locale").order_by("path"))
        self.page_keys = _keys_by_translation(pages)
        self.page_key_by_pk = {page.pk: self.page_keys[page.translation_key] for page in pages}
        self.issues_by_path = {issue.path: issue for issue in WeeklyIssuePage.objects.all()}
        #: (Page or snippet model, pk) → the fingerprint of the source text each translation was made from.
        self.translation_of = basis_digests()
        #: … and of the text of each source now (a translator copies it into ``translationOf``).
        self.fingerprints = source_digests()
        for obj in sorted(people + organisations, key=lambda o: (o.slug, o.locale.language_code)):
            self._add_entity(obj)
        for topic in sorted(topics, key=lambda o: (o.slug, o.locale.language_code)):
            self._add_entity(topic)
        for page in sorted(pages, key=lambda p: (SECTION_OF_MODEL[type(p)], p.slug, p.locale.language_code, p.path)):
            self._add_page(page)
        self._write()
        return len(self.files) + len(self.media_files)

    # --- helpers -----------------------------------------------------------------------------
    def _path(self, section: str, slug: str, lang: str) -> Path:
        candidate, n = slug, 1
        while (path := self.root / "content" / section / f"{candidate}.{lang}.md") in self.files:
            n += 1
            candidate = f"{slug}-{n}"
        return path

    def _entity_key(self, obj) -> str:
        return self.entity_keys[type(obj)][obj.translation_key]

    def _versions(self, model, pk: int) -> dict:
        """``fingerprint`` of a source's text, ``translationOf`` of a translation (docs/content-format.md)."""
        if digest := self.fingerprints.get((model, pk)):
            return {"fingerprint": digest}
        if digest := self.translation_of.get((model, pk)):
            return {"translationOf": digest}
        return {}

    def _media(self, section: str, kind: str, pk: int) -> str:
        if (section, kind, pk) in self.media_names:
            return self.media_names[(section, kind, pk)]
        model = get_image_model() if kind == "image" else get_document_model()
        obj = model.objects.get(pk=pk)
        suffix = Path(obj.file.name).suffix.lower()
        stem = obj.title if slugify(obj.title) == obj.title.lower() and obj.title else ""
        stem = stem or slugify(anyascii(obj.title))[:80] or f"{kind}-{obj.file_hash[:10]}"
        name = f"media/{stem}{suffix}"
        target = self.root / "content" / section / name
        if target in self.media_files and self.media_files[target].pk != obj.pk:
            name = f"media/{stem}-{obj.file_hash[:8]}{suffix}"
            target = self.root / "content" / section / name
        self.media_files[target] = obj
        self.media_names[(section, kind, pk)] = name
        return name

    # --- items -------------------------------------------------------------------------------
    def _add_entity(self, obj) -> None:
        lang = obj.locale.language_code
        meta = {"title": obj.name, "translationKey": self._entity_key(obj)}
        meta.update(self._versions(type(obj), obj.pk))
        if isinstance(obj, Topic):
            section = "topics"
        else:
            section = "people"
            meta["kind"] = "organisation" if isinstance(obj, Organisation) else "person"
            if isinstance(obj, Person):
                if obj.role:
                    meta["role"] = obj.role
                if obj.affiliation:
                    meta["affiliation"] = obj.affiliation
                if obj.photo_id:
                    meta["photo"] = self._media(section, "image", obj.photo_id)
            if obj.alias_list:
                meta["aliases"] = obj.alias_list
        self.files[self._path(section, obj.slug, lang)] = render(meta, obj.description)

    def _add_page(self, page) -> None:
        section = SECTION_OF_MODEL[type(page)]
        lang = page.locale.language_code
        meta: dict = {"title": page.title, "date": page.date, "translationKey": self.page_keys[page.translation_key]}
        meta.update(self._versions(Page, page.pk))
        if page.summary:
            meta["summary"] = page.summary
        if page.social_image_id:
            meta["image"] = self._media(section, "image", page.social_image_id)
        if not page.live:
            meta["draft"] = True
        if section in ("news", "weekly"):
            authors = [
                self._entity_key(link.person)
                for link in page.authors.select_related("person").order_by("sort_order", "pk")
            ]
            if authors:
                meta["authors"] = authors
        if section == "news":
            related = [
                self.page_key_by_pk[link.target_id]
                for link in page.related_links.order_by("sort_order", "pk")
                if link.target_id in self.page_key_by_pk
            ]
            if related:
                meta["related"] = related
        elif section == "weekly":
            issue = self.issues_by_path.get(page.path[: -Page.steplen])
            if issue is not None:
                meta["week"] = issue.week_start
            if page.topic_id:
                meta["topic"] = self._entity_key(page.topic)
            if page.trend:
                meta["trend"] = page.trend
        elif section == "plans" and page.pdf_id:
            meta["pdf"] = self._media(section, "document", page.pdf_id)
        elif section == "statements":
            signatories = [
                self._entity_key(link.organisation)
                for link in page.signatories.select_related("organisation").order_by("sort_order", "pk")
            ]
            if signatories:
                meta["signatories"] = signatories
        elif section == "discussions":
            meta.update(self._discussion_meta(page))
        body = body_to_markdown(page.body.raw_data, media_name=lambda kind, pk: self._media(section, kind, pk))
        self.files[self._path(section, page.slug, lang)] = render(meta, body)

    def _discussion_meta(self, page) -> dict:
        meta: dict = {}
        for key, value in (
            ("series", page.series),
            ("number", page.number),
            ("format", page.format),
            ("place", page.place),
            ("registration", page.registration_url),
        ):
            if value not in ("", None):
                meta[key] = value
        participants = [
            {"person": self._entity_key(link.person), "intro": link.intro}
            for link in page.participants.select_related("person").order_by("sort_order", "pk")
        ]
        if participants:
            meta["participants"] = participants
        if page.moderator_id:
            meta["moderator"] = self._entity_key(page.moderator)
        questions = [block["value"] for block in page.questions.raw_data]
        if questions:
            meta["questions"] = questions
        briefly = [block["value"] for block in page.briefly.raw_data]
        if briefly:
            meta["briefly"] = briefly
        transcript = []
        for block in page.transcript.raw_data:
            turns = []
            for turn in block["value"].get("turns", []):
                value = turn["value"] if isinstance(turn, dict) and "value" in turn and "type" in turn else turn
                speaker = self.entity_by_pk.get((Person, value["speaker"]))
                turns.append(
                    {"speaker": self._entity_key(speaker) if speaker else "", "text": html_to_markdown(value["text"])}
                )
            transcript.append({"question": block["value"]["question"], "turns": turns})
        if transcript:
            meta["transcript"] = transcript
        return meta

    def _write(self) -> None:
        for path, text in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for path, obj in self.media_files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with obj.file.open("rb") as source:
                path.write_bytes(source.read())
