"""Many people sign up at once for the last seats (PostgreSQL, threads with real connections)."""

import threading
import time

import pytest
from django.db import connection

from defdays.core import capacity
from defdays.core.capacity import SeatStatus, counts
from defdays.opensession import services
from defdays.opensession.models import Booking

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 12


def _fire(open_session, emails):
    start = threading.Barrier(len(emails))
    errors = []

    def worker(email):
        try:
            start.wait(timeout=30)
            services.sign_up(open_session, name="Guest", email=email, language="en", base_url="http://testserver/")
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(email,)) for email in emails]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.fixture
def widened_window():
    capacity.race_hooks.after_count = lambda: time.sleep(0.02)
    yield
    capacity.race_hooks.after_count = None


def test_simultaneous_sign_ups_fill_exactly_the_seats(open_session, widened_window):
    services.sign_up(open_session, name="Early", email="early@example.org", language="en", base_url="")
    errors = _fire(open_session, [f"guest{n}@example.org" for n in range(THREADS)])
    assert errors == []
    c = counts(open_session.capacity_id)
    assert c.confirmed == 2 and c.waitlisted == THREADS - 1
    assert Booking.objects.count() == THREADS + 1


def test_the_same_address_from_many_requests_at_once_makes_one_booking(open_session, widened_window):
    errors = _fire(open_session, ["same@example.org"] * 8)
    assert errors == []
    assert Booking.objects.count() == 1
    assert Booking.objects.get().status == SeatStatus.CONFIRMED
    assert counts(open_session.capacity_id).confirmed == 1
