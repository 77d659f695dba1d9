from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from . import admin_views


class CampaignViewSet(ViewSet):
    name = "newsletter_campaigns"
    url_prefix = "newsletter"
    icon = "mail"
    menu_label = _("Newsletter")
    menu_order = 650
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", admin_views.campaign_index, name="index"),
            path("<int:pk>/", admin_views.campaign_detail, name="detail"),
            path("<int:pk>/preview/", admin_views.campaign_preview, name="preview"),
            path("<int:pk>/<slug:action>/", admin_views.campaign_action, name="action"),
            path("from-page/<int:page_id>/", admin_views.campaign_from_page, name="from_page"),
        ]


@hooks.register("register_admin_viewset")
def register_campaign_viewset():
    return CampaignViewSet()


@hooks.register("register_page_header_buttons")
def send_page_button(page, user, view_name, next_url=None):
    if page.live and page.depth > 1 and user.has_perm(admin_views.PERMISSION):
        url = reverse("newsletter_campaigns:from_page", args=[page.pk])
        yield MenuItem(label=_("Send to subscribers"), url=url, icon_name="mail", priority=80)
