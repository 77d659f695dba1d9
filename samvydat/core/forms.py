"""The admin form of every samvydat page."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import find_available_slug

from .slugs import translation_slug_proposal


class BasePageForm(WagtailAdminPageForm):
    """Wagtail's page form; a never-published translation's slug follows its translated title.

    The translation is created with its source's slug; when the translator saves it with a new title and
    the slug untouched, the slug becomes the title's transliteration in the page's language
    (``core.slugs.translation_slug_proposal``), made unique among the page's siblings.
    """

    def clean(self):
        cleaned_data = super().clean()
        title, slug = cleaned_data.get("title"), cleaned_data.get("slug")
        if title and slug and self.parent_page is not None and "slug" not in self.errors:
            proposal = translation_slug_proposal(page=self.instance, title=title, slug=slug)
            if proposal:
                cleaned_data["slug"] = find_available_slug(self.parent_page, proposal, ignore_page_id=self.instance.pk)
        return cleaned_data
