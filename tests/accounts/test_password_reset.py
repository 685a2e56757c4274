"""A reset request tells nobody whether the address has an account: same work, limits, one email per period."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from defdays.accounts.tasks import send_password_reset
from defdays.audit.models import AuditEvent
from defdays.mail.outbox import OutgoingEmail
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
_VALUES = re.compile(r"'[^']*'|\b\d+(\.\d+)?\b")


def _shape(queries) -> list[str]:
    """The statements without their values: which tables were read and written, in which order."""
    return [_VALUES.sub("?", query["sql"]) for query in queries]


def _rows():
    return DBTaskResult.objects.count(), OutgoingEmail.objects.count(), AuditEvent.objects.count()


def _post(client, email, **extra):
    return client.post(reverse("accounts:password_reset"), {"email": email}, **extra)


@override_settings(TASKS=DB_TASKS)
def test_the_request_does_the_same_work_for_an_account_and_for_nobody(client, make_user, edition):
    make_user("organiser", edition=edition, email="staff@example.org")
    _post(client, "warm-up@example.org")  # first-request work (sessions, caches) out of the comparison
    shapes, writes = [], []
    for email in ("staff@example.org", "nobody@example.org"):
        before = _rows()
        with CaptureQueriesContext(connection) as queries:
            response = _post(client, email)
        shapes.append(_shape(queries.captured_queries))
        writes.append(tuple(after - start for after, start in zip(_rows(), before)))
        assert response.status_code == 200
    assert shapes[0] == shapes[1]
    assert writes == [(1, 0, 0), (1, 0, 0)]  # one task row each, nothing else
    assert mail.outbox == []
    for row in DBTaskResult.objects.all():
        assert "@" not in str(row.args_kwargs)  # the task holds a keyed index, never the address


@override_settings(TASKS=DB_TASKS)
def test_the_worker_sends_for_an_account_and_does_nothing_for_nobody(client, make_user, edition):
    make_user("defender", edition=edition, email="known@example.org")
    _post(client, "known@example.org")
    _post(client, "unknown@example.org")
    results = [
        send_password_reset.call(**row.args_kwargs["kwargs"]) for row in DBTaskResult.objects.order_by("enqueued_at")
    ]
    assert results == [True, False]
    assert OutgoingEmail.objects.count() == 1
    assert AuditEvent.objects.filter(action="password.reset_requested").count() == 1


def test_at_most_one_email_per_address_per_period(client, make_user, edition):
    make_user("defender", edition=edition, email="target@example.org")
    for _ in range(3):
        assert _post(client, "target@example.org").status_code == 200
    assert len(mail.outbox) == 1
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        _post(client, "target@example.org")
    assert len(mail.outbox) == 2
    assert [m.to for m in mail.outbox] == [["target@example.org"]] * 2


def test_requests_are_limited_per_address_and_per_network(client, edition):
    statuses = [_post(client, "probe@example.org", REMOTE_ADDR="198.51.100.7").status_code for _ in range(6)]
    assert statuses == [200] * 5 + [429]
    page = _post(client, "probe@example.org", REMOTE_ADDR="203.0.113.5")
    assert page.status_code == 429 and "Nothing was sent" in page.content.decode()
    # One network probing many addresses.
    statuses = [_post(client, f"p{n}@example.org", REMOTE_ADDR="192.0.2.1").status_code for n in range(21)]
    assert statuses == [200] * 20 + [429]
    assert _post(client, "p0@example.org", REMOTE_ADDR="192.0.2.99").status_code == 429  # same /24
    assert _post(client, "fresh@example.org", REMOTE_ADDR="203.0.113.5").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_email(make_user, edition):
    """Two queued requests for one account picked up by two workers at the same moment: one email."""
    from defdays.accounts import password_reset
    from defdays.core.crypto import email_index

    make_user("defender", edition=edition, email="race@example.org")

    def worker():
        return password_reset.password_reset_send(index=email_index("race@example.org"), base_url="")

    assert sorted(at_once(worker, times=4), key=str) == [False, False, False, True]
    assert len(mail.outbox) == 1
