"""Keep bases and cached counts up to date when translations and their sources change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Revision
from wagtail.signals import copy_for_translation_done, page_published, page_unpublished

from .models import TranslationBasis
from .selectors import status_changed
from .sources import SNIPPET_MODELS
from .status_services import translation_basis_record


@receiver(post_save, sender=Revision)
def revision_saved(sender, instance: Revision, raw=False, **kwargs):
    """A translation's new revision is made from the source as published now (the rule in docs/translation.md)."""
    status_changed()
    if raw or instance.base_content_type.model_class() is not Page:
        return
    page = Page.objects.filter(pk=instance.object_id).first()
    if page is not None and not page.alias_of_id:
        translation_basis_record(translation=page)


@receiver(copy_for_translation_done)
def translation_copied(sender, source_obj, target_obj, **kwargs):
    """A new translation (Wagtail's or samvydat's "Translate into …") starts from the source as it is now."""
    if not getattr(target_obj, "alias_of_id", None):
        translation_basis_record(translation=target_obj.specific if isinstance(target_obj, Page) else target_obj)


def _snippet_saved(sender, instance, raw=False, **kwargs):
    status_changed()
    if not raw:
        translation_basis_record(translation=instance)


def _something_changed(sender, **kwargs):
    status_changed()


for _model in SNIPPET_MODELS:
    post_save.connect(_snippet_saved, sender=_model, dispatch_uid=f"translations-basis-{_model.__name__}")
    post_delete.connect(_something_changed, sender=_model, dispatch_uid=f"translations-deleted-{_model.__name__}")


def _translation_published(sender, instance, **kwargs):
    status_changed()
    from .labelled import labelled_originals_end

    if not instance.alias_of_id:
        labelled_originals_end(translation=instance)


page_published.connect(_translation_published, dispatch_uid="translations-page-published")
page_unpublished.connect(_something_changed, dispatch_uid="translations-page-unpublished")
post_delete.connect(_something_changed, sender=Page, dispatch_uid="translations-page-deleted")
post_delete.connect(_something_changed, sender=TranslationBasis, dispatch_uid="translations-basis-deleted")
