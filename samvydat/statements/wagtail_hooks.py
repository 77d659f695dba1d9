from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from samvydat.core.home_sections import HOME_SECTIONS_HOOK, HomeSection, newest
from samvydat.people.lists import PERSON_LISTS_HOOK, EntityList

from .models import StatementPage


@hooks.register(PERSON_LISTS_HOOK)
def statements_by_their_signatories():
    return EntityList(
        key="statements",
        title=_("Statements"),
        order=10,
        model=StatementPage,
        condition=lambda key: Q(signatories__organisation__translation_key=key),
        entity="organisation",
    )


@hooks.register(HOME_SECTIONS_HOOK)
def newest_statements():
    return HomeSection(
        key="statements", title=_("Statements"), order=50, items=lambda locale: newest(StatementPage, locale, 3)
    )
