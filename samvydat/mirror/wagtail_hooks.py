"""Admin: the dashboard panel with each mirror target's last push (docs/mirror.md, "Pushing to object storage")."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .selectors import push_records


def can_see_pushes(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("mirror.change_mirrorsettings"))


class MirrorPushPanel(Component):
    """One row per target: state, last success, duration, files and bytes sent, the error if it failed."""

    name = "mirror_pushes"
    order = 160
    template_name = "mirror/push_panel.html"

    def __init__(self, records):
        self.records = records

    def get_context_data(self, parent_context=None):
        return {"records": self.records}


@hooks.register("construct_homepage_panels")
def mirror_push_dashboard_panel(request, panels):
    if can_see_pushes(request.user):
        records = push_records()
        if records:
            panels.append(MirrorPushPanel(records))
