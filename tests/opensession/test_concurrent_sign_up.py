"""Many people sign up at once, and confirm at once for the last seats (PostgreSQL, threads with real connections).

The public form only records pending bookings (double opt-in); the race for seats is at confirmation.
"""

import functools
import time

import pytest

from defdays.core.crypto import email_index
from defdays.opensession import services
from defdays.opensession.models import PENDING, Booking, OpenSession
from defdays.seats import capacity
from defdays.seats.capacity import SeatStatus, counts
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 12


def _fire(call, args):
    def attempt(arg):
        call(arg)
        return "done"

    return at_once(*(functools.partial(attempt, arg) for arg in args))


@pytest.fixture
def widened_window():
    capacity.race_hooks.after_count = lambda: time.sleep(0.02)
    yield
    capacity.race_hooks.after_count = None


def _sign_up(email):
    session = OpenSession.objects.select_related("edition").get()
    services.sign_up(session, name="Guest", email=email, language="en", base_url="http://testserver/")


def _confirm(pk):
    # Each request loads its own booking, as the manage view does.
    services.confirm(Booking.objects.select_related("data_key").get(pk=pk), base_url="http://testserver/")


def test_simultaneous_confirmations_fill_exactly_the_seats(open_session, widened_window):
    services.sign_up(open_session, name="Early", email="early@example.org", language="en", base_url="")
    _confirm(Booking.objects.get().pk)
    assert _fire(_sign_up, [f"guest{n}@example.org" for n in range(THREADS)]) == ["done"] * THREADS
    assert counts(open_session.capacity_id).confirmed == 1  # the form itself takes no seat
    pending = list(Booking.objects.exclude(email_index=email_index("early@example.org")).values_list("pk", flat=True))
    assert len(pending) == THREADS
    assert _fire(_confirm, pending) == ["done"] * THREADS
    c = counts(open_session.capacity_id)
    assert c.confirmed == 2 and c.waitlisted == THREADS - 1
    assert Booking.objects.count() == THREADS + 1


def test_the_same_address_from_many_requests_at_once_makes_one_booking(open_session, widened_window):
    assert _fire(_sign_up, ["same@example.org"] * 8) == ["done"] * 8
    assert Booking.objects.count() == 1
    booking = Booking.objects.get()
    assert booking.status == PENDING
    assert _fire(_confirm, [booking.pk] * 8) == ["done"] * 8
    assert Booking.objects.get().status == SeatStatus.CONFIRMED
    assert counts(open_session.capacity_id).confirmed == 1
