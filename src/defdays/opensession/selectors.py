"""Open-session reads. The public sees sessions and seat counts, never bookings; organisers see bookings, minus
those whose address belongs to a hidden (or erased) account."""

from __future__ import annotations

import re

from defdays.accounts import visibility
from defdays.accounts.models import User
from defdays.core.capacity import Seat, SeatStatus, counts
from defdays.opensession.models import Booking, OpenSession, hash_token

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
    return (Booking.objects.filter(token_hash=hash_token(token), open_session__edition=edition, purged_at__isnull=True)
            .select_related("open_session__edition", "open_session__capacity", "data_key").first())


def _unlisted_email_indexes():
    return User.objects.filter(visibility.unlisted_q()).values("email_index")


def bookings_for_organisers(open_session: OpenSession, status: str | None = None) -> list[Booking]:
    """Bookings in sign-up order with their seats attached; people who chose "hide me" are left out."""
    bookings = list(
        Booking.objects.filter(open_session=open_session, purged_at__isnull=True)
        .exclude(email_index__in=_unlisted_email_indexes())
        .select_related("data_key")
    )
    seats = {seat.holder: seat for seat in Seat.objects.filter(capacity_id=open_session.capacity_id)}
    for booking in bookings:
        booking.open_session = open_session
        booking._seat = seats.get(booking.holder)
    if status:
        bookings = [booking for booking in bookings if booking.status == status]
    return bookings


def seat_summary(open_session: OpenSession) -> dict:
    """What the public page shows: seats left, or that only the waitlist remains."""
    c = counts(open_session.capacity_id)
    return {"counts": c, "free": c.free, "waitlist_only": c.free == 0}


def bookings_of_email_index(index: str):
    return Booking.objects.filter(email_index=index).select_related("open_session__edition", "data_key")


STATUSES = [SeatStatus.CONFIRMED, SeatStatus.WAITLISTED, SeatStatus.CANCELLED]
