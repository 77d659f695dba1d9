from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from samvydat.core.menu import WaitingMenuItem

from . import admin_urls
from .models import ReaderComment, Status
from .roles import PERMISSION


class ModerationMenuItem(WaitingMenuItem):
    """ "Readers' comments (3)": the number waiting in every language."""

    permission = PERMISSION

    def waiting(self) -> int:
        return ReaderComment.objects.filter(status=Status.PENDING).count()


class QuestionsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def comments_admin_urls():
    return [path("reader-comments/", include(admin_urls, namespace="comments_admin"))]


@hooks.register("register_admin_menu_item")
def comments_menu_item():
    return ModerationMenuItem(_("Readers' comments"), reverse("comments_admin:queue"), icon_name="comment", order=250)


@hooks.register("register_admin_menu_item")
def questions_menu_item():
    return QuestionsMenuItem(
        _("Questions to experts"), reverse("comments_admin:questions"), icon_name="help", order=251
    )
