from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

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
