"""django-axes, configured so that it locks by username and stores nothing about who tried.

Axes acts only where a password is checked (``authenticate()``), which on samvydat is the admin login: readers never
authenticate, so their requests never reach it. By default axes records the client's IP address and user agent with
each failed attempt; our readers' and editors' addresses must not be stored anywhere, so the IP callable returns
nothing and this handler blanks the user agent before axes reads it. Locking is by username only
(``AXES_LOCKOUT_PARAMETERS = ["username"]``): the price is that anyone can lock an editor out for the cool-off
period by guessing wrong five times; an administrator can lift it with ``manage.py axes_reset_username NAME``.
"""

from axes.handlers.database import AxesDatabaseHandler


def client_ip_not_stored(request) -> None:
    """``AXES_CLIENT_IP_CALLABLE``: axes never learns the address, so it cannot store or log it."""
    return None


def _forget_client(request) -> None:
    if request is not None:
        request.axes_user_agent = ""
        request.axes_ip_address = None


class PrivateLockoutHandler(AxesDatabaseHandler):
    """The database handler, minus the client's IP address and user agent."""

    def is_allowed(self, request, credentials=None):
        _forget_client(request)
        return super().is_allowed(request, credentials)

    def get_failures(self, request, credentials=None):
        _forget_client(request)
        return super().get_failures(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        _forget_client(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        _forget_client(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def user_logged_out(self, sender, request, user, **kwargs):
        _forget_client(request)
        return super().user_logged_out(sender, request, user, **kwargs)
