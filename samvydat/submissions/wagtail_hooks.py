from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .roles import can_handle_submissions


class SubmissionsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_handle_submissions(request.user)


@hooks.register("register_admin_urls")
def submissions_admin_urls():
    return [path("submissions/", include(admin_urls, namespace="submissions_admin"))]


@hooks.register("register_admin_menu_item")
def submissions_menu_item():
    return SubmissionsMenuItem(_("Submissions"), reverse("submissions_admin:list"), icon_name="mail", order=252)
