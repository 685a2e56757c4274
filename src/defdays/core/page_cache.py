"""Whole pages for anonymous visitors, cached: every visitor without an account gets the same page, so it is built
once per process and minute instead of on every request.

Only under these conditions, each for a reason:
- a GET by a visitor who is not signed in: a signed-in page carries that person's navigation and standing;
- no query string: it would be echoed into the page (the language form's "next");
- no "messages" cookie: a one-time message belongs to one visitor;
- a 200 that sets no cookie.
The cache key is given by the caller and must carry the generation (core.generation), so a publish, "hide me",
erasure or rename retires the page on every node at its next request; the key also takes the language, the path
and the current minute, so anything that changes with time alone (a news post at its publish time) is at most a
minute late, never early. A form on the page keeps working: the page is built with a placeholder where the CSRF
token goes, and each response gets the visitor's own token (and cookie) in its place.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from defdays.core.memo import LocalMemo

# Stands where `{% csrf_token %}` writes the token while a page is built for everyone (see context_processors).
CSRF_PLACEHOLDER = "defdays-csrf-placeholder-7f3a9c"
BUCKET_SECONDS = 60
_LOCAL = LocalMemo(max_entries=64, max_bytes=8 * 1024 * 1024)


def building_for_everyone(request) -> bool:
    return getattr(request, "_defdays_shared_page", False)


def cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
        and not request.META.get("QUERY_STRING")
    )


def anonymous_page(request, key: str, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The page `build()` makes, from the cache for anonymous visitors. `key` must carry the generation."""
    if not cacheable(request):
        return build()
    bucket = int(time.time() // BUCKET_SECONDS)
    full_key = f"page:{key}:{get_language()}:{request.path}:{bucket}"

    cached = _LOCAL.get(full_key) or cache.get(full_key)
    if cached is None:
        request._defdays_shared_page = True
        try:
            response = build()
        finally:
            request._defdays_shared_page = False
        if response.status_code != 200 or response.cookies or response.streaming:
            # Not the same for everyone after all (an error, a cookie): this response was built with the
            # placeholder, so it is built again for this visitor alone.
            return build()
        cached = (response["Content-Type"], response.content)
        cache.set(full_key, cached, BUCKET_SECONDS * 2)
    _LOCAL.put(full_key, cached)
    content_type, body = cached
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in body:
        body = body.replace(placeholder, get_token(request).encode())
    return HttpResponse(body, content_type=content_type)
