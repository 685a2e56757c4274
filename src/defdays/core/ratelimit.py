"""A fixed-window counter in the cache, for public forms that write (open-session sign-up).

Counts per network (core.clients.client_network: a /24 or /48, never a full address). With several web
nodes the cache must be shared (CACHE_URL), like the lockout counters.
"""

import time

from django.core.cache import cache


def allow(bucket: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt in `bucket`; False once more than `limit` were made in the current window."""
    window = int(time.time() // window_seconds)
    key = f"ratelimit:{bucket}:{window}"
    if cache.add(key, 1, window_seconds + 60):
        return limit >= 1
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr: this attempt opens a new count
        cache.set(key, 1, window_seconds + 60)
        return limit >= 1
