"""The translation status report, the "what changed" page and the "checked, still up to date" action."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from samvydat.core.models import paginate

from .diffing import side_by_side
from .offers import language_name, missing_translate_urls
from .permissions import can_mark_checked, can_view_status, translator_languages
from .selectors import (
    TranslationRow,
    content_languages,
    section_choices,
    section_label,
    source_texts,
    status_counts,
    translation_row_for,
    translation_rows,
)
from .sources import SNIPPET_MODELS
from .status import Status
from .status_services import translation_mark_checked

AGE_CHOICES = (7, 30, 90, 365)
#: ordering parameter → sort key of a row. Missing dates sort last.
ORDERINGS = {
    "title": lambda r: r.title.casefold(),
    "section": lambda r: (section_label(r.section), r.title.casefold()),
    "status": lambda r: ([Status.OUTDATED, Status.MISSING, Status.CURRENT].index(r.status), -(r.age_days or 0)),
    "since": lambda r: (r.since is None, r.since.timestamp() if r.since else 0),
    "translated": lambda r: (r.translated_at is None, r.translated_at.timestamp() if r.translated_at else 0),
    "age": lambda r: (r.age_days is None, r.age_days or 0),
}
_MODELS = {("wagtailcore", "page"): Page} | {(m._meta.app_label, m._meta.model_name): m for m in SNIPPET_MODELS}


def _require_viewer(request) -> None:
    if not can_view_status(request.user):
        raise PermissionDenied


def languages_for(user) -> list[tuple[str, str]]:
    """The content languages, the user's own translation languages first."""
    own = translator_languages(user)
    names = dict(settings.LANGUAGES)
    codes = own + [code for code in content_languages() if code not in own]
    return [(code, str(names.get(code, code))) for code in codes]


def edit_url(model, pk: int) -> str:
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    try:
        return reverse(model.snippet_viewset.get_url_name("edit"), args=[pk])
    except (AttributeError, NoReverseMatch):
        return ""


def _object_key(row: TranslationRow) -> tuple[str, str]:
    model = Page if row.is_page else row.model
    return model._meta.app_label, model._meta.model_name


def changes_url(row: TranslationRow) -> str:
    app_label, model_name = _object_key(row)
    return reverse("translations_status:changes", args=[app_label, model_name, row.translation_id])


def _int(value: str, choices) -> int | None:
    return int(value) if value.isdigit() and int(value) in choices else None


def report(request):
    _require_viewer(request)
    languages = languages_for(request.user)
    codes = [code for code, _name in languages]
    own = translator_languages(request.user)
    language = request.GET.get("language", own[0] if own else "")
    language = language if language in codes else ""
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    sections = section_choices()
    section = request.GET.get("section", "")
    section = section if section in dict(sections) else ""
    age = _int(request.GET.get("age", ""), AGE_CHOICES)
    ordering = request.GET.get("ordering", "status")
    key = ORDERINGS.get(ordering.lstrip("-"))
    if key is None:
        ordering, key = "status", ORDERINGS["status"]
    rows = translation_rows(
        language=language or None, status=status or None, section=section or None, older_than_days=age
    )
    rows.sort(key=key, reverse=ordering.startswith("-"))
    page = paginate(request, rows, per_page=100, clamp=True)
    translate_urls = missing_translate_urls(rows=page.object_list, user=request.user)
    for row in page.object_list:
        row.translate_url = translate_urls.get((row.source_id, row.language), "")
        row.translate_label = _("Translate into %(language)s") % {"language": language_name(row.language)}
        row.edit_url = edit_url(row.model, row.translation_id or row.source_id)
        row.source_edit_url = edit_url(row.model, row.source_id)
        row.changes_url = changes_url(row) if row.translation_id else ""
        row.check_url = row.changes_url + "checked/" if row.translation_id else ""
        row.section_name = section_label(row.section)
        row.may_check = row.status == Status.OUTDATED and can_mark_checked(
            request.user, _translation(row), row.language
        )
    counts = status_counts()
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("ordering", None)
    context = {
        "page_title": _("Translation status"),
        "header_icon": "site",
        "languages": [(code, name, counts.get(code, {})) for code, name in languages],
        "language": language,
        "statuses": Status.choices,
        "status": status,
        "sections": sections,
        "section": section,
        "ages": AGE_CHOICES,
        "age": age,
        "ordering": ordering,
        "page": page,
        "filters": query.urlencode(),
        "here": request.get_full_path(),
        "columns": [
            ("title", _("Title")),
            ("section", _("Section")),
            ("status", _("Status")),
            ("since", _("Original changed")),
            ("translated", _("Translated")),
            ("age", _("Days")),
        ],
    }
    return render(request, "translations/status/report.html", context)


def _translation(row: TranslationRow):
    model = Page if row.is_page else row.model
    obj = model._default_manager.get(pk=row.translation_id)
    return obj.specific if isinstance(obj, Page) else obj


def _object(app_label: str, model_name: str, pk: int):
    model = _MODELS.get((app_label, model_name))
    if model is None:
        raise Http404
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj.specific if isinstance(obj, Page) else obj


def changes(request, app_label: str, model_name: str, pk: int):
    _require_viewer(request)
    translation = _object(app_label, model_name, pk)
    row = translation_row_for(translation)
    if row is None:
        raise Http404(_("This is not a translation."))
    texts = source_texts(row) if row.status == Status.OUTDATED else None
    context = {
        "page_title": _("What changed in the original"),
        "header_icon": "doc-full",
        "row": row,
        "translation": translation,
        "diff": side_by_side(*texts) if texts else None,
        "edit_url": edit_url(row.model, row.translation_id),
        "source_edit_url": edit_url(row.model, row.source_id),
        "source_language": dict(settings.LANGUAGES).get(row.source_language, row.source_language),
        "may_check": row.status == Status.OUTDATED and can_mark_checked(request.user, translation, row.language),
        "check_url": reverse("translations_status:checked", args=[app_label, model_name, pk]),
        "report_url": reverse("translations_status:report") + f"?language={row.language}",
    }
    return render(request, "translations/status/changes.html", context)


@require_POST
def mark_checked(request, app_label: str, model_name: str, pk: int):
    translation = _object(app_label, model_name, pk)
    language = translation.locale.language_code
    if not can_mark_checked(request.user, translation, language):
        raise PermissionDenied
    translation_mark_checked(translation=translation, user=request.user)
    messages.success(request, _("“%(title)s” is marked up to date with its original.") % {"title": translation})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(reverse("translations_status:report") + f"?language={language}")
