"""Admin menu items shared by the sections: an item shown to holders of a permission, with what waits counted."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem


class WaitingMenuItem(MenuItem):
    """ "Readers' comments (3)": shown to users with ``permission``; ``waiting()`` counts what needs them."""

    permission = ""

    def waiting(self) -> int:
        return 0

    def is_shown(self, request):
        return request.user.has_perm(self.permission)

    def render_component(self, request):
        waiting = self.waiting()
        label = f"{self.label} ({waiting})" if waiting else self.label
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, classname=self.classname)
