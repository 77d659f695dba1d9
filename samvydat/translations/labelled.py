"""Labelled originals: an editor shows an original in another language's listings, marked with its real language.

Readers of that language see the original in the listings, feeds and search of their site with an "In English"
label and ``lang="en"`` on its title and summary; the link leads to the original's own address (no copy in the
other tree: docs/translation.md, "Showing an original in another language"). Publishing a translation into
that language ends the arrangement.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from .labelled_models import ShownInLanguage
from .permissions import is_editor


def shown_q(*, locale_id: int) -> Q:
    """The pages of another language shown, labelled, in ``locale_id`` (live-ness is the caller's filter)."""
    return Q(pk__in=ShownInLanguage.objects.filter(locale_id=locale_id).values("page_id"))


def shown_languages(page: Page) -> set[str]:
    return set(ShownInLanguage.objects.filter(page=page).values_list("locale__language_code", flat=True))


def user_can_label(*, user, page: Page) -> bool:
    """Editors and moderators (not translators or authors) who may edit the original."""
    return is_editor(user) and page.permissions_for_user(user).can_edit()


def _check(*, page: Page, locale: Locale) -> None:
    if page.depth <= 2 or not page.live:
        raise ValidationError(_("Only a published page below a home page can be shown in another language."))
    if locale.pk == page.locale_id:
        raise ValidationError(_("The page is already in this language."))
    if page.get_translations().live().filter(locale=locale, alias_of__isnull=True).exists():
        raise ValidationError(_("This page has a published translation in this language already."))


@transaction.atomic
def labelled_original_show(*, page: Page, locale: Locale, user) -> ShownInLanguage:
    """Show ``page`` in ``locale``'s listings, labelled with its own language. ``user`` None: system callers."""
    if user is not None and not user_can_label(user=user, page=page):
        raise PermissionDenied
    _check(page=page, locale=locale)
    shown, created = ShownInLanguage.objects.get_or_create(page=page, locale=locale, defaults={"created_by": user})
    if created:
        log(instance=page, action="samvydat.original_shown", user=user, data={"language": locale.language_code})
        _changed(page, locale)
    return shown


@transaction.atomic
def labelled_original_hide(*, page: Page, locale: Locale, user) -> bool:
    if user is not None and not user_can_label(user=user, page=page):
        raise PermissionDenied
    deleted, _rows = ShownInLanguage.objects.filter(page=page, locale=locale).delete()
    if deleted:
        log(instance=page, action="samvydat.original_hidden", user=user, data={"language": locale.language_code})
        _changed(page, locale)
    return bool(deleted)


def labelled_originals_end(*, translation: Page) -> int:
    """A translation was published: its original is no longer shown, labelled, in the translation's language."""
    deleted, _rows = ShownInLanguage.objects.filter(
        locale_id=translation.locale_id, page__translation_key=translation.translation_key
    ).delete()
    return deleted


def _changed(page: Page, locale: Locale) -> None:
    """Readers' page cache and the static mirror: the listings changed as if a page had been published."""
    from samvydat.mirror import changes
    from samvydat.mirror.tasks import mirror_addresses_task, mirror_root
    from samvydat.pagecache.services import page_cache_invalidate

    page_cache_invalidate()
    transaction.on_commit(page_cache_invalidate)
    if mirror_root() is not None:
        change = changes.shown_elsewhere(page, locale_id=locale.pk)
        transaction.on_commit(
            lambda: mirror_addresses_task.enqueue(change.addresses, listings=change.listings), robust=True
        )
