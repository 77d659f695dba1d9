from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from samvydat.core.home_sections import HOME_SECTIONS_HOOK, HomeSection, newest
from samvydat.people.lists import PERSON_LISTS_HOOK, EntityList

from .models import NewsPage


@hooks.register(PERSON_LISTS_HOOK)
def news_by_their_authors():
    return EntityList(
        key="news",
        title=_("News"),
        order=20,
        model=NewsPage,
        condition=lambda key: Q(authors__person__translation_key=key),
    )


@hooks.register(HOME_SECTIONS_HOOK)
def newest_news():
    return HomeSection(
        key="news",
        title=_("News"),
        order=20,
        width="wide",
        items=lambda locale: newest(NewsPage, locale, 6, select_related=("social_image",)),
    )
