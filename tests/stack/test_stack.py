"""The multi-node deployment, proved on this machine: Redis, two gunicorn nodes, a worker and nginx in front (the
deploy/ file itself), all on 127.0.0.1. Run by the fourth stage of `make test` (marker `stack`)."""

from __future__ import annotations

import shutil
import signal
import time
from datetime import UTC

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from defdays.editions.services import make_current
from defdays.programme import services
from defdays.programme.models import Room
from tests.conftest import PASSWORD
from tests.factories import EditionFactory, UserFactory
from tests.programme.conftest import give_consent, session_fields
from tests.stack.stack import Browser, Stack

pytestmark = [
    pytest.mark.stack,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not (shutil.which("nginx") or shutil.which("/usr/sbin/nginx")) or not shutil.which("redis-server"),
        reason="needs nginx and redis-server (scripts/test-all installs them)",
    ),
]

KEYS = {
    "DEFDAYS_SECRET_KEY": settings.SECRET_KEY,
    "DEFDAYS_KEKS": settings.DEFDAYS_KEKS,
    "DEFDAYS_INDEX_KEY": settings.DEFDAYS_INDEX_KEY,
}


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def programme():
    """An open panel with three speakers who consented to be named publicly, published."""
    edition = make_current(EditionFactory(year=2013))
    names = {key: f"Speaker {key.title()} 4e1d" for key in ("hides", "erased", "stays")}
    users = {key: UserFactory(email=f"{key}@example.org", public_name=name) for key, name in names.items()}
    from defdays.accounts.services import grant_role

    hall = Room.objects.create(edition=edition, name="Hall", capacity=200, is_closed=False)
    session = services.save_session(edition, None, session_fields(edition, "Open Panel", room=hall), actor=None)
    speakers = {}
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()  # the nodes run the real settings: the suite's fast MD5 is not among them
    for key, user in users.items():
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])
        grant_role(user, edition, "speaker")
        speakers[key] = services.speaker_for_user(edition, user)
        give_consent(session, speakers[key], True)
    services.publish(edition, "First", actor=None, approve_public_names=True)
    year = {"year": 2013}
    outputs = [
        reverse(f"programme:{name}", kwargs=year)
        for name in ("schedule", "schedule_ics", "schedule_xml", "schedule_json")
    ]
    outputs += [reverse("programme:speaker", kwargs=year | {"slug": speakers[key].slug}) for key in names]
    connection.close()  # the nodes take over the database
    return edition, session, users, names, outputs


def _both_nodes(stack: Stack, browser: Browser, outputs: list[str]) -> dict[str, list[str]]:
    """Every output twice in a row: nginx's round robin sends one of each pair to each node. Returns the
    bodies by node address, and checks that both nodes answered every output."""
    since = stack.log_size()
    bodies = [browser.get(path).body for path in outputs for _twice in range(2)]
    served = stack.served_by(since)
    by_node: dict[str, list[str]] = {}
    for (_path, node), body in zip(served, bodies):
        by_node.setdefault(node, []).append(body)
    for path in outputs:
        assert len({node for p, node in served if p == path}) == 2, (path, served)
    return by_node


def _signed_in(stack: Stack, email: str) -> Browser:
    browser = Browser(stack.port)
    response = browser.post_form("/account/login/", {"email": email, "password": PASSWORD})
    assert response.status == 302, response.status
    return browser


def test_hide_erasure_and_chatham_house_reach_the_other_node_at_once(programme):
    edition, session, users, names, outputs = programme
    with Stack(_database_url(), KEYS) as stack:
        visitor = Browser(stack.port)
        for bodies in _both_nodes(stack, visitor, outputs).values():  # both nodes render and cache everything
            assert any(names["hides"] in body for body in bodies)

        # "Hide me" on one node; the next request of every output on the other node names them nowhere.
        speaker = _signed_in(stack, "hides@example.org")
        since = stack.log_size()
        assert speaker.post_form("/me/hide/", {"hidden": "1"}).status == 302
        written_on = [node for path, node in stack.served_by(since) if path == "/me/hide/"][-1]
        by_node = _both_nodes(stack, visitor, outputs)
        assert set(by_node) - {written_on}, "the other node answered none of the outputs"
        assert not [body for bodies in by_node.values() for body in bodies if names["hides"] in body]
        assert any(names["stays"] in body for body in by_node[written_on])

        # An erasure on one node (the person's own "erase my account"), read on both.
        erased = _signed_in(stack, "erased@example.org")
        assert erased.post_form("/me/erase/", {"password": PASSWORD, "confirm": "on"}).status == 302
        by_node = _both_nodes(stack, visitor, outputs)
        assert not [body for bodies in by_node.values() for body in bodies if names["erased"] in body]

        # The programme team sets the Chatham House Rule and publishes (through the services, as a third
        # process): the consents to be named reset, and neither node names the remaining speaker any more.
        services.save_session(edition, session, {"chatham_house": True}, actor=None)
        services.publish(edition, "Chatham House", actor=None, approve_public_names=True)
        connection.close()
        by_node = _both_nodes(stack, visitor, outputs)
        assert not [body for bodies in by_node.values() for body in bodies if names["stays"] in body]


def test_failed_logins_over_both_nodes_lock_after_the_same_count(programme):
    with Stack(_database_url(), KEYS) as stack:
        browser = Browser(stack.port)
        token = browser.token("/account/login/")
        since = stack.log_size()
        statuses = [
            browser.post("/account/login/", {"email": "stays@example.org", "password": "wrong"}, token).status
            for _attempt in range(settings.AXES_FAILURE_LIMIT)
        ]
        # As on one node: the failure that reaches the limit is already refused.
        assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429], statuses
        nodes = {node for path, node in stack.served_by(since, "POST")}
        assert len(nodes) == 2, nodes
        # The right password now: refused, on whichever node, as on one node after the same count.
        for _attempt in range(2):
            response = browser.post("/account/login/", {"email": "stays@example.org", "password": PASSWORD}, token)
            assert response.status == 429, response.status


def _sign_ups(stack: Stack, open_session_id: int, count: int) -> tuple[list[int], set[str]]:
    browser = Browser(stack.port)
    token = browser.token("/2013/open-session/")
    since = stack.log_size()
    # POSTs only, one after the other: nginx's round robin alternates them between the nodes.
    statuses = [
        browser.post(
            "/2013/open-session/",
            {
                "session": open_session_id,
                "name": f"Visitor {n}",
                "email": f"visitor{n}@example.org",
                "language": "en",
            },
            token,
        ).status
        for n in range(count)
    ]
    nodes = {node for path, node in stack.served_by(since, "POST")}
    return statuses, nodes


@pytest.fixture
def open_session():
    from datetime import datetime

    from defdays.opensession.services import create_open_session

    edition = make_current(EditionFactory(year=2013))
    session = create_open_session(
        edition,
        title="Open session",
        description="",
        place="Stockholm",
        seats=100,
        starts_at=datetime(2013, 4, 4, 13, tzinfo=UTC),
        ends_at=datetime(2013, 4, 4, 15, tzinfo=UTC),
    )
    connection.close()
    return session


@pytest.mark.parametrize(
    "cache_url,allowed",
    [
        (None, 3),  # the shared Redis of the stack: one count for both nodes
        ("locmemcache://", 4),  # control: a per-process cache lets each node count its own (the reason for W010)
    ],
)
def test_the_sign_up_limit_holds_across_nodes_only_with_the_shared_cache(open_session, cache_url, allowed):
    extra = {"DEFDAYS_SIGNUP_LIMIT_PER_HOUR": "3"} | ({"CACHE_URL": cache_url} if cache_url else {})
    with Stack(_database_url(), KEYS, **extra) as stack:
        statuses, nodes = _sign_ups(stack, open_session.pk, 4)
    assert len(nodes) == 2, nodes
    assert statuses.count(302) == allowed, statuses
    assert statuses[allowed:] == [429] * (4 - allowed)


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _task_running(path_part: str) -> bool:
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status="RUNNING", task_path__contains=path_part).exists()
    connection.close()
    return running


def _job(job_id: int):
    from defdays.invitations.models import ImportJob

    job = ImportJob.objects.get(pk=job_id)
    connection.close()
    return job


def test_a_worker_killed_mid_import_and_mid_sending_loses_nothing(open_session):
    rows = "public name,email,role\n" + "".join(f"Invitee {i},invitee{i}@example.org,defender\n" for i in range(5000))
    with Stack(_database_url(), KEYS) as stack:
        (stack.workdir / "rows.csv").write_text(rows)
        job_id = int(
            stack.run(
                "from pathlib import Path\nfrom defdays.editions.models import Edition\n"
                "from defdays.invitations import services\n"
                f"job = services.start_import(Edition.objects.get(year=2013), Path({str(stack.workdir / 'rows.csv')!r})"
                ".read_text(), actor=None)\nprint(job.pk)"
            )
        )
        _wait(lambda: _job(job_id).status == "validated", 240, "the rows to be checked")
        stack.run(
            "from defdays.invitations import services\nfrom defdays.invitations.models import ImportJob\n"
            f"services.confirm_import(ImportJob.objects.get(pk={job_id}), actor=None)"
        )
        _wait(lambda: _task_running("run_import"), 60, "the import to start")
        time.sleep(0.5)
        stack.kill(stack.worker)  # kill -9 in the middle of writing the rows
        assert _job(job_id).status == "importing"
        stack.start_worker()
        job = _wait(lambda: (lambda j: j if j.status == "done" else None)(_job(job_id)), 240, "the import")
        from defdays.invitations.models import Invitation

        assert job.created_count == 5000
        assert job.attempts == 2  # the import page tells the organiser it was run again
        assert Invitation.objects.filter(edition__year=2013).count() == 5000  # every row once
        connection.close()

        # 500 emails (the import's 5000 invitation emails are taken out of the queue first, to bound the run).
        stack.worker.send_signal(signal.SIGTERM)
        stack.worker.wait(timeout=60)
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(task_path__contains="send_invitations").delete()
        connection.close()
        already = len(stack.sent_mail())
        stack.run(
            "from defdays.mail import outbox\nfrom defdays.mail.tasks import send_outgoing_email\n"
            "for n in range(500):\n"
            "    m = outbox.store(f'reader{n}@example.org', 'News', 'Hello', '')\n"
            "    send_outgoing_email.enqueue(outgoing_id=m.pk)\n"
        )
        stack.start_worker()
        _wait(lambda: len(stack.sent_mail()) - already >= 150, 120, "some emails to go out")
        stack.kill(stack.worker)  # kill -9 in the middle of sending
        stack.start_worker()
        _wait(
            lambda: not DBTaskResult.objects.filter(task_path__contains="send_outgoing_email")
            .exclude(status="SUCCESSFUL")
            .exists()
            or connection.close(),
            240,
            "every email",
        )
        connection.close()
        sent = [to for to in stack.sent_mail()[already:] if to.startswith("reader")]
        assert set(sent) == {f"reader{n}@example.org" for n in range(500)}  # none lost
        # At least once: only the message in flight at the kill may go twice (core.task_recovery).
        assert len(sent) - len(set(sent)) <= 1


@pytest.fixture
def small_open_session():
    from datetime import datetime

    from defdays.opensession.services import create_open_session

    edition = make_current(EditionFactory(year=2013))
    session = create_open_session(
        edition,
        title="Open session",
        description="",
        place="Stockholm",
        seats=40,
        starts_at=datetime(2013, 4, 4, 13, tzinfo=UTC),
        ends_at=datetime(2013, 4, 4, 15, tzinfo=UTC),
    )
    connection.close()
    return session


def test_a_web_node_killed_during_the_surge_oversells_nothing(small_open_session):
    from concurrent.futures import ThreadPoolExecutor

    from defdays.core.crypto import email_index
    from defdays.opensession.models import Booking
    from defdays.seats.capacity import counts

    people = 120
    with Stack(_database_url(), KEYS, DEFDAYS_SIGNUP_LIMIT_PER_HOUR="1000000") as stack:
        browsers = [Browser(stack.port) for _n in range(people)]

        def sign_up(n: int) -> int:
            return (
                browsers[n]
                .post_form(
                    "/2013/open-session/",
                    {
                        "session": small_open_session.pk,
                        "name": f"Guest {n}",
                        "email": f"guest{n}@example.org",
                        "language": "en",
                    },
                )
                .status
            )

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert set(pool.map(sign_up, range(people))) == {302}
        # The form only queues the request; the worker records the booking and mails the link.
        _wait(lambda: Booking.objects.count() >= people, 120, "the worker to record every sign-up")
        # What each person finds in their email: the link, read sealed from the database.
        by_index = {b.email_index: b for b in Booking.objects.select_related("data_key")}
        links = [
            f"/2013/open-session/booking/{by_index[email_index(f'guest{n}@example.org')].manage_token}/"
            for n in range(people)
        ]
        connection.close()
        tokens = [browsers[n].token(links[n]) for n in range(people)]
        victim = stack.nodes[0][0]

        def confirm(n: int) -> int:
            if n == people // 3:
                stack.kill(victim)  # kill -9 one node in the middle of the surge
            return browsers[n].post(links[n], {"action": "confirm"}, tokens[n]).status

        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(confirm, range(people)))
        failed = [n for n, status in enumerate(statuses) if status >= 500]
        # Only requests in flight on the killed node may fail: at most one per connection of the surge.
        assert len(failed) <= 8, statuses
        assert set(statuses) - {302, 502, 503} == set(), statuses
        for n in failed:  # the person presses again; the other node answers
            assert browsers[n].post(links[n], {"action": "confirm"}, tokens[n]).status == 302
    c = counts(small_open_session.capacity_id)
    assert (c.confirmed, c.waitlisted) == (40, people - 40)  # 0 oversell, nobody lost
