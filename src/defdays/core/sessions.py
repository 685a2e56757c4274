"""Database sessions whose table holds no usable key (SESSION_ENGINE = "defdays.core.sessions").

Django's database engine stores the session key, the very value of the cookie, as the row's primary key: a copy
of the database (a backup, a dump handed to a support contractor, a seized disk) lists every open session, and
pasting one into a cookie gives its owner's access, an organiser's after their second factor included. Here the
row is keyed by HMAC-SHA256 of the session key under a key derived from SECRET_KEY, which lives in the
environment, not the database. The cookie keeps the real key; the table cannot be turned back into cookies.

Expired rows are deleted every night (`clear_expired_sessions`, scheduled like the retention purge) and by
Django's `clearsessions` command, which this engine supports.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from defdays.core.sensitivity import Sensitivity

_PURPOSE = "defdays.core.sessions.stored_key"


def stored_key(session_key: str) -> str:
    """The primary key of a session's row: a keyed hash of the cookie value, 64 hex characters."""
    return salted_hmac(_PURPOSE, session_key, algorithm="sha256").hexdigest()


class StoredSession(AbstractBaseSession):
    session_key = models.CharField(max_length=64, primary_key=True)  # stored_key(cookie value), never the value

    SENSITIVITY = {
        "session_key": Sensitivity.NONE,
        # Signed, not encrypted: the account id, the second-factor device id, the session's own counters.
        "session_data": Sensitivity.STAFF,
        "expire_date": Sensitivity.NONE,
    }

    class Meta:
        app_label = "core"

    @classmethod
    def get_session_store_class(cls):
        return SessionStore


class SessionStore(DatabaseSessionStore):
    """Django's database store, with every lookup and write going through stored_key()."""

    @classmethod
    def get_model_class(cls):
        return StoredSession

    def _rows(self, session_key):
        return self.model.objects.filter(session_key=stored_key(session_key))

    def _get_session_from_db(self):
        row = self._rows(self.session_key).filter(expire_date__gt=timezone.now()).first()
        if row is None:
            self._session_key = None
        return row

    async def _aget_session_from_db(self):
        row = await self._rows(self.session_key).filter(expire_date__gt=timezone.now()).afirst()
        if row is None:
            self._session_key = None
        return row

    def exists(self, session_key):
        return self._rows(session_key).exists()

    async def aexists(self, session_key):
        return await self._rows(session_key).aexists()

    def create_model_instance(self, data):
        obj = super().create_model_instance(data)
        obj.session_key = stored_key(obj.session_key)
        return obj

    async def acreate_model_instance(self, data):
        obj = await super().acreate_model_instance(data)
        obj.session_key = stored_key(obj.session_key)
        return obj

    def delete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key is not None:
            self._rows(session_key).delete()

    async def adelete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key is not None:
            await self._rows(session_key).adelete()
