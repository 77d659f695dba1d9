"""What Wagtail's own audit log does not record about accounts: sign-ins, failed sign-ins, lockouts.

Pages, snippets, settings, users and groups are already logged by Wagtail's views ("Site history" in the admin's
Reports menu). The two-factor actions are logged by ``services``. Entries are attached to the user account concerned
and never hold an IP address.
"""

from datetime import timedelta

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

LOCKOUT_LOG_INTERVAL = timedelta(hours=1)


def _account(username):
    if not username:
        return None
    User = get_user_model()
    return User.objects.filter(**{User.USERNAME_FIELD: str(username)[:150]}).first()


@receiver(user_logged_in, dispatch_uid="samvydat_audit_login")
def log_login(sender, request, user, **kwargs):
    log(instance=user, action="samvydat.login", user=user)


@receiver(user_login_failed, dispatch_uid="samvydat_audit_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    if request is not None and getattr(request, "axes_locked_out", False):
        return  # a locked account: the lockout entry says it once
    user = _account(credentials.get(get_user_model().USERNAME_FIELD))
    if user is not None:
        log(instance=user, action="samvydat.login_failed", user=None)


@receiver(user_locked_out, dispatch_uid="samvydat_audit_lockout")
def log_lockout(sender, request, username, ip_address=None, **kwargs):
    user = _account(username)
    if user is None:
        return
    recent = ModelLogEntry.objects.for_instance(user).filter(
        action="samvydat.lockout", timestamp__gte=timezone.now() - LOCKOUT_LOG_INTERVAL
    )
    if not recent.exists():  # every further attempt re-sends the signal; one entry per lockout is enough
        log(instance=user, action="samvydat.lockout", user=None)
