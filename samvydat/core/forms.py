"""The admin forms of every samvydat page: its editor and its "Copy" form."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
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


class SameLanguageCopyForm(CopyForm):
    """Wagtail's "Copy" form, refusing a copy or alias into another language's tree.

    Wagtail keeps the original's locale: an English page copied under the Belarusian news would be an English
    page served, listed and (with "Publish copies") live on the Belarusian site, the leak docs/translation.md
    rules out. A version in another language is made with "Translate into …" instead.
    """

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("new_parent_page")
        if parent is not None and parent.depth > 1 and parent.locale_id != self.page.locale_id:
            self.add_error(
                "new_parent_page",
                _(
                    "A copy stays in the page's language: choose a parent page in the same language. To make a "
                    "version in another language, use “Translate into …” in the page's menu."
                ),
            )
        return cleaned_data
