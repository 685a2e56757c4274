"""The capacity mechanism on any database: confirmed until full, then the waitlist, promotion in order."""

import pytest

from defdays.seats import capacity
from defdays.seats.capacity import Capacity, CapacityError, CapacityFull, SeatStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def seats():
    return Capacity.objects.create(label="Training: digital security", total=2)


def test_claims_confirm_until_full_then_waitlist(seats):
    statuses = [capacity.claim(seats, f"user:{n}").status for n in range(4)]
    assert statuses == [SeatStatus.CONFIRMED, SeatStatus.CONFIRMED, SeatStatus.WAITLISTED, SeatStatus.WAITLISTED]
    c = capacity.counts(seats)
    assert (c.total, c.confirmed, c.waitlisted, c.cancelled, c.free) == (2, 2, 2, 0, 0)


def test_claiming_twice_returns_the_same_seat(seats):
    first = capacity.claim(seats, "user:1")
    again = capacity.claim(seats, "user:1")
    assert again.pk == first.pk and first.is_new_claim and not again.is_new_claim
    assert capacity.counts(seats).confirmed == 1


def test_release_promotes_the_first_in_line(seats):
    for n in range(5):
        capacity.claim(seats, f"user:{n}")
    promoted = capacity.release(seats, "user:0")
    assert promoted.holder == "user:2" and promoted.status == SeatStatus.CONFIRMED
    assert capacity.seat_of(seats, "user:0").status == SeatStatus.CANCELLED
    assert capacity.waitlist_position(capacity.seat_of(seats, "user:4")) == 2
    c = capacity.counts(seats)
    assert (c.confirmed, c.waitlisted, c.cancelled) == (2, 2, 1)


def test_releasing_a_waitlisted_or_unknown_holder_promotes_nobody(seats):
    for n in range(4):
        capacity.claim(seats, f"user:{n}")
    assert capacity.release(seats, "user:2") is None
    assert capacity.release(seats, "user:99") is None
    assert capacity.release(seats, "user:2") is None  # twice: a no-op
    assert capacity.seat_of(seats, "user:3").status == SeatStatus.WAITLISTED
    assert capacity.waitlist_position(capacity.seat_of(seats, "user:3")) == 1


def test_a_cancelled_holder_who_comes_back_joins_the_end_of_the_queue(seats):
    for n in range(4):
        capacity.claim(seats, f"user:{n}")
    capacity.release(seats, "user:0")  # user:2 moves up
    back = capacity.claim(seats, "user:0")
    assert back.is_new_claim and back.status == SeatStatus.WAITLISTED
    assert capacity.waitlist_position(back) == 2  # behind user:3


def test_more_seats_promote_the_waitlist_in_order(seats):
    for n in range(5):
        capacity.claim(seats, f"user:{n}")
    promoted = capacity.change_total(seats, 4)
    assert [seat.holder for seat in promoted] == ["user:2", "user:3"]
    assert capacity.counts(seats).confirmed == 4 and seats.total == 4


def test_the_total_cannot_drop_below_confirmed_seats(seats):
    capacity.claim(seats, "user:1")
    capacity.claim(seats, "user:2")
    with pytest.raises(CapacityError):
        capacity.change_total(seats, 1)
    with pytest.raises(CapacityError):
        capacity.change_total(seats, -1)
    assert Capacity.objects.get(pk=seats.pk).total == 2
    assert capacity.change_total(seats, 2) == []


def test_without_waitlist_a_full_capacity_refuses(seats):
    capacity.claim(seats, "user:1", waitlist=False)
    capacity.claim(seats, "user:2", waitlist=False)
    with pytest.raises(CapacityFull):
        capacity.claim(seats, "user:3", waitlist=False)
    assert capacity.seat_of(seats, "user:3") is None


def test_a_holder_key_is_required(seats):
    with pytest.raises(CapacityError):
        capacity.claim(seats, "")


def test_capacity_models_classify_every_field():
    from defdays.seats.capacity import Seat

    for model in (Capacity, Seat):
        assert {f.name for f in model._meta.concrete_fields} == set(model.SENSITIVITY)
