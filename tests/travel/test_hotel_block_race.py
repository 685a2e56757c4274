"""Two travel team members giving out the last rooms of a block at once never fill it past its size
(PostgreSQL, real connections in threads). The control run turns the capacity lock off and makes every thread
count before any writes: it must overfill, which shows the first test would notice a missing lock."""

import functools
import threading

import pytest

from defdays.registration.models import Participation, ParticipationStatus
from defdays.seats import capacity
from defdays.travel import services
from defdays.travel.models import Itinerary
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8
ROOMS = 3


def _setup(make_user, edition):
    people = []
    for n in range(THREADS):
        person = make_user("defender", edition=edition, email=f"p{n}@example.org")
        Participation.objects.create(
            user=person, edition=edition, role="defender", data_key=person.data_key, status=ParticipationStatus.APPROVED
        )
        people.append(person)
    block = services.hotel_block_create(edition=edition, name="Race hotel", address="", rooms=ROOMS, actor=None)
    return people, block


def _race(edition, people, block):
    def worker(person):
        try:
            services.itinerary_save(
                edition=edition, user=person, arrival=None, departure=None, hotel_block=block, room="", actor=None
            )
            return "ok"
        except services.TravelError:
            return "full"

    return at_once(*(functools.partial(worker, person) for person in people))


@pytest.fixture
def hook():
    yield capacity.race_hooks
    capacity.race_hooks.after_count = None


def test_simultaneous_assignments_never_overfill_a_block(make_user, edition, hook):
    people, block = _setup(make_user, edition)
    outcomes = _race(edition, people, block)
    assert sorted(outcomes) == ["full"] * (THREADS - ROOMS) + ["ok"] * ROOMS
    assert Itinerary.objects.filter(hotel_block=block).count() == ROOMS
    assert capacity.counts(block.capacity_id).confirmed == ROOMS


def test_control_without_the_lock_overfills(make_user, edition, hook, settings):
    settings.DEFDAYS_CAPACITY_LOCKING = False
    people, block = _setup(make_user, edition)
    counted = threading.Barrier(THREADS)
    hook.after_count = lambda: counted.wait(timeout=30)
    _race(edition, people, block)
    assert capacity.counts(block.capacity_id).confirmed > ROOMS
