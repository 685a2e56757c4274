"""The generation: one counter row in the database that every cache key of published or person-dependent output
carries, so that a publish, "hide me", erasure or rename takes effect on the very next request on every process.

Why the database: with the default local-memory cache each gunicorn worker has its own cache, and a deletion made
by one worker never reaches the others (nor other web nodes). The counter is bumped with `F("value") + 1` inside
the transaction that makes the change, so no process can see the new generation before the new rows, a crash
cannot commit the change without the bump, and no value ever comes back (a fingerprint of who is hidden could:
hide, then un-hide).

Where a request reads it: once per request (memoised for the rest of that request). With a shared Redis/Valkey
cache (CACHE_URL=redis://...) a request reads a copy kept there, since a Redis GET costs a fraction of a database
round trip and every cached page paid one; the database stays the source of truth:
- the bump's `on_commit` copies the committed row to Redis, so the next request on any node, after the writing
  request has answered, reads the new value;
- the copy is written only if its value is greater than the one held (one Redis script), so two bumps whose
  callbacks arrive out of order, or a reader refilling an expired copy from an older read, never put an older
  generation back;
- the copy lives COPY_SECONDS: a process killed between its commit and its callback, or Redis unreachable at that
  moment, leaves an old copy for at most that long, after which the next reader takes the row again;
- after a bump, the rest of that request reads the database (its own transaction sees the new value), and
  outside a request (tasks, commands, tests) the database is read every time.
With any other cache backend every request reads the row.

What bumps it (each inside its writing transaction): an edition saved or deleted, a schedule version published,
a person hidden or shown again, erased, renamed (public name), deactivated, a speaker deleted. Anything else that
changes published output or who may be named must call `bump()` too.

The cache keys that carry it are listed where they are built: editions.selectors, programme.selectors,
accounts.visibility.
"""

from __future__ import annotations

import contextvars
import logging
import secrets

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction
from django.db.models import F

logger = logging.getLogger(__name__)

COPY_SECONDS = 2
_COPY_KEY = "generation:copy"
# Sets the copy unless the one held already has a value at least as great ("<value>.<salt>", value decimal).
_SET_IF_GREATER = """
local held = redis.call('GET', KEYS[1])
if held then
  local value = tonumber(string.match(held, '^(%d+)'))
  if value and value >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
"""

_request_memo: contextvars.ContextVar[str | None] = contextvars.ContextVar("generation", default=None)
_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar("generation_in_request", default=False)
_bumped: contextvars.ContextVar[bool] = contextvars.ContextVar("generation_bumped", default=False)


def _read_row() -> tuple[int, str]:
    from defdays.core.models import Generation

    # Plain SQL: this runs on every request without a shared cache, and building the ORM query cost more than
    # running it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value, salt FROM {connection.ops.quote_name(Generation._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone() or (0, "")
    return int(row[0]), row[1]


_client: tuple[object, object] | None = None  # (connection pool, the client made on it)


def _redis():
    """(client, key) of the shared Redis cache, or None for any other backend."""
    global _client
    default = caches["default"]
    if not isinstance(default, RedisCache):
        return None
    key = default.make_and_validate_key(_COPY_KEY)
    # Django's backend builds a new client object for every operation, which cost more than the GET itself: one
    # client per connection pool, made once (the pool is the backend's own, so settings and forks apply).
    pool = default._cache._get_connection_pool(True)  # noqa: SLF001
    if _client is None or _client[0] is not pool:
        _client = (pool, default._cache._client(connection_pool=pool))  # noqa: SLF001
    return _client[1], key


def _copy(client, key: str, value: int, salt: str) -> None:
    client.eval(_SET_IF_GREATER, 1, key, value, f"{value}.{salt}", int(COPY_SECONDS * 1000))


def _from_shared_cache() -> str | None:
    shared = _redis()
    if shared is None:
        return None
    client, key = shared
    try:
        held = client.get(key)
        if held is not None:
            return held.decode()
        value, salt = _read_row()
        _copy(client, key, value, salt)
        return f"{value}.{salt}"
    except Exception:  # Redis down: the database answers, every request pays the round trip until it is back
        logger.warning("generation: the shared cache did not answer; reading the database")
        return None


def current() -> str:
    """The current generation as a key part ("<value>.<salt>"). Outside a request (tasks, commands, tests) it is
    read from the database every time: nothing outside a request knows when it may have changed."""
    value = _request_memo.get()
    if value is not None:
        return value
    in_request = _in_request.get()
    if in_request and not _bumped.get():
        value = _from_shared_cache()
    if value is None:
        number, salt = _read_row()
        value = f"{number}.{salt}"
    if in_request:
        _request_memo.set(value)
    return value


def _publish_committed() -> None:
    """After the commit: the committed row to the shared copy (never an older one over a newer)."""
    shared = _redis()
    if shared is None:
        return
    client, key = shared
    try:
        _copy(client, key, *_read_row())
    except Exception:  # the copy expires within COPY_SECONDS and is then refilled from the row
        logger.warning("generation: could not update the shared copy; it expires in %s s", COPY_SECONDS)


def bump() -> None:
    """Retire every cached entry. Call inside the transaction that makes the change."""
    from defdays.core.models import Generation

    salt = secrets.token_hex(4)
    if not Generation.objects.filter(pk=1).update(value=F("value") + 1, salt=salt):
        Generation.objects.get_or_create(pk=1, defaults={"value": 1, "salt": salt})
    # The rest of this request reads the row, which its own transaction already sees bumped: the shared copy
    # still holds the old value until the commit.
    _bumped.set(True)
    _request_memo.set(None)
    transaction.on_commit(_publish_committed)


def _request_started(**kwargs) -> None:
    _in_request.set(True)
    _bumped.set(False)
    _request_memo.set(None)


def _request_finished(**kwargs) -> None:
    _in_request.set(False)
    _bumped.set(False)
    _request_memo.set(None)


request_started.connect(_request_started, dispatch_uid="core-generation-started")
request_finished.connect(_request_finished, dispatch_uid="core-generation-finished")
