"""The public schedule and every export: a constant number of queries whatever the size; caches per audience."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from defdays.programme import services
from defdays.programme.models import Room, Session, SessionSpeaker, Speaker
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

PAGES = ["schedule", "schedule_ics", "schedule_xml", "schedule_json"]


def make_programme(edition, n_sessions, n_speakers):
    rooms = [
        Room.objects.create(edition=edition, name=f"Room {i}", capacity=50, is_closed=i % 2 == 0) for i in range(6)
    ]
    speakers = Speaker.objects.bulk_create(
        [Speaker(edition=edition, slug=f"guest-{i}", guest_name=f"Guest {i}") for i in range(n_speakers)]
    )
    start = datetime(2013, 4, 2, 8, 0, tzinfo=edition.tz)
    sessions = Session.objects.bulk_create(
        [
            Session(
                edition=edition,
                slug=f"s-{i}",
                title=f"Session {i}",
                type="panel",
                audience="open" if i % 2 else "closed",
                chatham_house=i % 7 == 0,
                room=rooms[i % 6],
                start=start + timedelta(days=(i // 6) % 4, minutes=30 * ((i // 24) % 20)),
                duration=30,
                abstract="An abstract. " * 20,
            )
            for i in range(n_sessions)
        ]
    )
    SessionSpeaker.objects.bulk_create(
        [
            SessionSpeaker(session=s, speaker=speakers[(i * 3 + k) % n_speakers], consent_public=(i + k) % 3 != 0)
            for i, s in enumerate(sessions)
            for k in range(2)
        ]
    )
    services.publish(edition, "Bench", actor=None, approve_public_names=True)


def count(django_assert_max_num_queries, client, name, day=None, limit=10):
    kwargs = {"year": 2013} | ({"day": day} if day else {})
    with django_assert_max_num_queries(limit) as ctx:
        response = client.get(reverse(f"programme:{name}", kwargs=kwargs))
    assert response.status_code == 200
    return len(ctx.captured_queries)


# Staff sessions are re-saved on every request (idle timeout: three statements), hence their higher bound. The
# first request after a publish also reads the generation and opens the sealed hidden set (accounts.visibility).
# A signed-in person's session, account (with the staff rule folded in), roles and registration are read once.
@pytest.mark.parametrize("role,limit", [(None, 11), ("attendee", 10), ("defender", 10), ("organiser", 13)])
def test_query_count_does_not_grow_with_the_programme(
    client, make_user, edition, django_assert_max_num_queries, role, limit
):
    if role:
        sign_in(client, make_user(role, edition=edition))
    make_programme(edition, 10, 10)
    small = {name: count(django_assert_max_num_queries, client, name, limit=limit) for name in PAGES}
    small["grid"] = count(django_assert_max_num_queries, client, "schedule_day", day=3, limit=limit)
    from django.core.cache import cache

    from defdays.programme.models import ScheduleVersion

    ScheduleVersion.objects.all().delete()
    Session.objects.all().delete()
    Speaker.objects.all().delete()
    Room.objects.all().delete()
    cache.clear()
    make_programme(edition, 300, 200)
    large = {name: count(django_assert_max_num_queries, client, name, limit=limit) for name in PAGES}
    large["grid"] = count(django_assert_max_num_queries, client, "schedule_day", day=3, limit=limit)
    assert small == large
    body = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert ("Session 298" in body) is (role in ("defender", "organiser")) and "Session 299" in body


def test_the_navigation_reads_the_participants_registration_once(client, make_user, edition):
    """Several links of /me/ depend on the person's registration (theirs to see, the directory): one lookup."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from defdays.registration.models import Participation

    person = make_user("defender", edition=edition)
    Participation.objects.create(user=person, edition=edition, data_key=person.data_key, status="approved")
    sign_in(client, person)
    client.get(reverse("accounts:me"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("accounts:me"))
    assert reverse("networking:home", kwargs={"year": 2013}) in page.content.decode()
    lookups = [
        q["sql"]
        for q in queries
        if q["sql"].startswith(('SELECT "registration_participation"."status" AS', "SELECT 1 AS"))
        and '"registration_participation"' in q["sql"]
    ]
    assert len(lookups) == 1, lookups


def test_cached_output_is_never_shared_across_audiences(client, make_user, edition, build_programme):
    built = build_programme()
    urls = [reverse(f"programme:{name}", kwargs={"year": 2013}) for name in PAGES]
    # The grid of the day that holds the Chatham House session, so that staff do see it there.
    chatham_day = edition.days().index(built.sessions["chatham"].start.astimezone(edition.tz).date()) + 1
    urls.append(reverse("programme:schedule_day", kwargs={"year": 2013, "day": chatham_day}))
    sign_in(client, make_user("organiser", edition=edition))
    for url in urls:  # the staff render goes into the cache first
        assert "Chatham Strategy Title" in client.get(url).content.decode(), url
    client.logout()
    for url in urls:
        assert "Chatham Strategy Title" not in client.get(url).content.decode()
        assert "Speaker CHATHAM_SHY" not in client.get(url).content.decode()
    sign_in(client, make_user("defender", edition=edition))
    for url in urls:
        assert "Speaker CHATHAM_SHY" not in client.get(url).content.decode()


def test_publishing_invalidates_the_cached_output(client, edition, build_programme):
    built = build_programme()
    url = reverse("programme:schedule_xml", kwargs={"year": 2013})
    assert b"Open Panel Title" in client.get(url).content
    services.save_session(edition, built.sessions["open_panel"], {"title": "New Panel Title"}, actor=None)
    assert b"Open Panel Title" in client.get(url).content  # still the published version
    services.publish(edition, "Second", actor=None, approve_public_names=True)
    body = client.get(url).content
    assert b"New Panel Title" in body and b"Open Panel Title" not in body
