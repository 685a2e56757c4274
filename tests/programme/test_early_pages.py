"""Anonymous pages answered before most of the middleware runs (core.page_cache.EarlyPageMiddleware): the same
response as the full path, only for requests that cannot be signed in, and never once the generation moved."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from defdays.people.services import set_hidden

pytestmark = pytest.mark.django_db


def answered_early(response) -> bool:
    # SessionMiddleware and AuthenticationMiddleware never saw an early request.
    return not hasattr(response.wsgi_request, "session") and not hasattr(response.wsgi_request, "user")


def speaker_url(client, name: str) -> str:
    page = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    for session in re.findall(r'href="(/2013/sessions/[^/"]+/)"', page):
        for url in re.findall(r'href="(/2013/speakers/[^/"]+/)"', client.get(session).content.decode()):
            if name in client.get(url).content.decode():
                return url
    raise AssertionError(name)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/2013/",
        "/2013/schedule/",
        "/2013/schedule/day/1/",
        "/2013/schedule.ics",
        "/2013/schedule.xml",
        "/2013/schedule.json",
    ],
)
def test_the_second_anonymous_request_is_answered_early_with_the_same_response(client, build_programme, path):
    build_programme()
    first = client.get(path)
    second = client.get(path)
    assert first.status_code == second.status_code == 200
    assert not answered_early(first) and answered_early(second)
    assert second.content == first.content
    assert dict(second.items()) == dict(first.items())  # Vary, Content-Language, CSP, frame and security headers


def test_a_hide_me_is_seen_on_the_next_request_after_an_early_answer(client, build_programme):
    built = build_programme()
    url = speaker_url(client, "Speaker OPEN_CONSENTING")
    schedule = reverse("programme:schedule", kwargs={"year": 2013})
    client.get(url)
    assert answered_early(client.get(url)) and answered_early(client.get(schedule))
    user = built.people["open_consenting"]
    set_hidden(user, True, actor=user)  # bumps the generation: every early entry of this process is retired
    assert client.get(url).status_code == 404
    page = client.get(schedule)
    assert not answered_early(page) and "Speaker OPEN_CONSENTING" not in page.content.decode()


def test_signed_in_visitors_and_pages_keyed_by_more_than_the_generation_are_never_answered_early(
    client_as, build_programme
):
    build_programme()
    schedule = reverse("programme:schedule", kwargs={"year": 2013})
    anonymous = Client()
    session = re.search(r'href="(/2013/sessions/[^/"]+/)"', anonymous.get(schedule).content.decode()).group(1)
    for _ in range(2):  # seat counts are part of a session page's key: only the view knows them
        assert not answered_early(anonymous.get(session))
    assert not answered_early(anonymous.get(schedule + "?x=1"))
    signed_in = client_as("attendee")
    for _ in range(2):
        assert not answered_early(signed_in.get(schedule))


def test_a_conditional_request_reaches_the_view_and_gets_its_304(client, build_programme):
    build_programme()
    url = "/2013/schedule.ics"
    client.get(url)
    early = client.get(url)
    assert answered_early(early)
    again = client.get(url, HTTP_IF_NONE_MATCH=early["ETag"])
    assert again.status_code == 304 and not answered_early(again)


def test_an_unknown_host_is_refused_on_the_early_path_too(build_programme):
    build_programme()
    client = Client()
    client.get("/2013/schedule/")
    assert answered_early(client.get("/2013/schedule/"))
    refused = Client(HTTP_HOST="attacker.example", raise_request_exception=False).get("/2013/schedule/")
    assert refused.status_code >= 400 and b"Open Panel Title" not in refused.content


def test_a_path_never_kept_early_pays_nothing_on_the_early_path(client, django_assert_num_queries):
    """/livez (the benchmarks' baseline) and every other page the early path never kept: not even the
    generation is read for them."""
    for _ in range(2):
        with django_assert_num_queries(0):
            assert client.get("/livez").status_code == 200
