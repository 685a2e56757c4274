"""No overbooking under concurrency (PostgreSQL, real connections in threads).

The control test turns the row lock off and makes every thread count before any writes: it must oversell, which
shows the first test would notice a missing lock.
"""

import threading
import time

import pytest
from django.db import connection

from defdays.seats import capacity
from defdays.seats.capacity import Capacity, Seat, SeatStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 16
TOTAL = 10
ALREADY_TAKEN = 7  # the race is for the last three seats


def _race(cap, start, errors):
    def worker(n):
        try:
            start.wait(timeout=30)
            capacity.claim(cap.pk, f"user:{n}")
        except Exception as exc:  # collected and asserted: a thread must not fail silently
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)


def _capacity_with_last_seats():
    cap = Capacity.objects.create(label="Open session", total=TOTAL)
    for n in range(ALREADY_TAKEN):
        capacity.claim(cap, f"early:{n}")
    return cap


@pytest.fixture
def hook():
    yield capacity.race_hooks
    capacity.race_hooks.after_count = None


def test_simultaneous_claims_never_oversell(hook):
    cap = _capacity_with_last_seats()
    # Widen the window between counting and writing: without the lock, every claim would see free seats.
    hook.after_count = lambda: time.sleep(0.02)
    errors = []
    _race(cap, threading.Barrier(THREADS), errors)
    assert errors == []
    c = capacity.counts(cap)
    assert c.confirmed == TOTAL
    assert c.waitlisted == ALREADY_TAKEN + THREADS - TOTAL
    holders = list(Seat.objects.filter(capacity=cap).values_list("holder", flat=True))
    assert len(holders) == len(set(holders)) == ALREADY_TAKEN + THREADS


def test_control_without_the_lock_oversells(hook, settings):
    settings.DEFDAYS_CAPACITY_LOCKING = False
    cap = _capacity_with_last_seats()
    counted = threading.Barrier(THREADS)
    hook.after_count = lambda: counted.wait(timeout=30)  # everyone has counted before anyone writes
    errors = []
    _race(cap, threading.Barrier(THREADS), errors)
    assert errors == []
    confirmed = Seat.objects.filter(capacity=cap, status=SeatStatus.CONFIRMED).count()
    assert confirmed > TOTAL  # the oversell the lock prevents
