from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from samvydat.core.home_sections import HOME_SECTIONS_HOOK, HomeSection, newest
from samvydat.people.lists import PERSON_LISTS_HOOK, EntityList

from .models import DiscussionPage


@hooks.register(PERSON_LISTS_HOOK)
def discussions_with_their_participants():
    return EntityList(
        key="discussions",
        title=_("Discussions"),
        order=30,
        model=DiscussionPage,
        condition=lambda key: Q(participants__person__translation_key=key) | Q(moderator__translation_key=key),
    )


@hooks.register(HOME_SECTIONS_HOOK)
def newest_discussions():
    return HomeSection(
        key="discussions", title=_("Discussions"), order=40, items=lambda locale: newest(DiscussionPage, locale, 3)
    )
