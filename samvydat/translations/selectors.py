"""Reading translation status: one row per translatable page or snippet and language (docs/translation.md)."""

import bisect
import datetime
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, PageLogEntry, Revision

from samvydat.core.models import BasePage

from .models import TranslationBasis
from .sources import SNIPPET_MODELS, basis_content_type, source_of_group
from .status import Status, status_decide
from .text import Paragraph, content_paragraphs, digest, object_paragraphs

_DIGEST_CACHE = "translations:revision-digest:{}"
_GENERATION_CACHE = "translations:status-generation"
_COUNTS_CACHE = "translations:status-counts:{}"


@dataclass
class TranslationRow:
    """The status of one translatable item in one language."""

    model: type
    translation_key: uuid.UUID
    package_key: str
    language: str
    status: Status
    section: str
    source_id: int
    source_title: str
    source_language: str
    translation_id: int | None = None
    translation_title: str = ""
    translation_live: bool = False
    #: When the source was last published (pages); None for snippets, which keep no dates.
    source_published_at: datetime.datetime | None = None
    #: When the translation was last saved (pages) or its basis recorded (snippets).
    translated_at: datetime.datetime | None = None
    basis_revision_id: int | None = None
    basis_digest: str | None = None
    basis_known: bool = False

    @property
    def is_page(self) -> bool:
        return issubclass(self.model, Page)

    @property
    def kind(self) -> str:
        return self.model._meta.verbose_name

    @property
    def title(self) -> str:
        return self.translation_title or self.source_title

    @property
    def since(self) -> datetime.datetime | None:
        """Since when the translation has been missing or outdated: the source's last publication."""
        return None if self.status == Status.CURRENT else self.source_published_at

    @property
    def age_days(self) -> int | None:
        return None if self.since is None else (timezone.now() - self.since).days


def section_choices() -> list[tuple[str, str]]:
    """(app label, name) of the sections rows belong to."""
    labels = sorted({model._meta.app_label for model in _page_models()} | {m._meta.app_label for m in SNIPPET_MODELS})
    return [(label, section_label(label)) for label in labels]


def section_label(app_label: str) -> str:
    if app_label == "core":
        return str(_("Home pages"))
    return str(apps.get_app_config(app_label).verbose_name)


def _page_models() -> list[type]:
    return [m for m in apps.get_models() if issubclass(m, BasePage) and not m._meta.abstract]


def content_languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


# --- digests of revisions (immutable, so cached for good) ----------------------------------------


def revision_paragraphs(revision: Revision) -> list[Paragraph]:
    model = revision.content_type.model_class() or Page
    return content_paragraphs(model, revision.content or {})


def _revision_digests(ids: set[int]) -> dict[int, str]:
    """revision id → digest of its text. Cached by id and time of writing: ids can come back after a
    rollback or a restore, and an overwritten revision gets a new time."""
    ids = {i for i in ids if i}
    if not ids:
        return {}
    keys = {
        pk: _DIGEST_CACHE.format(f"{pk}:{created_at.timestamp()}")
        for pk, created_at in Revision.objects.filter(id__in=ids).values_list("id", "created_at")
    }
    cached = cache.get_many(list(keys.values()))
    found = {pk: cached[key] for pk, key in keys.items() if key in cached}
    computed = {}
    for row in Revision.objects.filter(id__in=set(keys) - set(found)).values("id", "content", "content_type_id"):
        model = ContentType.objects.get_for_id(row["content_type_id"]).model_class() or Page
        computed[row["id"]] = digest(content_paragraphs(model, row["content"] or {}))
    if computed:
        cache.set_many({keys[pk]: value for pk, value in computed.items()}, timeout=30 * 24 * 3600)
    return found | computed


# --- rows --------------------------------------------------------------------------------------


def _locales() -> dict[int, str]:
    wanted = set(content_languages())
    return {pk: code for pk, code in Locale.objects.values_list("pk", "language_code") if code in wanted}


def _bases(content_type: ContentType, keys=None) -> dict[tuple, dict]:
    queryset = TranslationBasis.objects.filter(content_type=content_type)
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    fields = ("translation_key", "locale_id", "source_locale_id", "source_revision_id", "source_digest", "recorded_at")
    return {(b["translation_key"], b["locale_id"]): b for b in queryset.values(*fields)}


def _package_keys(ids: set[int]) -> dict[int, str]:
    found = {}
    for model in _page_models():
        rows = model.objects.filter(pk__in=ids).exclude(package_key="").values_list("pk", "package_key")
        found.update(rows)
    return found


def _publications(source_ids: set[int]) -> dict[int, list[tuple]]:
    """page id → [(published at, revision id)] oldest first, from Wagtail's log of publications."""
    found: dict[int, list[tuple]] = {}
    entries = PageLogEntry.objects.filter(action="wagtail.publish", page_id__in=source_ids, revision__isnull=False)
    for page_id, revision_id, timestamp in entries.order_by("timestamp", "pk").values_list(
        "page_id", "revision_id", "timestamp"
    ):
        found.setdefault(page_id, []).append((timestamp, revision_id))
    return found


def _fallback_basis(publications: list[tuple], translated_at) -> int | None:
    """The source revision published last before the translation's latest revision (else its first one)."""
    if not publications:
        return None
    if translated_at is None:
        return publications[0][1]
    at = bisect.bisect_right([when for when, _rev in publications], translated_at)
    return publications[max(at - 1, 0)][1]


_PAGE_FIELDS = (
    "id",
    "translation_key",
    "locale_id",
    "title",
    "slug",
    "live",
    "content_type_id",
    "live_revision_id",
    "latest_revision_id",
    "latest_revision_created_at",
    "last_published_at",
    "first_published_at",
)


def _page_rows(locales: dict[int, str], keys=None) -> list[TranslationRow]:
    queryset = Page.objects.filter(depth__gt=1, alias_of__isnull=True, locale_id__in=locales)
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    groups: dict[uuid.UUID, list[dict]] = {}
    for page in queryset.values(*_PAGE_FIELDS):
        groups.setdefault(page["translation_key"], []).append(page)
    default = next((pk for pk, code in locales.items() if code == settings.LANGUAGE_CODE), None)
    sources = {key: source_of_group(members, default) for key, members in groups.items()}
    sources = {key: s for key, s in sources.items() if s["live"]}
    bases = _bases(basis_content_type(Page), keys)
    package_keys = _package_keys({s["id"] for s in sources.values()})
    publications = _publications({s["id"] for s in sources.values()})

    pending = []
    for key, source in sources.items():
        by_locale = {m["locale_id"]: m for m in groups[key]}
        model = ContentType.objects.get_for_id(source["content_type_id"]).model_class() or Page
        for locale_id, language in locales.items():
            if locale_id == source["locale_id"]:
                continue
            translation = by_locale.get(locale_id)
            row = TranslationRow(
                model=model,
                translation_key=key,
                package_key=package_keys.get(source["id"]) or source["slug"],
                language=language,
                status=Status.MISSING,
                section=model._meta.app_label,
                source_id=source["id"],
                source_title=source["title"],
                source_language=locales[source["locale_id"]],
                source_published_at=source["last_published_at"],
            )
            if translation is not None:
                basis = bases.get((key, locale_id))
                this_source = source
                if basis and basis["source_locale_id"] != source["locale_id"]:
                    this_source = by_locale.get(basis["source_locale_id"]) or source
                    if this_source is not source and not this_source["live"]:
                        this_source = source
                row.translation_id = translation["id"]
                row.translation_title = translation["title"]
                row.translation_live = translation["live"]
                row.translated_at = translation["latest_revision_created_at"] or translation["last_published_at"]
                if this_source is not source:
                    row.source_id, row.source_title = this_source["id"], this_source["title"]
                    row.source_language = locales[this_source["locale_id"]]
                    row.source_published_at = this_source["last_published_at"]
                if basis and basis["source_locale_id"] == this_source["locale_id"]:
                    row.basis_revision_id = basis["source_revision_id"]
                    row.basis_digest = basis["source_digest"] or None
                else:
                    row.basis_revision_id = _fallback_basis(publications.get(this_source["id"], []), row.translated_at)
                row.basis_known = bool(row.basis_digest or row.basis_revision_id)
                pending.append((row, this_source["live_revision_id"]))
            else:
                pending.append((row, None))

    needed = set()
    for row, live_revision_id in pending:
        if row.translation_id and row.basis_known and row.basis_revision_id != live_revision_id:
            needed.add(live_revision_id)
            if not row.basis_digest:
                needed.add(row.basis_revision_id)
    digests = _revision_digests(needed)
    rows = []
    for row, live_revision_id in pending:
        if row.translation_id and row.basis_known and row.basis_revision_id != live_revision_id:
            row.basis_digest = row.basis_digest or digests.get(row.basis_revision_id)
            source_digest = digests.get(live_revision_id)
        else:
            source_digest = None
        row.status = status_decide(
            exists=row.translation_id is not None, basis_digest=row.basis_digest, source_digest=source_digest
        )
        rows.append(row)
    return rows


def _snippet_rows(model, locales: dict[int, str], keys=None) -> list[TranslationRow]:
    queryset = model.objects.filter(locale_id__in=locales)
    if keys is not None:
        queryset = queryset.filter(translation_key__in=keys)
    groups: dict[uuid.UUID, list] = {}
    for obj in queryset:
        groups.setdefault(obj.translation_key, []).append(obj)
    default = next((pk for pk, code in locales.items() if code == settings.LANGUAGE_CODE), None)
    bases = _bases(basis_content_type(model), keys)
    rows = []
    for key, members in groups.items():
        source = source_of_group(members, default)
        by_locale = {m.locale_id: m for m in members}
        source_digest = digest(object_paragraphs(source))
        for locale_id, language in locales.items():
            if locale_id == source.locale_id:
                continue
            translation = by_locale.get(locale_id)
            row = TranslationRow(
                model=model,
                translation_key=key,
                package_key=source.package_key or source.slug,
                language=language,
                status=Status.MISSING,
                section=model._meta.app_label,
                source_id=source.pk,
                source_title=str(source),
                source_language=locales[source.locale_id],
            )
            if translation is not None:
                basis = bases.get((key, locale_id))
                row.translation_id, row.translation_title, row.translation_live = translation.pk, str(translation), True
                if basis and basis["source_locale_id"] == source.locale_id:
                    row.basis_digest = basis["source_digest"] or None
                    row.translated_at = basis["recorded_at"]
                row.basis_known = row.basis_digest is not None
            row.status = status_decide(
                exists=translation is not None, basis_digest=row.basis_digest, source_digest=source_digest
            )
            rows.append(row)
    return rows


def translation_rows(
    *,
    language: str | None = None,
    status: str | None = None,
    section: str | None = None,
    older_than_days: int | None = None,
    keys=None,
) -> list[TranslationRow]:
    """Every translatable item's status in every content language (or only those asked for)."""
    locales = _locales()
    rows = _page_rows(locales, keys)
    for model in SNIPPET_MODELS:
        rows += _snippet_rows(model, locales, keys)
    if language:
        rows = [r for r in rows if r.language == language]
    if status:
        rows = [r for r in rows if r.status == status]
    if section:
        rows = [r for r in rows if r.section == section]
    if older_than_days is not None:
        rows = [r for r in rows if r.age_days is not None and r.age_days >= older_than_days]
    return rows


def translation_row_for(obj) -> TranslationRow | None:
    """The status of ``obj`` as a translation (None when it is a source, an alias or not in a content language)."""
    if isinstance(obj, Page):
        rows = _page_rows(_locales(), [obj.translation_key])
    else:
        rows = _snippet_rows(type(obj), _locales(), [obj.translation_key])
    return next((r for r in rows if r.translation_id == obj.pk), None)


def basis_digests() -> dict[tuple[type, int], str]:
    """(``Page`` or the snippet model, translation pk) → the fingerprint of the source's text each translation
    was made from, where it is known (what content packages write as ``translationOf``)."""
    rows = [row for row in translation_rows() if row.translation_id and row.basis_known]
    lost = _revision_digests({row.basis_revision_id for row in rows if not row.basis_digest and row.basis_revision_id})
    found = {}
    for row in rows:
        value = row.basis_digest or lost.get(row.basis_revision_id)
        if value:
            found[(Page if row.is_page else row.model, row.translation_id)] = value
    return found


def source_digests() -> dict[tuple[type, int], str]:
    """(``Page`` or the snippet model, source pk) → the fingerprint of each source's published text now (what
    content packages write as ``fingerprint``, for translators to copy into ``translationOf``)."""
    rows = translation_rows()
    page_ids = {row.source_id for row in rows if row.is_page}
    live = dict(Page.objects.filter(pk__in=page_ids, live_revision__isnull=False).values_list("pk", "live_revision_id"))
    by_revision = _revision_digests(set(live.values()))
    found = {(Page, pk): by_revision[revision] for pk, revision in live.items() if revision in by_revision}
    for model in SNIPPET_MODELS:
        ids = {row.source_id for row in rows if row.model is model}
        found.update(((model, obj.pk), digest(object_paragraphs(obj))) for obj in model.objects.filter(pk__in=ids))
    return found


# --- counts, cached between changes ------------------------------------------------------------


def status_changed() -> None:
    """Forget the cached counts (called whenever a page, snippet, revision or basis changes)."""
    try:
        cache.incr(_GENERATION_CACHE)
    except ValueError:
        cache.set(_GENERATION_CACHE, 1, timeout=None)


def status_counts() -> dict[str, dict[str, int]]:
    """language → status → number of items, cached until something changes (for the menu and the dashboard)."""
    generation = cache.get_or_set(_GENERATION_CACHE, 1, timeout=None)
    key = _COUNTS_CACHE.format(generation)
    counts = cache.get(key)
    if counts is None:
        counts = {language: {s.value: 0 for s in Status} for language in content_languages()}
        for row in translation_rows():
            counts[row.language][row.status] += 1
        cache.set(key, counts, timeout=3600)
    return counts


# --- what changed ------------------------------------------------------------------------------


def source_texts(row: TranslationRow) -> tuple[list[Paragraph], list[Paragraph]] | None:
    """The source's text the translation was made from and the source's text now; None when the first is lost."""
    source = row.model._default_manager.get(pk=row.source_id)
    if row.is_page:
        now = revision_paragraphs(source.live_revision) if source.live_revision_id else object_paragraphs(source)
    else:
        now = object_paragraphs(source)
    basis = TranslationBasis.objects.filter(
        content_type=basis_content_type(row.model),
        translation_key=row.translation_key,
        locale__language_code=row.language,
    ).first()
    if basis is not None and basis.source_text and basis.source_digest == row.basis_digest:
        return [tuple(p) for p in basis.source_text], now
    if row.basis_revision_id:
        revision = Revision.objects.filter(pk=row.basis_revision_id).first()
        if revision is not None:
            return revision_paragraphs(revision), now
    return None
