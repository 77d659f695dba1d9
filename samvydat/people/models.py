"""People and organisations: translatable snippets with the spellings of their names."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import TranslatableMixin
from wagtail.search import index

from samvydat.core.i18n import by_slug_or_404, routable_alternates
from samvydat.core.models import BasePage


class NamedEntity(TranslatableMixin, index.Indexed, models.Model):
    """What people and organisations share: a name, its other spellings, a description."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=False)
    description = models.TextField(_("description"), blank=True)
    aliases = models.TextField(
        _("spelling variants"),
        blank=True,
        help_text=_("Other spellings of the name, in any script, one per line (Lukashenko, Лукашэнка, …)."),
    )
    package_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("aliases")]
    search_fields = [index.SearchField("name", boost=3), index.SearchField("aliases"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Person(NamedEntity):
    role = models.CharField(_("role"), max_length=255, blank=True, help_text=_("E.g. 'Political analyst'."))
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )

    panels = NamedEntity.panels + [FieldPanel("role"), FieldPanel("affiliation"), FieldPanel("photo")]

    class Meta(NamedEntity.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        unique_together = [("translation_key", "locale")]


class Organisation(NamedEntity):
    website = models.URLField(_("website"), blank=True)

    panels = NamedEntity.panels + [FieldPanel("website")]

    class Meta(NamedEntity.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        unique_together = [("translation_key", "locale")]


class PersonLink(models.Model):
    """Abstract inline linking a page to a person (an author, a participant); pages subclass it with a ParentalKey."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))

    panels = [FieldPanel("person")]

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return str(self.person)


class MentionState(models.TextChoices):
    SUGGESTED = "suggested", _("To confirm")
    CONFIRMED = "confirmed", _("Written about")
    REJECTED = "rejected", _("Not about them")


class Mention(models.Model):
    """A page (all its translations) that writes about a person: found by the spellings of their name, confirmed by
    an editor before the person's page and feed list it (``services.mentions_suggest``, ``mention_decide``).

    Both sides are translation keys, so one decision holds for every language of the person and of the page.
    """

    person_key = models.UUIDField(db_index=True)
    page_key = models.UUIDField()
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+", help_text="Where it was found."
    )
    spelling = models.CharField(_("spelling found"), max_length=255)
    state = models.CharField(_("state"), max_length=10, choices=MentionState.choices, default=MentionState.SUGGESTED)

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        permissions = [("confirm_mention", _("Can confirm whom a page writes about"))]
        constraints = [models.UniqueConstraint(fields=["person_key", "page_key"], name="people_mention_once")]
        indexes = [models.Index(fields=["state", "person_key"], name="people_mention_state")]

    def __str__(self) -> str:
        return self.spelling


class PeopleIndexPage(RoutablePageMixin, BasePage):
    """Lists people and organisations; each has a view of everything by or with them."""

    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("people index")

    @path("")
    def index_view(self, request):
        people = Person.objects.filter(locale=self.locale).order_by("name")
        organisations = Organisation.objects.filter(locale=self.locale).order_by("name")
        return self.render(request, context_overrides={"people": people, "organisations": organisations})

    @path("<slug:slug>/")
    def person_view(self, request, slug):
        from .selectors import person_appearances

        person = by_slug_or_404(Person, slug=slug, locale=self.locale)
        return self.render(
            request,
            template="people/person_page.html",
            context_overrides={
                "person": person,
                "alternate_urls": routable_alternates(self, person, "person_view"),
                **person_appearances(person=person, locale=self.locale),
            },
        )

    @path("organisations/<slug:slug>/")
    def organisation_view(self, request, slug):
        from .selectors import organisation_lists

        organisation = by_slug_or_404(Organisation, slug=slug, locale=self.locale)
        return self.render(
            request,
            template="people/organisation_page.html",
            context_overrides={
                "organisation": organisation,
                "alternate_urls": routable_alternates(self, organisation, "organisation_view"),
                "entity_lists": organisation_lists(organisation=organisation, locale=self.locale),
            },
        )

    def entity_url(self, entity) -> str:
        if isinstance(entity, Organisation):
            return self.url + self.reverse_subpage("organisation_view", kwargs={"slug": entity.slug})
        return self.url + self.reverse_subpage("person_view", kwargs={"slug": entity.slug})
