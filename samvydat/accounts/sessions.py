"""Sessions whose database rows cannot be used as cookies (``SESSION_ENGINE = "samvydat.accounts.sessions"``).

Django's database backend stores the cookie's value itself as ``django_session.session_key``: whoever reads a
copy of the database (a backup, a seized disk, a dump) can put any row's key into a cookie and is signed in as
that editor, second factor included, since django-otp keeps "verified" in the session. Here the row holds the
SHA-256 of the cookie's value instead (40 hex digits, 160 bits, the column's length), and every lookup hashes the
cookie first: a key read from the database is a hash, and a hash sent as a cookie is hashed again and found
nowhere. The cookie's value is 32 random characters (about 165 bits), so the hash needs no secret to be
irreversible, and rotating ``SECRET_KEY`` does not change it.

Rows written by Django's own backend (raw keys) are never found again: switching signs everyone out once.
"""

import hashlib

from django.contrib.sessions.backends import db
from django.utils import timezone

STORED_KEY_LENGTH = 40  # django_session.session_key is a CharField(max_length=40)


def stored_key(session_key: str) -> str:
    """What the database holds for the cookie value ``session_key``."""
    return hashlib.sha256(session_key.encode()).hexdigest()[:STORED_KEY_LENGTH]


class SessionStore(db.SessionStore):
    """Django's database session store, looking rows up by the hash of the cookie's value."""

    def _stored_row(self):
        return self.model.objects.filter(session_key=stored_key(self.session_key), expire_date__gt=timezone.now())

    def _get_session_from_db(self):
        row = self._stored_row().first() if self.session_key else None
        if row is None:
            self._session_key = None  # as Django's backend does: a new key will be made
        return row

    async def _aget_session_from_db(self):
        row = await self._stored_row().afirst() if self.session_key else None
        if row is None:
            self._session_key = None
        return row

    def exists(self, session_key):
        return super().exists(stored_key(session_key))

    async def aexists(self, session_key):
        return await super().aexists(stored_key(session_key))

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.session_key = stored_key(instance.session_key)
        return instance

    async def acreate_model_instance(self, data):
        instance = await super().acreate_model_instance(data)
        instance.session_key = stored_key(instance.session_key)
        return instance

    def delete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key is not None:
            super().delete(stored_key(session_key))

    async def adelete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key is not None:
            await super().adelete(stored_key(session_key))
