"""The generation: one counter row in the database that every cache key of published or person-dependent output
carries, so that a publish, "hide me", erasure or rename takes effect on the very next request on every process.

Why the database: with the default local-memory cache each gunicorn worker has its own cache, and a deletion made
by one worker never reaches the others (nor other web nodes). The counter is read once per request (one query by
primary key, memoised for the rest of that request) and is bumped with `F("value") + 1` inside the transaction
that makes the change, so no process can see the new generation before the new rows, and no value ever comes
back (a fingerprint of who is hidden could: hide, then un-hide).

What bumps it (each inside its writing transaction): an edition saved or deleted, a schedule version published,
a person hidden or shown again, erased, renamed (public name), deactivated, a speaker deleted. Anything else that
changes published output or who may be named must call `bump()` too.

The cache keys that carry it are listed where they are built: editions.selectors, programme.selectors,
accounts.visibility.
"""

from __future__ import annotations

import contextvars
import secrets

from django.core.signals import request_finished, request_started
from django.db import connection
from django.db.models import F

_request_memo: contextvars.ContextVar[str | None] = contextvars.ContextVar("generation", default=None)
_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar("generation_in_request", default=False)


def current() -> str:
    """The current generation as a key part ("<value>.<salt>"). Outside a request (tasks, commands, tests) it is
    read every time: nothing outside a request knows when it may have changed."""
    value = _request_memo.get()
    if value is not None:
        return value
    from defdays.core.models import Generation

    # Plain SQL: this runs on every request, and building the ORM query cost more than running it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value, salt FROM {connection.ops.quote_name(Generation._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone() or (0, "")
    value = f"{row[0]}.{row[1]}"
    if _in_request.get():
        _request_memo.set(value)
    return value


def bump() -> None:
    """Retire every cached entry. Call inside the transaction that makes the change."""
    from defdays.core.models import Generation

    salt = secrets.token_hex(4)
    if not Generation.objects.filter(pk=1).update(value=F("value") + 1, salt=salt):
        Generation.objects.get_or_create(pk=1, defaults={"value": 1, "salt": salt})
    _request_memo.set(None)  # this request reads the new value (its own transaction sees it)


def _request_started(**kwargs) -> None:
    _in_request.set(True)
    _request_memo.set(None)


def _request_finished(**kwargs) -> None:
    _in_request.set(False)
    _request_memo.set(None)


request_started.connect(_request_started, dispatch_uid="core-generation-started")
request_finished.connect(_request_finished, dispatch_uid="core-generation-finished")
