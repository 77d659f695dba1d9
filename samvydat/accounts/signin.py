"""Sign-in attempts are limited before any password is hashed.

Every attempt costs an Argon2 hash (``accounts.hashers``), even for a username that does not exist: Django hashes the
password anyway so that the answer takes as long. Eight parallel posts with random usernames used to hold every
worker (the lockout of django-axes counts per username, so new names never meet it). Now, in this order:

* **per client**, in nginx (``limit_req zone=samvydat_signin``, deploy/nginx/samvydat.conf): the application never
  sees a client's address, so that limit lives where the address does, in nginx's memory;
* **per username**: ``SIGNIN_USERNAME_LIMIT`` attempts per window for one (case-folded) name, whether it exists;
* **on the whole site**: ``SIGNIN_GLOBAL_LIMIT`` attempts per window;
* **at once**: at most ``SIGNIN_CONCURRENT_HASHES`` hashes run anywhere at the same moment (a slot in the limits
  cache), so a flood can hold at most that many worker threads, never all of them.

All counters are ``samvydat.security.ratelimit`` (HMAC'd keys, shared by every worker). A refused attempt gets the
sign-in form back with a message and computes no hash; it is not a failed sign-in for axes (no password was
checked), so a flood cannot lock an editor out through these limits.
"""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samvydat.security import ratelimit

USERNAME_SCOPE = "signin-username"
GLOBAL_SCOPE = "signin"
HASHING_SCOPE = "signin-hashing"

TOO_MANY_FOR_NAME = _("Too many sign-in attempts for this username. Please wait a few minutes and try again.")
TOO_MANY = _("Very many sign-in attempts are arriving right now. Please wait a minute and try again.")
BUSY = _("The server is busy checking other sign-ins. Please try again in a moment.")


def signin_attempt_refusal(*, username: str) -> str | None:
    """Count one sign-in attempt; the message to show if it must not be checked, ``None`` if it may be hashed.

    An attempt refused by one limit is not counted by the others: a site-wide flood does not use up an editor's own
    attempts, and attempts at one name refused by its cap do not fill the site-wide one.
    """
    name = username.casefold()
    name_limit, name_window = settings.SIGNIN_USERNAME_LIMIT
    if not ratelimit.limit_remaining(scope=USERNAME_SCOPE, key=name, limit=name_limit, window_seconds=name_window):
        return str(TOO_MANY_FOR_NAME)
    limit, window = settings.SIGNIN_GLOBAL_LIMIT
    if not ratelimit.limit_hit(scope=GLOBAL_SCOPE, limit=limit, window_seconds=window):
        return str(TOO_MANY)
    if not ratelimit.limit_hit(scope=USERNAME_SCOPE, key=name, limit=name_limit, window_seconds=name_window):
        return str(TOO_MANY_FOR_NAME)  # another attempt at this name got in between
    return None


@contextlib.contextmanager
def hashing_slot() -> Iterator[bool]:
    """One of ``SIGNIN_CONCURRENT_HASHES`` slots for the ``with`` block (``False``: all are busy, do not hash)."""
    with ratelimit.concurrency_slot(
        scope=HASHING_SCOPE, limit=settings.SIGNIN_CONCURRENT_HASHES, hold_seconds=30
    ) as taken:
        yield taken
