"""Who prepares and sends newsletters: Wagtail's "Editors" and "Moderators" groups (and superusers)."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

SENDING_GROUPS = ["Editors", "Moderators"]
CODENAMES = ["add_campaign", "change_campaign"]


def newsletter_senders_ensure(sender=None, app_config=None, using="default", **kwargs) -> None:
    """Give the sending groups the campaign permissions; idempotent (runs after every migrate)."""
    if app_config is not None:
        create_permissions(app_config, verbosity=0, using=using)  # the permissions may not exist yet
    permissions = list(
        Permission.objects.using(using).filter(content_type__app_label="newsletter", codename__in=CODENAMES)
    )
    if not permissions:
        return
    for group in Group.objects.using(using).filter(name__in=SENDING_GROUPS):
        group.permissions.add(*permissions)
