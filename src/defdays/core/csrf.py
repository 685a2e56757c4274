"""CSRF checks that work with `Referrer-Policy: no-referrer`.

Under that policy browsers send `Origin: null` and no Referer on our own form posts, so Django's origin and
referer checks would refuse every form. Those requests are accepted when the browser's Fetch Metadata says
the request came from our own origin (`Sec-Fetch-Site: same-origin`, a header no page can set or forge).
The CSRF token check still runs on every unsafe request; a real cross-site post is still refused.
"""

from django.middleware.csrf import CsrfViewMiddleware


def _same_origin_fetch(request) -> bool:
    return request.META.get("HTTP_SEC_FETCH_SITE") == "same-origin"


class NoReferrerCsrfViewMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request):
        if request.META.get("HTTP_ORIGIN") == "null" and _same_origin_fetch(request):
            return True
        return super()._origin_verified(request)

    def _check_referer(self, request):
        if not request.META.get("HTTP_REFERER") and _same_origin_fetch(request):
            return
        super()._check_referer(request)
