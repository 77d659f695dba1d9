"""Which object of a translation group is the source, and the models whose translations are followed."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from samvydat.people.models import Organisation, Person
from samvydat.weekly.models import Topic

#: Translatable snippets followed by the status, with the section (app) they belong to.
SNIPPET_MODELS = (Person, Organisation, Topic)


def basis_content_type(model) -> ContentType:
    """The content type bases are stored under: Wagtail's ``Page`` for any page type, else the model's own."""
    return ContentType.objects.get_for_model(Page if issubclass(model, Page) else model, for_concrete_model=True)


def source_of_group(members: list, default_locale_id: int | None):
    """The source among the members of a translation group (aliases already left out).

    The member in the default language (English) when there is one, otherwise the oldest (lowest id).
    """
    if not members:
        return None
    for member in members:
        if _locale_id(member) == default_locale_id:
            return member
    return min(members, key=_pk)


def _locale_id(member) -> int:
    return member["locale_id"] if isinstance(member, dict) else member.locale_id


def _pk(member) -> int:
    return member["id"] if isinstance(member, dict) else member.pk


def default_locale_id() -> int | None:
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=settings.LANGUAGE_CODE).values_list("pk", flat=True).first()


def translation_source(obj):
    """The source ``obj`` is a translation of, or None when ``obj`` is the source itself or an alias."""
    model = type(obj)
    if isinstance(obj, Page):
        if obj.alias_of_id:
            return None
        members = list(Page.objects.filter(translation_key=obj.translation_key, alias_of__isnull=True))
    else:
        members = list(model.objects.filter(translation_key=obj.translation_key))
    source = source_of_group(members, default_locale_id())
    if source is None or source.pk == obj.pk:
        return None
    return source.specific if isinstance(source, Page) else source
