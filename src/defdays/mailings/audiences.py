"""Who an audience is: the one place that turns "approved defenders" or "the waitlist" into recipients.

People with an account are reached through their account (their email, language and key); open-session
bookings through the booking. The visibility rule comes from accounts.visibility only: hidden and erased people
are left out, and `include_hidden` (the safety team's call) brings back the hidden, never the erased.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from defdays.accounts import visibility
from defdays.accounts.models import User
from defdays.core.roles import RoleName
from defdays.mailings.models import Audience
from defdays.opensession.models import Booking, OpenSession
from defdays.programme.models import Session, Speaker
from defdays.registration.models import Participation, ParticipationStatus
from defdays.seats.models import Seat, SeatStatus

CLOSED_PART_LIVE = (ParticipationStatus.REGISTERED, ParticipationStatus.APPROVED, ParticipationStatus.CHECKED_IN)
APPROVED = (ParticipationStatus.APPROVED, ParticipationStatus.CHECKED_IN)


@dataclass(frozen=True)
class Recipients:
    """Ids only: the addresses stay sealed until the worker opens them one by one."""

    user_ids: tuple[int, ...]
    booking_ids: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.user_ids) + len(self.booking_ids)


def user_rule(field: str = "", *, include_hidden: bool = False) -> Q:
    if include_hidden:  # erased accounts are inactive and stay out whatever the safety team says
        return Q(**{f"{field}__is_active" if field else "is_active": True})
    return visibility.listed_q(field)


def trainings_of(edition):
    """Sessions with a seat cap: their seat holders are an audience."""
    return Session.objects.filter(edition=edition, capacity__isnull=False).order_by("start", "title")


def _account_ids(edition, audience: str, training) -> list[int]:
    if audience in (Audience.APPROVED_DEFENDERS, Audience.CLOSED_PART):
        rows = Participation.objects.filter(edition=edition)
        if audience == Audience.APPROVED_DEFENDERS:
            rows = rows.filter(role=RoleName.DEFENDER, status__in=APPROVED)
        else:
            rows = rows.filter(status__in=CLOSED_PART_LIVE)
        return list(rows.values_list("user_id", flat=True))
    if audience == Audience.SPEAKERS:
        return list(
            Speaker.objects.filter(edition=edition, user__isnull=False, session_links__isnull=False)
            .values_list("user_id", flat=True)
            .distinct()
        )
    if audience == Audience.TRAINING:
        if training is None or training.edition_id != edition.pk or training.capacity_id is None:
            return []
        holders = Seat.objects.filter(capacity_id=training.capacity_id, status=SeatStatus.CONFIRMED).values_list(
            "holder", flat=True
        )
        return [int(h.split(":", 1)[1]) for h in holders if h.startswith("user:")]
    return []


def _booking_ids(edition, audience: str, *, include_hidden: bool) -> list[int]:
    status = {Audience.BOOKINGS: SeatStatus.CONFIRMED, Audience.WAITLIST: SeatStatus.WAITLISTED}.get(audience)
    if status is None:
        return []
    capacities = OpenSession.objects.filter(edition=edition).values("capacity_id")
    holders = Seat.objects.filter(capacity_id__in=capacities, status=status).values_list("holder", flat=True)
    uids = [h.split(":", 1)[1] for h in holders if h.startswith("booking:")]
    # A booking whose address belongs to a hidden (or erased) account is that person's: left out like them.
    left_out = User.objects.exclude(user_rule(include_hidden=include_hidden)).values("email_index")
    return list(
        Booking.objects.filter(open_session__edition=edition, purged_at__isnull=True, uid__in=uids)
        .exclude(email_index__in=left_out)
        .order_by("id")
        .values_list("id", flat=True)
    )


def recipients(edition, audience: str, *, training=None, include_hidden: bool = False) -> Recipients:
    """Everyone the audience reaches now, each once."""
    ids = set(_account_ids(edition, audience, training))
    users = User.objects.filter(pk__in=ids).filter(user_rule(include_hidden=include_hidden)).order_by("pk")
    return Recipients(
        user_ids=tuple(users.values_list("pk", flat=True)),
        booking_ids=tuple(_booking_ids(edition, audience, include_hidden=include_hidden)),
    )


def still_reachable(delivery, *, include_hidden: bool) -> bool:
    """Checked again by the worker just before sending: someone who hid after the message was queued is left out."""
    if delivery.user_id:
        return User.objects.filter(pk=delivery.user_id).filter(user_rule(include_hidden=include_hidden)).exists()
    return delivery.booking_id in _still_booked(delivery.booking, include_hidden=include_hidden)


def _still_booked(booking, *, include_hidden: bool) -> set[int]:
    if booking is None or booking.purged_at is not None:
        return set()
    left_out = User.objects.exclude(user_rule(include_hidden=include_hidden)).filter(email_index=booking.email_index)
    return set() if left_out.exists() else {booking.pk}
