from django.conf import settings
from django.utils.cache import add_never_cache_headers


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set, on every response (404, 403 and 500 included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.DEFDAYS_PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or response.cookies:
            # A shared cache or the browser's back button must never replay a personal page.
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response


class StaffSessionMiddleware:
    """Staff accounts are the keys to everything: their sessions end after a short idle time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff_account():
            # set_expiry on every request makes the timeout count from the last request, not the login.
            request.session.set_expiry(settings.DEFDAYS_STAFF_IDLE_SECONDS)
        return self.get_response(request)
