"""Security headers on every kind of response: normal pages, 404, 403 and 500."""

import pytest
from django.urls import path

from defdays.core.access import PUBLIC, access
from tests.conftest import sign_in


@access(PUBLIC)
def _broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", _broken_view)]


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "img-src", "font-src", "form-action", "connect-src"):
        assert directives[name] == "'self'", name
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert f"{feature}=()" in policy
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_headers_on_a_normal_page(client, edition):
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)
    # A public page for an anonymous visitor sets no cookie at all.
    assert not response.cookies


@pytest.mark.django_db
def test_headers_on_404_and_403(client, make_user, edition):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert_security_headers(missing)
    sign_in(client, make_user("defender", edition=edition))
    refused = client.get("/orga/2013/audit/")
    assert refused.status_code == 403
    assert_security_headers(refused)
    assert "no-store" in refused["Cache-Control"]


@pytest.mark.urls("tests.security.test_headers")
@pytest.mark.django_db
def test_headers_on_500_and_no_traceback(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert_security_headers(response)
    assert b"Traceback" not in response.content and b"boom" not in response.content


@pytest.mark.django_db
def test_every_authenticated_response_is_no_store(client, make_user, edition):
    sign_in(client, make_user("defender", edition=edition))
    for url in ("/", "/2013/", "/me/", "/archive/"):
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_host_prefixed_secure_httponly_lax(client, make_user, edition):
    from tests.conftest import PASSWORD

    user = make_user("defender", edition=edition, email="cookie@example.org")
    page = client.get("/account/login/")
    csrf = page.cookies["__Host-defdays-csrf"]
    assert csrf["secure"] and csrf["httponly"] and csrf["path"] == "/" and not csrf["domain"]
    response = client.post("/account/login/", {"email": "cookie@example.org", "password": PASSWORD})
    session = response.cookies["__Host-defdays-session"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert session["path"] == "/" and not session["domain"]
    assert user.pk


@pytest.mark.django_db
def test_participant_session_and_csrf_cookies_end_with_the_browser(client, make_user, edition):
    from tests.conftest import PASSWORD

    make_user("defender", edition=edition, email="cookie@example.org")
    csrf = client.get("/account/login/").cookies["__Host-defdays-csrf"]
    assert not csrf["expires"] and not csrf["max-age"]
    response = client.post("/account/login/", {"email": "cookie@example.org", "password": PASSWORD})
    session = response.cookies["__Host-defdays-session"]
    assert not session["expires"] and not session["max-age"]
    # The server still ends it: a cookie kept alive by a never-closed browser does not outlive the row.
    assert client.session.get_expiry_age() == 60 * 60 * 12


@pytest.mark.django_db
def test_a_staff_session_cookie_lasts_the_idle_timeout_only(client, make_user, edition):
    from tests.conftest import sign_in

    sign_in(client, make_user("organiser", edition=edition))
    session = client.get("/me/").cookies["__Host-defdays-session"]
    assert session["max-age"] == 30 * 60
