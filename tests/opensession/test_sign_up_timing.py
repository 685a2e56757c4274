"""The public form does the same work for a new, a pending, a booked and a just-mailed address; the worker acts."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from defdays.core.crypto import email_index
from defdays.core.models import DataKey
from defdays.mail.outbox import OutgoingEmail
from defdays.opensession import services
from defdays.opensession.models import PENDING, Booking
from defdays.opensession.tasks import sign_up_from_request
from defdays.seats.capacity import SeatStatus

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
_VALUES = re.compile(r"'[^']*'|\"s\d+_x\d+\"|\b\d+(\.\d+)?\b")  # values and savepoint names
ADDRESSES = ("new@example.org", "pending@example.org", "booked@example.org", "just-mailed@example.org")


def _shape(queries) -> list[str]:
    return [_VALUES.sub("?", query["sql"]) for query in queries]


def _rows():
    return (
        DBTaskResult.objects.count(),
        DataKey.objects.count(),
        OutgoingEmail.objects.count(),
        Booking.objects.count(),
        tuple(Booking.objects.order_by("pk").values_list("link_sent_at", "language", "name_enc", "token_hash")),
    )


@pytest.fixture
def bookings(open_session):
    """A pending and a booked address mailed long ago, and one mailed a minute ago."""

    def make(email):
        return services.sign_up(open_session, name="Someone", email=email, language="en", base_url="").booking

    make("pending@example.org")
    services.confirm(make("booked@example.org"), base_url="")
    Booking.objects.update(link_sent_at=timezone.now() - timedelta(hours=1))
    make("just-mailed@example.org")
    mail.outbox.clear()


def _post(client, open_session, email):
    return client.post(
        "/2013/open-session/", {"session": open_session.pk, "name": "Probe", "email": email, "language": "sv"}
    )


@override_settings(TASKS=DB_TASKS)
def test_the_form_does_the_same_work_for_every_kind_of_address(client, open_session, bookings):
    _post(client, open_session, "warm-up@example.org")  # first-request work (sessions, caches) out of the comparison
    shapes = []
    for email in ADDRESSES:
        tasks, keys, outbox, count, state = _rows()
        with CaptureQueriesContext(connection) as queries:
            response = _post(client, open_session, email)
        assert response.status_code == 302
        shapes.append(_shape(queries.captured_queries))
        after = _rows()
        assert after[:4] == (tasks + 1, keys + 1, outbox, count)  # one task and its key; nothing else
        assert after[4] == state  # no booking touched
    assert shapes[0] == shapes[1] == shapes[2] == shapes[3]
    assert mail.outbox == []
    for row in DBTaskResult.objects.all():
        assert "example" not in str(row.args_kwargs) and "Probe" not in str(row.args_kwargs)  # sealed


@override_settings(TASKS=DB_TASKS)
def test_the_worker_books_or_sends_the_neutral_email_or_nothing(client, open_session, bookings):
    before = Booking.objects.count(), OutgoingEmail.objects.count()
    for email in ADDRESSES:
        _post(client, open_session, email)
    requests = [row.args_kwargs["kwargs"] for row in DBTaskResult.objects.order_by("enqueued_at")]
    results = [sign_up_from_request.call(**kwargs) for kwargs in requests]
    assert results == [True, True, True, False]  # new: the link; pending, booked: the neutral email; just mailed
    new = Booking.objects.get(email_index=email_index("new@example.org"))
    assert new.status == PENDING and new.name == "Probe" and new.language == "sv"
    booked = Booking.objects.get(email_index=email_index("booked@example.org"))
    assert booked.status == SeatStatus.CONFIRMED and booked.name == "Someone"
    # The new booking keeps its request's key; the other three keys are gone, and their sealed values with them.
    kept = {
        str(pk) for pk in DataKey.objects.filter(pk__in=[r["key_id"] for r in requests]).values_list("pk", flat=True)
    }
    assert kept == {str(new.data_key_id)} == {requests[0]["key_id"]}
    assert (Booking.objects.count(), OutgoingEmail.objects.count()) == (before[0] + 1, before[1] + 3)


def test_the_immediate_backend_books_from_the_form(client, open_session):
    assert _post(client, open_session, "ada@example.org").status_code == 302
    assert Booking.objects.get(email_index=email_index("ada@example.org")).status == PENDING
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
