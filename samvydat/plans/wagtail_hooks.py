from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from samvydat.core.home_sections import HOME_SECTIONS_HOOK, HomeSection, newest

from .models import PlanPage


@hooks.register(HOME_SECTIONS_HOOK)
def newest_plans():
    return HomeSection(key="plans", title=_("Plans"), order=30, items=lambda locale: newest(PlanPage, locale, 3))
