"""Seats and waitlists, built once: the open session and training seats count through here (and so should any
later countable thing, such as hotel blocks).

Models (in seats/models.py, re-exported here)
    Capacity(label, total)            one countable thing with `total` seats ("Open session 2013", "Training: ...").
    Seat(capacity, holder, status)    one holder's claim on it. `holder` is a key string naming who holds the
                                      seat, chosen by the calling app: "booking:<uuid>", "user:<id>", ...
                                      One Seat per (capacity, holder), whatever its status.
    SeatStatus                        CONFIRMED, WAITLISTED, CANCELLED.
    Waitlist order is Seat.queued_at (then id): when the holder last joined the queue.

Service functions (each runs in one transaction holding a row lock on the Capacity row; call them inside your
own transaction.atomic() to make them part of a larger write, e.g. creating the booking that holds the seat. They
open no savepoint of their own; CapacityError and CapacityFull are raised before anything is written, so a caller
may catch them and carry on in its transaction):

    lock(capacity) -> Capacity
        Lock the Capacity row for the rest of the current transaction and return it fresh. Call it first when you
        must check something of your own (e.g. "is this email already booked?") before claiming, so that check is
        serialised with every other claim on the same capacity.
    claim(capacity, holder, *, waitlist=True) -> Seat
        Confirmed when a seat is free, else waitlisted (or CapacityFull raised when waitlist=False).
        Idempotent per holder: claiming again returns the existing active seat unchanged. A holder whose seat was
        cancelled claims again like a newcomer (back of the queue). `seat.is_new_claim` tells the caller whether
        this call changed anything (send the confirmation email only then).
    release(capacity, holder) -> Seat | None
        Cancel the holder's seat and, if it was confirmed, promote the first waitlisted holder. Returns the
        promoted Seat (to email that person), or None. Releasing an unknown or already cancelled holder is a no-op.
    change_total(capacity, total) -> list[Seat]
        Set the number of seats. Raising it promotes waitlisted holders in order and returns them. It cannot go
        below the number of confirmed seats (CapacityError): nobody loses a confirmed seat silently.
    counts(capacity) -> Counts(total, confirmed, waitlisted, cancelled, free)
    seat_of(capacity, holder) -> Seat | None
    waitlist_position(seat) -> int | None     1 for the first in line; None when not waitlisted.

Why the lock: two requests that both see "one seat left" must not both take it. Every claim and release locks the
Capacity row (SELECT ... FOR UPDATE), counts after the lock, then writes; the lock is held until commit, so the next
claimer counts what the previous one wrote. On SQLite (tests, demo) the database serialises writers itself.
settings.DEFDAYS_CAPACITY_LOCKING = False turns the lock off: only the control test does that, to prove the
concurrency test catches an oversell. `race_hooks.after_count`, when a test sets it, runs between the count and the
write, so that test can make every thread count before any writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from defdays.seats.models import Capacity, Seat, SeatStatus

__all__ = [
    "Capacity",
    "Seat",
    "SeatStatus",
    "Counts",
    "CapacityError",
    "CapacityFull",
    "lock",
    "claim",
    "release",
    "change_total",
    "counts",
    "counts_of_many",
    "seat_of",
    "waitlist_position",
]


@dataclass(frozen=True)
class Counts:
    total: int
    confirmed: int
    waitlisted: int
    cancelled: int

    @property
    def free(self) -> int:
        return max(self.total - self.confirmed, 0)


class CapacityError(ValueError):
    """A change the capacity cannot take (e.g. fewer seats than confirmed holders)."""


class CapacityFull(CapacityError):
    """claim(..., waitlist=False) when no seat is free."""


class _RaceHooks:
    """Test-only: a callable run between counting and writing in claim(). None in normal operation."""

    after_count = None


race_hooks = _RaceHooks()


def _pk(capacity) -> int:
    return capacity.pk if isinstance(capacity, Capacity) else int(capacity)


def lock(capacity) -> Capacity:
    """Lock the Capacity row until the end of the current transaction (must be inside transaction.atomic)."""
    queryset = Capacity.objects.all()
    if settings.DEFDAYS_CAPACITY_LOCKING:
        queryset = queryset.select_for_update()
    return queryset.get(pk=_pk(capacity))


def _confirmed_count(capacity_pk: int) -> int:
    return Seat.objects.filter(capacity_id=capacity_pk, status=SeatStatus.CONFIRMED).count()


def claim(capacity, holder: str, *, waitlist: bool = True) -> Seat:
    if not holder or len(holder) > 100:
        raise CapacityError("A holder key of 1 to 100 characters is required.")
    # No savepoint: nothing in here is meant to be caught and retried, and each round trip is time under the lock.
    with transaction.atomic(savepoint=False):
        locked = lock(capacity)
        seat = Seat.objects.filter(capacity=locked, holder=holder).first()
        if seat is not None and seat.status != SeatStatus.CANCELLED:
            seat.is_new_claim = False
            return seat
        free = _confirmed_count(locked.pk) < locked.total
        if race_hooks.after_count is not None:
            race_hooks.after_count()
        if free or waitlist:
            status = SeatStatus.CONFIRMED if free else SeatStatus.WAITLISTED
            now = timezone.now()
            if seat is None:
                seat = Seat.objects.create(capacity=locked, holder=holder, status=status, queued_at=now, changed_at=now)
            else:  # a cancelled holder comes back: a fresh place in the queue
                seat.status, seat.queued_at, seat.changed_at = status, now, now
                seat.save(update_fields=["status", "queued_at", "changed_at"])
            seat.is_new_claim = True
            return seat
    # Raised outside the atomic block, so a caller that catches it can go on with its transaction.
    raise CapacityFull("No seat is free.")


def _promote(locked: Capacity) -> list[Seat]:
    """Fill free seats from the head of the waitlist; the caller holds the lock."""
    free = locked.total - _confirmed_count(locked.pk)
    if free <= 0:
        return []
    promoted = list(
        Seat.objects.filter(capacity=locked, status=SeatStatus.WAITLISTED).order_by("queued_at", "id")[:free]
    )
    now = timezone.now()
    for seat in promoted:
        seat.status, seat.changed_at = SeatStatus.CONFIRMED, now
        seat.save(update_fields=["status", "changed_at"])
    return promoted


def release(capacity, holder: str) -> Seat | None:
    with transaction.atomic(savepoint=False):
        locked = lock(capacity)
        seat = Seat.objects.filter(capacity=locked, holder=holder).exclude(status=SeatStatus.CANCELLED).first()
        if seat is None:
            return None
        was_confirmed = seat.status == SeatStatus.CONFIRMED
        seat.status, seat.changed_at = SeatStatus.CANCELLED, timezone.now()
        seat.save(update_fields=["status", "changed_at"])
        if not was_confirmed:
            return None
        promoted = _promote(locked)
        return promoted[0] if promoted else None


def change_total(capacity, total: int) -> list[Seat]:
    if total < 0:
        raise CapacityError("The number of seats cannot be negative.")
    with transaction.atomic(savepoint=False):
        locked = lock(capacity)
        confirmed = _confirmed_count(locked.pk)
        too_low = total < confirmed
        if not too_low:
            locked.total = total
            locked.save(update_fields=["total"])
            if isinstance(capacity, Capacity):
                capacity.total = total
            return _promote(locked)
    raise CapacityError(f"{confirmed} seats are confirmed; the total cannot be lower.")


def counts(capacity) -> Counts:
    capacity_pk = _pk(capacity)
    total = Capacity.objects.values_list("total", flat=True).get(pk=capacity_pk)  # fresh, not a stale instance
    by_status = dict(Seat.objects.filter(capacity_id=capacity_pk).values_list("status").annotate(n=models.Count("id")))
    return Counts(
        total=total,
        confirmed=by_status.get(SeatStatus.CONFIRMED, 0),
        waitlisted=by_status.get(SeatStatus.WAITLISTED, 0),
        cancelled=by_status.get(SeatStatus.CANCELLED, 0),
    )


def counts_of_many(capacity_ids) -> dict[int, Counts]:
    """{capacity id: Counts} for many capacities in one statement: a page listing sessions costs the same for one
    or for fifty. Plain SQL: public pages run it on every request, and compiling the ORM's version of it cost
    several times more than running it."""
    ids = [int(pk) for pk in capacity_ids]
    if not ids:
        return {}
    capacity, seat = (connection.ops.quote_name(m._meta.db_table) for m in (Capacity, Seat))
    placeholders = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT c.id, c.total, "
        f"COALESCE(SUM(CASE WHEN s.status = %s THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN s.status = %s THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN s.status = %s THEN 1 ELSE 0 END), 0) "
        f"FROM {capacity} c LEFT JOIN {seat} s ON s.capacity_id = c.id "
        f"WHERE c.id IN ({placeholders}) GROUP BY c.id, c.total"
    )
    statuses = [SeatStatus.CONFIRMED.value, SeatStatus.WAITLISTED.value, SeatStatus.CANCELLED.value]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*statuses, *ids])
        return {pk: Counts(total, int(c), int(w), int(x)) for pk, total, c, w, x in cursor.fetchall()}


def seat_of(capacity, holder: str) -> Seat | None:
    return Seat.objects.filter(capacity_id=_pk(capacity), holder=holder).first()


def waitlist_position(seat: Seat) -> int | None:
    if seat is None or seat.status != SeatStatus.WAITLISTED:
        return None
    ahead = Seat.objects.filter(capacity_id=seat.capacity_id, status=SeatStatus.WAITLISTED).filter(
        models.Q(queued_at__lt=seat.queued_at) | models.Q(queued_at=seat.queued_at, id__lt=seat.id)
    )
    return ahead.count() + 1
