"""Behind the reverse proxy, the lockout and the sign-up limit tell visitors apart; a lock is not extended."""

from datetime import UTC

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from defdays.core.clients import client_address, client_network
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
LOGIN = "/account/login/"


def _request(remote=PROXY, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.DEFDAYS_TRUSTED_PROXIES = 0
    assert str(client_address(_request("198.51.100.7", forwarded="203.0.113.9"))) == "198.51.100.7"


def test_the_nth_entry_from_the_right_is_the_client(settings):
    settings.DEFDAYS_TRUSTED_PROXIES = 1
    # The client wrote the first entry itself; our proxy appended the address it saw.
    assert str(client_address(_request(forwarded="203.0.113.9, 198.51.100.7"))) == "198.51.100.7"
    settings.DEFDAYS_TRUSTED_PROXIES = 2
    assert str(client_address(_request(forwarded="203.0.113.9, 198.51.100.7, 10.0.0.1"))) == "198.51.100.7"
    # Fewer entries than proxies: nothing in the header is trusted.
    assert str(client_address(_request(forwarded="203.0.113.9"))) == PROXY
    assert client_network(_request(forwarded="garbage, junk")) == "0.0.0.0"
    settings.DEFDAYS_TRUSTED_PROXIES = 1
    assert client_network(_request(forwarded="[2001:db8:1:2::5]:443")) == "2001:db8:1::"


def test_behind_the_proxy_one_visitor_cannot_lock_an_account_for_everyone(client, make_user, edition, settings):
    settings.DEFDAYS_TRUSTED_PROXIES = 1
    victim = make_user("organiser", edition=edition, email="victim@example.org")
    login = reverse("accounts:login")
    for _ in range(5):
        client.post(
            login,
            {"email": "victim@example.org", "password": "wrong password!!"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    assert (
        client.post(
            login,
            {"email": "victim@example.org", "password": PASSWORD},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        ).status_code
        == 429
    )
    # The account holder, elsewhere, through the same proxy: not locked.
    response = client.post(
        login,
        {"email": "victim@example.org", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == victim.pk


def test_attempts_during_a_lock_do_not_extend_it(client, make_user, edition):
    make_user("defender", edition=edition, email="locked@example.org")
    login = reverse("accounts:login")
    for _ in range(5):
        client.post(login, {"email": "locked@example.org", "password": "wrong password!!"})
    attempt = AccessAttempt.objects.select_related("expiration").get()
    locked_at, lock_ends = attempt.attempt_time, attempt.expiration.expires_at
    for _ in range(3):
        assert client.post(login, {"email": "locked@example.org", "password": "wrong again!!!"}).status_code == 429
    attempt = AccessAttempt.objects.select_related("expiration").get()
    assert (attempt.attempt_time, attempt.expiration.expires_at) == (locked_at, lock_ends)
    assert attempt.failures_since_start == 5


def test_the_sign_up_limit_counts_visitors_behind_the_proxy_apart(client, settings, edition):
    from datetime import datetime

    from defdays.opensession.services import create_open_session

    settings.DEFDAYS_TRUSTED_PROXIES = 1
    settings.DEFDAYS_SIGNUP_LIMIT_PER_HOUR = 2
    session = create_open_session(
        edition,
        title="Open",
        description="",
        place="Stockholm",
        seats=10,
        starts_at=datetime(2013, 4, 4, 11, tzinfo=UTC),
        ends_at=datetime(2013, 4, 4, 15, tzinfo=UTC),
    )

    def sign_up(n, forwarded):
        return client.post(
            "/2013/open-session/",
            {"session": session.pk, "name": f"P {n}", "email": f"p{n}@example.org", "language": "en"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
        ).status_code

    assert [sign_up(n, "198.51.100.7") for n in range(3)] == [302, 302, 429]
    assert sign_up(4, "203.0.113.5") == 302
