"""Two-level caching of generation-keyed entries: a small bounded memo in this process, then the shared cache.

Only for keys that carry the generation (core.generation): such an entry never changes under its key, so a copy
kept in one process is as good as the shared one, and a write anywhere retires both at the next request. A hit
in the memo costs neither a round trip to Redis nor an unpickling. Values must be treated as read-only by callers
(they are shared by every request of the process); `get_or_set` hands out a shallow copy of model instances, since
forms write into the instance they are given.
"""

from __future__ import annotations

import copy
import sys
from collections import OrderedDict
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Model

_ALL: list[LocalMemo] = []


class LocalMemo:
    """The last few entries of this process, bounded by count and by bytes, least recently used out first, so
    that entries for many languages, base URLs or audiences cannot grow a worker without limit."""

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._items: OrderedDict[str, object] = OrderedDict()
        self._bytes = 0
        _ALL.append(self)

    def get(self, key):
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        size = sys.getsizeof(value)
        if size > self.max_bytes:
            return
        if key in self._items:
            self._bytes -= sys.getsizeof(self._items.pop(key))
        self._items[key] = value
        self._bytes += size
        while len(self._items) > self.max_entries or self._bytes > self.max_bytes:
            _key, dropped = self._items.popitem(last=False)
            self._bytes -= sys.getsizeof(dropped)

    def __len__(self):
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self._bytes = 0


def get_or_set(memo: LocalMemo, key: str, compute: Callable[[], object], timeout: int):
    """The entry under `key` (which must carry the generation) from the memo, the shared cache, or `compute`."""
    value = memo.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, timeout)
        memo.put(key, value)
    return copy.copy(value) if isinstance(value, Model) else value


def clear_all() -> None:
    """Empty every memo of this process: for tests, whose rolled-back rows can bring an old generation back."""
    for local in _ALL:
        local.clear()
