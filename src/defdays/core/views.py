from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from defdays.core import edition_lookup
from defdays.core.access import PUBLIC, access


@access(PUBLIC)
def privacy(request):
    return render(request, "core/privacy.html")


@access(PUBLIC)
def robots_txt(request):
    """Crawlers may read the public pages and nothing else. Only routes that exist (tests/core/test_robots.py):
    a listed path that answers 404 would advertise pages the platform does not have."""
    years = edition_lookup.public_years()
    lines = [
        "User-agent: *",
        "Allow: /$",
        "Allow: /archive/",
        "Allow: /privacy/",
        "Allow: /news/",
        "Allow: /sitemap.xml",
        "Allow: /laureates/$",
    ]
    for year in years:
        # "$": the page itself, not what lies under it (the open session's manage links, above all).
        lines += [f"Allow: /{year}/$", f"Allow: /{year}/open-session/$", f"Allow: /{year}/contact/$"]
        lines += [f"Allow: /{year}/award/$"] + [
            f"Allow: /{year}/{prefix}/" for prefix in ("schedule", "sessions", "speakers")
        ]
    lines += ["Disallow: /", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@access(PUBLIC)
def live(request):
    """Liveness: this process answers. Touches neither the database nor the session, so a load balancer can tell a
    stuck node from a database outage (`/healthz` checks the database too), and the benchmarks have a baseline
    that costs only the middleware."""
    return HttpResponse("ok", content_type="text/plain")


@access(PUBLIC)
def sitemap(request):
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    from defdays.core import sitemaps

    return django_sitemap(request, sitemaps=sitemaps.sections())


@access(PUBLIC)
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt  # it only sets the language cookie; no token keeps public pages free of cookies
@require_POST
@access(PUBLIC)
def set_language(request):
    return django_set_language(request)


def _error(template, status):
    def view(request, exception=None):
        return render(request, template, {"status": status}, status=status)

    view.access_rule = PUBLIC
    return view


bad_request = _error("core/error.html", 400)
permission_denied = _error("core/error.html", 403)
page_not_found = _error("core/error.html", 404)


@access(PUBLIC)
def server_error(request):
    # No context processors that touch the database: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("core/500.html").render(), status=500)


def csrf_failure(request, reason=""):
    return render(request, "core/error.html", {"status": 403, "csrf": True}, status=403)
