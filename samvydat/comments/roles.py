"""Who moderates readers' comments: Wagtail's "Editors" and "Moderators" groups (and superusers)."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

MODERATING_GROUPS = ["Editors", "Moderators"]
PERMISSION = "comments.moderate_readercomment"


def comment_moderators_ensure(sender=None, app_config=None, using="default", **kwargs) -> None:
    """Give the moderating groups the moderation permission; idempotent (runs after every migrate)."""
    if app_config is not None:
        create_permissions(app_config, verbosity=0, using=using)  # our permission may not exist yet
    permission = (
        Permission.objects.using(using)
        .filter(content_type__app_label="comments", codename="moderate_readercomment")
        .first()
    )
    if permission is None:
        return
    for group in Group.objects.using(using).filter(name__in=MODERATING_GROUPS):
        group.permissions.add(permission)
