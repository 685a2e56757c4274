"""Open-session reads. The public sees sessions and how full they are (coarsely), never bookings; organisers see
confirmed bookings, minus those whose address belongs to a hidden (or erased) account."""

from __future__ import annotations

import hashlib
import re

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from defdays.accounts import visibility
from defdays.accounts.models import User
from defdays.core.crypto import email_index
from defdays.opensession.models import Booking, OpenSession, hash_token
from defdays.seats.capacity import Counts, SeatStatus, counts, counts_of_many
from defdays.seats.models import Capacity, Seat

# secrets.token_urlsafe(32): 43 characters of the URL-safe alphabet. Anything else is refused before any lookup.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def sessions_of(edition):
    return OpenSession.objects.filter(edition=edition).select_related("capacity", "edition")


def session_in(edition, pk) -> OpenSession | None:
    if not str(pk).isdigit():
        return None
    return sessions_of(edition).filter(pk=int(pk)).first()


def booking_by_token(edition, token: str) -> Booking | None:
    """The booking a manage link opens, or None for a malformed, forged, replaced or purged token."""
    if not TOKEN_SHAPE.fullmatch(token or ""):
        return None
    return (
        Booking.objects.filter(token_hash=hash_token(token), open_session__edition=edition, purged_at__isnull=True)
        .select_related("open_session__edition", "open_session__capacity", "data_key")
        .first()
    )


def _unlisted_email_indexes():
    return User.objects.filter(visibility.unlisted_q()).values("email_index")


def bookings_for_organisers(open_session: OpenSession, status: str | None = None, email: str = "") -> list[Booking]:
    """Bookings in sign-up order with their seats attached; people who chose "hide me" are left out. `email`, a
    whole address, finds its booking by the keyed index (names and addresses are sealed)."""
    seats = {seat.holder: seat for seat in Seat.objects.filter(capacity_id=open_session.capacity_id)}
    rows = Booking.objects.filter(open_session=open_session, purged_at__isnull=True)
    if email:
        rows = rows.filter(email_index=email_index(email))
    bookings = list(rows.exclude(email_index__in=_unlisted_email_indexes()).select_related("data_key"))
    # A pending booking was typed into the public form by someone, perhaps not the address's owner, and holds no
    # seat: not a booking until its owner confirms it, so organisers neither see nor export it.
    bookings = [booking for booking in bookings if booking.holder in seats]
    for booking in bookings:
        booking.open_session = open_session
        booking._seat = seats[booking.holder]
    if status:
        bookings = [booking for booking in bookings if booking.status == status]
    return bookings


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Places available")
    FEW = "few", _("Few places left")
    FULL = "full", _("Full: join the waitlist")


def few_left_threshold(total: int) -> int:
    return max(5, total // 10)


def band(c) -> Availability:
    if c.free == 0:
        return Availability.FULL
    return Availability.FEW if c.free <= few_left_threshold(c.total) else Availability.AVAILABLE


def sessions_with_availability(edition) -> list[tuple[OpenSession, Availability]]:
    """The edition's open sessions with their bands: two queries however many sessions there are."""
    sessions = list(sessions_of(edition))
    by_capacity = counts_of_many(s.capacity_id for s in sessions)
    return [(s, band(by_capacity[s.capacity_id])) for s in sessions]


def public_page_state(edition) -> str:
    """A digest of everything the public page shows: every field of each open session and its band.

    One plain SQL statement on every anonymous request (the page itself comes from core.page_cache): organisers'
    edits change the fields, sign-ups change the band only at its thresholds, and neither bumps the generation.
    """
    columns = ", ".join(f"o.{connection.ops.quote_name(f.column)}" for f in OpenSession._meta.concrete_fields)
    session_table, capacity_table, seat_table = (
        connection.ops.quote_name(m._meta.db_table) for m in (OpenSession, Capacity, Seat)
    )
    # The count in a subquery: grouping the outer rows by every column (the texts and translations among them)
    # cost the database several times the rest of the statement.
    sql = (
        f"SELECT {columns}, c.total, "
        f"(SELECT COUNT(*) FROM {seat_table} s WHERE s.capacity_id = c.id AND s.status = %s) "
        f"FROM {session_table} o JOIN {capacity_table} c ON c.id = o.capacity_id "
        f"WHERE o.edition_id = %s ORDER BY o.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [SeatStatus.CONFIRMED.value, edition.pk])
        rows = cursor.fetchall()
    state = [(row[:-2], band(Counts(total=row[-2], confirmed=int(row[-1]), waitlisted=0, cancelled=0))) for row in rows]
    return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def availability(open_session: OpenSession) -> Availability:
    """What the public page shows: a band, not a number.

    The anonymous form never claims a seat (double opt-in, see services), so no request a stranger makes moves
    this, new address or booked one. The bands add to that: an exact count would change with every confirmation, and
    a stranger who typed someone's address and then watched the number could time that person's click. A band
    changes twice per session, at thresholds set by the total, not at each seat.
    """
    return band(counts(open_session.capacity_id))


def bookings_of_email_index(index: str):
    return Booking.objects.filter(email_index=index).select_related("open_session__edition", "data_key")


def fill_of(edition) -> list[tuple[OpenSession, object]]:
    """Each open session of the edition with its seat counts (seats.capacity.Counts), in three queries."""
    from defdays.seats.capacity import counts_of_many

    sessions = list(OpenSession.objects.filter(edition=edition).order_by("starts_at", "pk"))
    found = counts_of_many(s.capacity_id for s in sessions)
    return [(s, found[s.capacity_id]) for s in sessions]
