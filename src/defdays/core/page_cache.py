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

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.translation import get_language

from defdays.core import generation
from defdays.core.memo import LocalMemo

# Stands where `{% csrf_token %}` writes the token while a page is built for everyone (see context_processors).
CSRF_PLACEHOLDER = "defdays-csrf-placeholder-7f3a9c"
BUCKET_SECONDS = 60
_LOCAL = LocalMemo(max_entries=64, max_bytes=8 * 1024 * 1024)
_EARLY = LocalMemo(max_entries=128, max_bytes=8 * 1024 * 1024)
_EARLY_PATHS = LocalMemo(max_entries=256, max_bytes=1024 * 1024)


def building_for_everyone(request) -> bool:
    return getattr(request, "_defdays_shared_page", False)


def cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
        and not request.META.get("QUERY_STRING")
    )


def anonymous_page(request, key: str, build: Callable[[], HttpResponse], *, early: bool = False) -> HttpResponse:
    """The page `build()` makes, from the cache for anonymous visitors. `key` must carry the generation; `early`
    only if it holds nothing that changes without a generation bump (see EarlyPageMiddleware)."""
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
        # A form: each response carries its visitor's own token, so it is never answered early.
        body = body.replace(placeholder, get_token(request).encode())
    elif early:
        answer_early_next_time(request, bucket)
    return HttpResponse(body, content_type=content_type)


def answer_early_next_time(request, bucket: int | None = None) -> None:
    """This anonymous response is the same for every request EarlyPageMiddleware would answer under the current
    generation, language, host, path and minute: it may keep it. Call only where the view's own cache key is the
    generation (and the path) alone."""
    if cacheable(request):
        request._defdays_early = int(time.time() // BUCKET_SECONDS) if bucket is None else bucket


def _early_candidate(request) -> bool:
    # Without a session cookie nobody is signed in (AuthenticationMiddleware would find AnonymousUser); a
    # conditional request goes to the view, which answers 304 itself.
    cookies = request.COOKIES
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and "HTTP_IF_NONE_MATCH" not in request.META
        and "HTTP_IF_MODIFIED_SINCE" not in request.META
    )


def _early_key(request, language: str, bucket: int) -> str:
    # get_host() validates the Host header against ALLOWED_HOSTS, as CommonMiddleware would.
    return f"early:{generation.current()}:{language}:{request.scheme}://{request.get_host()}{request.path}:{bucket}"


class EarlyPageMiddleware:
    """Answers an anonymous GET from the pages this process already served under the same generation, before the
    rest of the middleware runs. Place it after the security and CSP middleware and before SessionMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _early_candidate(request):
            return self.get_response(request)
        # Only paths this process has kept a page for are looked up: any other request (/livez, a form page)
        # pays nothing here, not even the generation.
        known = _EARLY_PATHS.get(request.path) is not None
        # The language LocaleMiddleware would choose, from the same cookie and header.
        language = translation.get_language_from_request(request) if known else None
        if known:
            held = _EARLY.get(_early_key(request, language, int(time.time() // BUCKET_SECONDS)))
            if held is not None:
                headers, body = held
                response = HttpResponse(body)
                for name, value in headers:
                    response[name] = value
                return response
        response = self.get_response(request)
        bucket = getattr(request, "_defdays_early", None)
        if bucket is not None and response.status_code == 200 and not response.cookies and not response.streaming:
            language = language or translation.get_language_from_request(request)
            # The generation this request read (memoised for the request): the one the view's key carried.
            _EARLY.put(_early_key(request, language, bucket), (tuple(response.items()), response.content))
            _EARLY_PATHS.put(request.path, True)
        return response
