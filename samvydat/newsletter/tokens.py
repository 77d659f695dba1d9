"""Signed tokens in the links of our mails (HMAC-SHA256 with SECRET_KEY, through ``django.core.signing``).

* confirm: ``<public id>.<confirm nonce>.<timestamp>.<signature>``, valid 48 hours;
* manage (the manage page and one-click unsubscribe): ``<public id>.<manage nonce>.<signature>``, valid until the
  reader subscribes again (a new confirmation draws a new nonce, so links in old mails stop working then).

A token is only ever compared with the nonce stored on the subscriber: a tampered token fails the signature, a
replayed one finds the state already changed (every action is idempotent), an old one finds a different nonce.
"""

import datetime
from dataclasses import dataclass

from django.core import signing

CONFIRM_MAX_AGE = datetime.timedelta(hours=48)
_SEP = "."
_confirm = signing.TimestampSigner(salt="samvydat.newsletter.confirm", sep=_SEP)
_manage = signing.Signer(salt="samvydat.newsletter.manage", sep=_SEP)
MAX_TOKEN_LENGTH = 200


class BadToken(Exception):
    """Unknown, tampered or (``expired``) too old."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


@dataclass(frozen=True)
class TokenClaim:
    public_id: str
    nonce: str


def confirm_token(*, public_id: str, nonce: str) -> str:
    return _confirm.sign(f"{public_id}{_SEP}{nonce}")


def manage_token(*, public_id: str, nonce: str) -> str:
    return _manage.sign(f"{public_id}{_SEP}{nonce}")


def _claim(value: str) -> TokenClaim:
    public_id, _sep, nonce = value.partition(_SEP)
    if not public_id or not nonce:
        raise BadToken()
    return TokenClaim(public_id=public_id, nonce=nonce)


def confirm_token_read(token: str) -> TokenClaim:
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise BadToken()
    try:
        return _claim(_confirm.unsign(token, max_age=CONFIRM_MAX_AGE))
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except signing.BadSignature:
        raise BadToken() from None


def manage_token_read(token: str) -> TokenClaim:
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise BadToken()
    try:
        return _claim(_manage.unsign(token))
    except signing.BadSignature:
        raise BadToken() from None
