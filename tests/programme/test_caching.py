"""What the programme caches, under which generation, and how much of it one process keeps."""

import re

import pytest
from django.urls import reverse

from defdays.core import generation
from defdays.core.memo import LocalMemo
from defdays.programme import selectors, services

pytestmark = pytest.mark.django_db


def test_the_changes_page_is_computed_once_per_generation(
    client, edition, build_programme, django_assert_max_num_queries
):
    built = build_programme()
    services.save_session(edition, built.sessions["open_panel"], {"title": "Moved Panel Title"}, actor=None)
    services.publish(edition, "Second", actor=None)
    url = reverse("programme:schedule_changes", kwargs={"year": 2013})
    assert "Moved Panel Title" in client.get(url).content.decode()
    with django_assert_max_num_queries(2) as captured:
        body = client.get(url).content.decode()
    assert "Moved Panel Title" in body
    # Every diff reads two whole snapshots: a second request must not touch the versions at all.
    assert not [q for q in captured.captured_queries if "programme_scheduleversion" in q["sql"]]
    services.save_session(edition, built.sessions["open_panel"], {"title": "Renamed Again Title"}, actor=None)
    services.publish(edition, "Third", actor=None)
    assert "Renamed Again Title" in client.get(url).content.decode()


def test_the_generation_only_grows(db):
    seen = [generation.current()]
    for _ in range(3):
        generation.bump()
        seen.append(generation.current())
    values = [int(value.split(".")[0]) for value in seen]
    assert values == sorted(values) and len(set(seen)) == len(seen)


def test_a_hide_then_show_again_never_brings_back_an_earlier_key(client, edition, build_programme):
    """A fingerprint of who is hidden returns to its old value after showing someone again; the generation does
    not, so nothing rendered before the hide can be served after it."""
    from defdays.people.services import set_hidden

    built = build_programme()
    user = built.people["open_consenting"]
    keys = [selectors.programme_for(None, edition).cache_key]
    set_hidden(user, True, actor=user)
    keys.append(selectors.programme_for(None, edition).cache_key)
    set_hidden(user, False, actor=user)
    keys.append(selectors.programme_for(None, edition).cache_key)
    assert len(set(keys)) == 3


def test_the_per_process_render_memo_is_bounded_by_entries_and_bytes():
    memo = LocalMemo(max_entries=3, max_bytes=10_000)
    for n in range(5):
        memo.put(f"k{n}", b"x" * 10)
    assert len(memo) == 3 and memo.get("k0") is None and memo.get("k4") is not None
    memo.put("big", b"x" * 6_000)
    memo.put("bigger", b"x" * 6_000)
    assert memo.get("big") is None and memo.get("bigger") is not None
    memo.put("huge", b"x" * 20_000)  # larger than the whole memo: never kept
    assert memo.get("huge") is None


def test_an_open_trainings_page_shows_new_seat_counts_to_anonymous_visitors(client, edition, make_user):
    """Seat counts change without a publish: the anonymous page cache (core.page_cache) keys them."""
    from defdays.programme import seats
    from defdays.programme.models import Session
    from tests.programme.conftest import session_fields

    new = services.save_session(
        edition, None, session_fields(edition, "Open training", type="training", seat_cap=5), actor=None
    )
    services.publish(edition, "One", actor=None)
    training = Session.objects.get(pk=new.pk)
    slug = reverse("programme:schedule", kwargs={"year": 2013})
    page = client.get(slug).content.decode()
    url = next(u for u in re.findall(r'href="(/2013/sessions/[^"]+/)"', page))
    assert "5 of 5 seats free" in client.get(url).content.decode()
    assert "5 of 5 seats free" in client.get(url).content.decode()  # now from the page cache
    seats.book(make_user("attendee", edition=edition), training)
    assert "4 of 5 seats free" in client.get(url).content.decode()


def test_a_cached_session_page_reads_no_working_copy_row_and_no_programme(client, edition, build_programme):
    """An anonymous session page from the page cache pays the generation and one plain statement for its seat
    counts: the working-copy row is read only to build the page, and the filtered programme comes from this
    process's memo (not unpickled from the shared cache on every request)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_programme()
    page = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    url = re.search(r'href="(/2013/sessions/open-panel-title/)"', page).group(1)
    first = client.get(url).content
    cache.clear()  # the shared cache: only the per-process memos can answer now
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).content == first
    sql = [q["sql"] for q in captured.captured_queries]
    assert len(sql) <= 2, sql
    assert not [q for q in sql if '"programme_session"."title"' in q or "programme_scheduleversion" in q], sql
