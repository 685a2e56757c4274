"""Every page's cost is independent of the data's size: every URL of the access table, as every role, on the demo
and on the demo with ten times its people, invitations, bookings and programme. A page whose SQL query count grows
with the data (a query per row: an N+1) fails here, whoever may see it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from defdays.accounts.models import User
from defdays.accounts.services import grant_role
from defdays.editions.models import Edition
from defdays.invitations import services as invitations
from defdays.opensession import services as opensession
from defdays.opensession.models import OpenSession
from defdays.programme import services as programme
from defdays.programme.models import AgendaEntry, Room, Session, SessionSpeaker, Speaker
from defdays.registration.services import register
from tests.security.crawl import ROLE_KEYS, build_demo, client_for, concrete_urls

pytestmark = pytest.mark.django_db

FACTOR = 10


def _grow(edition: Edition, factor: int) -> None:
    """Add (factor - 1) times the demo's closed-part people, with registrations, invitations, open-session
    bookings, sessions with speakers, agenda entries, and a new published version."""
    n = 4 * (factor - 1)  # the demo has four closed-part participants besides its role holders
    people = []
    for i in range(n):
        user = User.objects.create_user(f"grown{i}@example.org", None, public_name=f"Grown {i}")
        role = "defender" if i % 3 else "stakeholder"
        grant_role(user, edition, role)
        register(
            user,
            edition,
            role,
            days=[edition.start_date],
            access_needs=f"needs {i}",
            code_of_conduct_version="1",
            photo_policy_version="1",
        )
        people.append(user)
    for i in range(n):
        invitations.create_invitation(
            edition,
            public_name=f"Invitee {i}",
            email=f"invitee{i}@example.org",
            role="defender",
            actor=None,
            base_url="https://defdays.example.org",
        )
    open_session = OpenSession.objects.get(edition=edition)
    for i in range(n):
        opensession.sign_up(
            open_session,
            name=f"Visitor {i}",
            email=f"visitor{i}@example.org",
            language="en",
            base_url="https://defdays.example.org",
        )
    rooms = list(Room.objects.filter(edition=edition))
    start = datetime(2013, 4, 2, 8, 0, tzinfo=edition.tz)
    sessions = Session.objects.bulk_create(
        [
            Session(
                edition=edition,
                slug=f"grown-{i}",
                title=f"Grown session {i}",
                type="panel",
                audience="open" if i % 2 else "closed",
                chatham_house=i % 5 == 0,
                room=rooms[i % len(rooms)],
                start=start + timedelta(days=i % 4, minutes=30 * (i % 16)),
                duration=30,
                abstract="An abstract.",
            )
            for i in range(n)
        ]
    )
    speakers = Speaker.objects.bulk_create(
        [Speaker(edition=edition, user=user) for user in people[: n // 2]]
        + [Speaker(edition=edition, guest_name=f"Guest {i}") for i in range(n // 2)]
    )
    SessionSpeaker.objects.bulk_create(
        [
            SessionSpeaker(
                session=s,
                speaker=speakers[(i + k) % len(speakers)],
                consent_closed=True,
                consent_public=(i + k) % 3 != 0,
            )
            for i, s in enumerate(sessions)
            for k in range(2)
        ]
    )
    # Ten times the agendas there are: a page that loads its seats only when an agenda has entries costs one query
    # more for an empty agenda than for none, which is not growth with the data.
    agenda_holders = list(User.objects.filter(agenda_entries__session__edition=edition).distinct())
    AgendaEntry.objects.bulk_create(
        [AgendaEntry(user=u, session=s) for u in agenda_holders for s in sessions[:factor]], ignore_conflicts=True
    )
    programme.publish(edition, "Grown", actor=None, approve_public_names=True)


def _measure(urls, clients) -> dict[tuple[str, str], tuple[int, int]]:
    counts = {}
    for name, path, _rule in urls:
        for key, client in clients.items():
            # Twice, keeping the lower count: once-in-a-while housekeeping (a session re-saved, an expired row
            # cleaned) is not the page's cost.
            counts[(name, key or "anonymous")] = min(_count(client, path), _count(client, path))
    return counts


def _count(client, path) -> tuple[int, int]:
    cache.clear()  # the cold path: what a page costs when no cache holds it
    connection.queries_log.clear()  # capped at 9000 entries, and the context does not clear it
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    return len(ctx.captured_queries), response.status_code


def test_no_page_costs_more_queries_on_ten_times_the_data():
    build_demo()
    edition = Edition.objects.get(year=2013)
    urls = concrete_urls()
    clients = {key: client_for(key) for key in [None, "norole", *ROLE_KEYS]}
    small = _measure(urls, clients)
    _grow(edition, FACTOR)
    large = _measure(urls, clients)
    assert sum(status == 200 for _count, status in large.values()) > len(urls)  # the walk reached real pages
    grew = {
        page: (small[page][0], large[page][0])
        for page in small
        if large[page][0] > small[page][0] and large[page][1] == 200
    }
    assert grew == {}, "queries on the demo -> on ten times the demo:\n" + "\n".join(
        f"  {name} as {role}: {a} -> {b}" for (name, role), (a, b) in sorted(grew.items())
    )
