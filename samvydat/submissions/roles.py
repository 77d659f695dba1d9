"""The "Submission handlers" group: the only people who can read readers' submissions.

Membership of the group is what counts — not superuser status: an administrator who must read submissions
adds themselves to the group, which the users admin shows to everyone who manages accounts.
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

HANDLERS = "Submission handlers"


def submission_handlers_ensure(sender=None, app_config=None, using="default", **kwargs) -> None:
    """Create the group with admin access and the handling permission; idempotent (runs after every migrate)."""
    if app_config is not None:
        create_permissions(app_config, verbosity=0, using=using)
    permissions = Permission.objects.using(using).filter(
        content_type__app_label__in=["submissions", "wagtailadmin"], codename__in=["handle_submission", "access_admin"]
    )
    if permissions.count() < 2:
        return
    group, _created = Group.objects.using(using).get_or_create(name=HANDLERS)
    group.permissions.add(*permissions)


def can_handle_submissions(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm("submissions.handle_submission")
        and user.groups.filter(name=HANDLERS).exists()
    )
