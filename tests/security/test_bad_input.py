"""Bad input gets a clean page with the right status, no traceback, and an audit entry where it matters."""

import pytest
from django.urls import reverse

from defdays.audit.models import AuditEvent
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def assert_clean(response, status):
    assert response.status_code == status
    body = response.content.decode()
    assert "Traceback" not in body and 'class="site-header"' in body or status == 302


def test_a_5_mb_password_gets_a_clean_400(client, edition):
    response = client.post(reverse("accounts:login"), {"email": "a@example.org", "password": "x" * 5_000_000})
    assert_clean(response, 400)
    assert "too large" in response.content.decode()


def test_a_password_over_1024_characters_is_refused_before_hashing(client, make_user, edition):
    make_user("defender", edition=edition, email="long@example.org")
    response = client.post(reverse("accounts:login"), {"email": "long@example.org", "password": "y" * 1025})
    assert_clean(response, 200)
    assert "at most 1024 characters" in response.content.decode()
    assert AuditEvent.objects.filter(action="login").count() == 0


def test_a_forged_session_cookie_is_just_anonymous(client, edition):
    client.cookies["__Host-defdays-session"] = "forged" * 8
    response = client.get(reverse("accounts:me"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert_clean(client.get("/"), 200)


def test_wrong_totp_six_times(client, make_user, edition):
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser, verified=False)
    statuses = [client.post(reverse("accounts:verify"), {"token": "000000"}).status_code for _ in range(6)]
    # Four refusals on the page, the fifth ends the half-open session, the sixth is asked to sign in again.
    assert statuses == [400, 400, 400, 400, 429, 302]
    assert AuditEvent.objects.filter(action="2fa.failed", actor=organiser).count() == 5
    assert AuditEvent.objects.filter(action="login.locked", actor=organiser).count() == 1
    assert client.get(reverse("editions:orga_home", kwargs={"year": 2013})).status_code == 302


def test_unknown_year_is_a_clean_404(client, edition):
    assert_clean(client.get("/1999/"), 404)
    assert_clean(client.get("/1999/contact/"), 404)
    assert_clean(client.get("/orga/1999/"), 404)


def test_lockout_locks_one_account_from_one_network_not_others(client, make_user, edition):
    make_user("defender", edition=edition, email="victim@example.org")
    other = make_user("defender", edition=edition, email="other@example.org")
    login = reverse("accounts:login")
    for _ in range(5):
        client.post(login, {"email": "victim@example.org", "password": "wrong password!!"})
    locked = client.post(login, {"email": "victim@example.org", "password": PASSWORD})
    assert locked.status_code == 429
    assert AuditEvent.objects.filter(action="login.locked").exists()
    response = client.post(login, {"email": "other@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == other.pk


def test_open_redirect_after_login_is_refused(client, make_user, edition):
    make_user("defender", edition=edition, email="redirect@example.org")
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example.com/",
        {"email": "redirect@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:me")


def test_a_forged_host_never_reaches_a_reset_link(client, make_user, edition, settings):
    from django.core import mail

    settings.ALLOWED_HOSTS = ["testserver", "evil.example.com"]
    settings.DEFDAYS_BASE_URL = "https://defdays.example.org"
    make_user("defender", edition=edition, email="host@example.org")
    client.post(reverse("accounts:password_reset"), {"email": "host@example.org"}, HTTP_HOST="evil.example.com")
    assert "https://defdays.example.org/account/reset/" in mail.outbox[0].body
    assert "evil.example.com" not in mail.outbox[0].body
