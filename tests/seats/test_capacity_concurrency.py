"""No overbooking under concurrency (PostgreSQL, real connections in threads).

The control test turns the row lock off and makes every thread count before any writes: it must oversell, which
shows the first test would notice a missing lock.
"""

import functools
import threading
import time

import pytest

from defdays.seats import capacity
from defdays.seats.capacity import Capacity, Seat, SeatStatus
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 16
TOTAL = 10
ALREADY_TAKEN = 7  # the race is for the last three seats


def _race(cap):
    def claim(n):
        capacity.claim(cap.pk, f"user:{n}")
        return "claimed"

    return at_once(*(functools.partial(claim, n) for n in range(THREADS)))


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
    assert _race(cap) == ["claimed"] * THREADS
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
    assert _race(cap) == ["claimed"] * THREADS
    confirmed = Seat.objects.filter(capacity=cap, status=SeatStatus.CONFIRMED).count()
    assert confirmed > TOTAL  # the oversell the lock prevents
