"""The public open-session page is built once for every anonymous visitor (core.page_cache) and still gives each
visitor a working form of their own, and shows any change on the next request."""

import re

import pytest
from django.test import Client

from defdays.core import page_cache
from defdays.opensession.models import OpenSession

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def test_each_visitor_gets_a_token_of_their_own_that_the_form_accepts(open_session):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = [c.get("/2013/open-session/") for c in (first, second)]
    tokens = [TOKEN.search(p.content.decode()).group(1) for p in pages]
    assert page_cache.CSRF_PLACEHOLDER not in pages[1].content.decode()
    assert tokens[0] != tokens[1]
    assert all(p.cookies.get("__Host-defdays-csrf") for p in pages)  # each got the cookie its token belongs to
    response = second.post(
        "/2013/open-session/",
        {
            "session": open_session.pk,
            "name": "Bo Guest",
            "email": "bo@example.org",
            "language": "en",
            "csrfmiddlewaretoken": tokens[1],
        },
    )
    assert response.status_code == 302  # accepted: the placeholder was replaced by this visitor's own token
    forged = first.post(
        "/2013/open-session/",
        {"session": open_session.pk, "name": "X", "email": "x@example.org", "language": "en"},
    )
    assert forged.status_code == 403  # the CSRF check still runs on the shared page's form


def test_an_organisers_edit_shows_on_the_next_anonymous_request(client, open_session):
    assert "The open session" in client.get("/2013/open-session/").content.decode()
    # An update that bumps no generation: the page's key follows the session's fields themselves.
    OpenSession.objects.filter(pk=open_session.pk).update(title="Renamed open session")
    assert "Renamed open session" in client.get("/2013/open-session/").content.decode()


def test_the_cached_page_is_really_reused(client, open_session, django_assert_max_num_queries):
    client.get("/2013/open-session/")
    with django_assert_max_num_queries(3):  # the generation, the page's state; no rendering queries
        assert client.get("/2013/open-session/").status_code == 200


def test_signed_in_and_query_string_requests_are_built_for_the_viewer(open_session, client_as):
    anonymous = Client()
    assert "/account/logout/" not in anonymous.get("/2013/open-session/").content.decode()
    signed_in = client_as("attendee").get("/2013/open-session/").content.decode()
    assert "/account/logout/" in signed_in  # not the anonymous page from the cache
    assert page_cache.CSRF_PLACEHOLDER not in anonymous.get("/2013/open-session/?next=/x").content.decode()


def test_the_open_session_page_is_never_answered_before_its_view(client, open_session):
    """Its key holds the sessions' state and its form each visitor's own token: core.page_cache's early path
    never answers it."""
    for _ in range(3):
        response = client.get("/2013/open-session/")
        assert hasattr(response.wsgi_request, "session")
