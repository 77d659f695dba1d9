"""The source text shown read-only beside the editor of a translation ("Original: English").

For pages and for the translatable snippets (people, organisations, topics). Which source: the one the
translation was made from (its ``TranslationBasis``), else the translation group's source (the English
version, or the oldest). For a page, its published text when it is live, else its latest draft; a snippet has
no drafts, so its saved values. The text is plain text (``text.object_paragraphs``: markup dropped, captions
and inline rows included), so the template escapes it all: a source's text is never trusted as HTML.
"""

from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, TranslatableMixin

from .models import TranslationBasis
from .offers import language_name
from .sources import basis_content_type, translation_source
from .text import object_paragraphs


def _group_members(obj):
    if isinstance(obj, Page):
        return Page.objects.filter(translation_key=obj.translation_key, alias_of__isnull=True)
    return type(obj).objects.filter(translation_key=obj.translation_key)


def source_for_translation(obj):
    """The page or snippet ``obj`` is a translation of, or None (an original, an alias, unsaved, untranslatable)."""
    if not isinstance(obj, TranslatableMixin) or not obj.pk or getattr(obj, "alias_of_id", None):
        return None
    basis = (
        TranslationBasis.objects.filter(
            content_type=basis_content_type(type(obj)), translation_key=obj.translation_key, locale_id=obj.locale_id
        )
        .exclude(source_locale_id=obj.locale_id)
        .first()
    )
    if basis is not None:
        made_from = _group_members(obj).filter(locale_id=basis.source_locale_id).first()
        if made_from is not None:
            return made_from.specific if isinstance(made_from, Page) else made_from
    return translation_source(obj)


def _grouped(paragraphs) -> list[tuple[str, list[str]]]:
    """Consecutive paragraphs of one field (or block) under one label."""
    groups: list[tuple[str, list[str]]] = []
    for label, text in paragraphs:
        if groups and groups[-1][0] == label:
            groups[-1][1].append(text)
        else:
            groups.append((label, [text]))
    return groups


def _snippet_live_url(snippet) -> str:
    """Where readers see a person, organisation or topic of the source's language ("" when nowhere live)."""
    from samvydat.people.models import Organisation, PeopleIndexPage, Person
    from samvydat.weekly.models import Topic, WeeklyIndexPage

    index_model = {Person: PeopleIndexPage, Organisation: PeopleIndexPage, Topic: WeeklyIndexPage}.get(type(snippet))
    index = index_model and index_model.objects.live().public().filter(locale_id=snippet.locale_id).first()
    if index is None:
        return ""
    return index.topic_url(snippet) if isinstance(snippet, Topic) else index.entity_url(snippet)


def source_panel_context(obj, user=None) -> dict:
    """What ``translations/source_panel.html`` shows beside the editor of ``obj`` (``source`` None: nothing).

    The link to open the original is given only when ``user`` may edit it (always for pages, whose editor says
    so itself; a Belarusian translator may not open the English person's form).
    """
    source = source_for_translation(obj)
    if source is None:
        return {"source": None}
    context = {
        "source": source,
        "language": language_name(source.locale.language_code),
        "language_code": source.locale.language_code,
    }
    if isinstance(source, Page):
        shown = source if source.live else source.get_latest_revision_as_object()
        return context | {
            "is_live": source.live,
            "published_at": source.last_published_at,
            "groups": _grouped(object_paragraphs(shown)),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[source.pk]),
            "live_url": source.get_url() if source.live else "",
        }
    return context | {
        "is_snippet": True,
        "groups": _grouped(object_paragraphs(source)),
        "edit_url": AdminURLFinder(user).get_edit_url(source) or "",
        "live_url": _snippet_live_url(source),
    }
