"""Open-session writes. Each one validates, locks the session's Capacity row, writes, audits and enqueues its email
in one transaction (see defdays.core.capacity for the lock).

Manage links: the token is stored only as a hash, so it cannot be sent again. Every email that carries a link makes a
fresh token and the older links stop working; the newest email always holds the working link.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.core import audit, capacity, crypto, mail
from defdays.core.capacity import SeatStatus
from defdays.core.models import DataKey
from defdays.opensession.models import Booking, OpenSession, hash_token

# A second sign-up with the same address within this time sends no second email (a double click, or someone
# trying another person's address over and over).
RESEND_INTERVAL = timedelta(minutes=10)
SUBJECT = _("Your booking")


class SignUpClosed(Exception):
    pass


@dataclass
class SignUpResult:
    booking: Booking
    created: bool
    emailed: bool


def new_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits


def _new_link(booking: Booking) -> str:
    """A fresh manage token: its hash goes on the booking (saved by the caller), the token only into the email."""
    token = new_token()
    booking.token_hash = hash_token(token)
    booking.link_sent_at = timezone.now()
    return token


def _email_link(booking: Booking, token: str, template: str, base_url: str) -> None:
    session = booking.open_session
    edition = session.edition
    path = reverse("opensession:manage", kwargs={"year": edition.year, "token": token})
    with timezone.override(edition.tz):
        mail.send_templated(
            booking.email, SUBJECT, f"opensession/email/{template}",
            {"booking": booking, "session": session, "edition": edition, "status": booking.status,
             "manage_url": base_url.rstrip("/") + path},
            language=booking.language,
        )


def _send_link(booking: Booking, template: str, base_url: str) -> None:
    """Make a fresh manage token, store its hash, email the link to the booking's address."""
    token = _new_link(booking)
    booking.save(update_fields=["token_hash", "link_sent_at"])
    _email_link(booking, token, template, base_url)


def sign_up(open_session: OpenSession, *, name: str, email: str, language: str, base_url: str) -> SignUpResult:
    """Book a seat (or a waitlist place). The same address twice answers with the existing booking.

    Raises SignUpClosed when organisers closed the sign-up, whether or not the address is booked, so the answer
    never tells whether someone is.
    """
    index = crypto.email_index(email)
    session = open_session  # loaded by the caller with its edition (selectors.sessions_of)
    with transaction.atomic():
        # The lock serialises the "already booked?" check with every other claim on this session.
        capacity.lock(session.capacity_id)
        if not session.sign_up_open:
            raise SignUpClosed
        booking = Booking.objects.filter(open_session=session, email_index=index).select_related("data_key").first()
        if booking is None:
            booking = Booking(open_session=session, language=language, email_index=index)
            booking.data_key = DataKey.create()
            booking.email, booking.name = email.strip(), name.strip()
            token = _new_link(booking)
            booking.save()
            booking._seat = capacity.claim(session.capacity_id, booking.holder)
            audit.record("opensession.booked", target=booking, edition=session.edition, status=booking.status)
            _email_link(booking, token, "booked", base_url)
            return SignUpResult(booking, created=True, emailed=True)
        booking.open_session = session
        seat = capacity.claim(session.capacity_id, booking.holder)
        booking._seat = seat
        if seat.is_new_claim:  # a cancelled booking signs up again
            booking.name, booking.language = name.strip(), language
            booking.save(update_fields=["name_enc", "language"])
            audit.record("opensession.booked", target=booking, edition=session.edition, status=seat.status)
        recently_sent = booking.link_sent_at is not None and timezone.now() - booking.link_sent_at < RESEND_INTERVAL
        emailed = seat.is_new_claim or not recently_sent
        if emailed:
            _send_link(booking, "booked", base_url)
        return SignUpResult(booking, created=False, emailed=emailed)


def rename(booking: Booking, name: str) -> None:
    with transaction.atomic():
        booking.name = name.strip()
        booking.save(update_fields=["name_enc"])
        audit.record("opensession.renamed", target=booking, edition=booking.open_session.edition)


def _email_promoted(session: OpenSession, seats, base_url: str) -> list[Booking]:
    holders = {seat.holder: seat for seat in seats}
    uids = [holder.split(":", 1)[1] for holder in holders if holder.startswith("booking:")]
    promoted = list(Booking.objects.filter(open_session=session, uid__in=uids).select_related("data_key"))
    for booking in promoted:
        booking.open_session = session
        booking._seat = holders[booking.holder]
        audit.record("opensession.promoted", target=booking, edition=session.edition)
        if booking.purged_at is None:
            _send_link(booking, "promoted", base_url)
    return promoted


def default_base_url() -> str:
    """For emails sent outside a request (erasure, purge): the site's address, when configured."""
    return settings.DEFDAYS_BASE_URL


def cancel(booking: Booking, *, base_url: str | None = None) -> Booking | None:
    """Cancel a booking; the first waitlisted person takes the seat and is emailed. Returns that booking."""
    with transaction.atomic():
        session = OpenSession.objects.select_related("edition").get(pk=booking.open_session_id)
        capacity.lock(session.capacity_id)
        booking.__dict__.pop("_seat", None)
        if booking.status == SeatStatus.CANCELLED:  # already cancelled (a second click, or erasure after a cancel)
            return None
        promoted_seat = capacity.release(session.capacity_id, booking.holder)
        booking.__dict__.pop("_seat", None)
        audit.record("opensession.cancelled", target=booking, edition=session.edition)
        promoted = _email_promoted(session, [promoted_seat] if promoted_seat else [],
                                   default_base_url() if base_url is None else base_url)
        return promoted[0] if promoted else None


def change_capacity(open_session: OpenSession, total: int, *, actor, base_url: str) -> list[Booking]:
    """Organisers change the number of seats; more seats promote the waitlist in order (raises CapacityError)."""
    with transaction.atomic():
        session = OpenSession.objects.select_related("edition").get(pk=open_session.pk)
        seats = capacity.change_total(session.capacity_id, total)
        audit.record("opensession.capacity_changed", actor=actor, target=session, edition=session.edition,
                     total=total)
        return _email_promoted(session, seats, base_url)


def set_sign_up_open(open_session: OpenSession, is_open: bool, *, actor) -> None:
    with transaction.atomic():
        OpenSession.objects.filter(pk=open_session.pk).update(sign_up_open=is_open)
        open_session.sign_up_open = is_open
        audit.record("opensession.sign_up_toggled", actor=actor, target=open_session, edition=open_session.edition,
                     open=is_open)


def destroy_personal_data(booking: Booking) -> None:
    """Crypto-shred the email and the name, drop the manage link. The seat's history stays as a count."""
    booking.data_key.shred()
    Booking.objects.filter(pk=booking.pk).update(
        name_enc=None, email_enc=None, email_index="", token_hash=None, purged_at=timezone.now()
    )


def create_open_session(edition, *, title, description, starts_at, ends_at, place, seats) -> OpenSession:
    with transaction.atomic():
        cap = capacity.Capacity.objects.create(label=f"Open session {edition.year}: {title}"[:200], total=seats)
        return OpenSession.objects.create(edition=edition, title=title, description=description,
                                          starts_at=starts_at, ends_at=ends_at, place=place, capacity=cap)
