"""Open-session writes. Each one validates, locks the session's Capacity row, writes, audits and enqueues its email
in one transaction (see defdays.seats.capacity for the lock).

Double opt-in. The public form is anonymous: anyone can type anyone's address into it. If the form itself claimed a
seat, the public seat count would move for a new address and stay put for one already booked, and a stranger could
learn who booked by trying addresses; each try would also re-mail the person and (when links were replaced) cut off
their working link. So the form only has a *pending* booking recorded (by the worker: request_sign_up) and emails
its owner a link; the seat is claimed when the owner opens that link and presses "confirm" (a POST: mail scanners
that fetch every link must not book for them). Before the email's owner acts, nothing the public can see has
changed, whether the address was new, pending, booked or cancelled. A second request for an address that has a
booking changes nothing in it (not the name, not the language, not the seat, not the link) and sends a neutral
"you or someone asked" email carrying the same link.

Manage links: one token per booking for its whole life, found by its hash and kept sealed under the booking's data
key, so every email can repeat it and no email ever revokes it. Bookings from before the token was kept have no
sealed copy; they get a fresh one when organisers' actions (a promotion) email them, never from the public form.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.audit import services as audit
from defdays.core import crypto
from defdays.core.models import DataKey
from defdays.mail import services as mail
from defdays.opensession.models import PENDING, Booking, OpenSession, hash_token
from defdays.seats import capacity
from defdays.seats.capacity import SeatStatus

# A second request for the same address within this time sends no second email (a double click, or someone trying
# another person's address over and over: the owner is not flooded).
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


def _set_new_token(booking: Booking) -> str:
    """A fresh manage token: hash and sealed copy go on the booking (saved by the caller)."""
    token = new_token()
    booking.token_hash = hash_token(token)
    booking.manage_token = token
    return token


def _manage_url(booking: Booking, token: str, base_url: str) -> str:
    path = reverse("opensession:manage", kwargs={"year": booking.open_session.edition.year, "token": token})
    return base_url.rstrip("/") + path


def _email(booking: Booking, template: str, base_url: str, token: str | None) -> None:
    session = booking.open_session
    edition = session.edition
    booking.link_sent_at = timezone.now()
    booking.save(update_fields=["link_sent_at"])
    with timezone.override(edition.tz):
        mail.send_templated(
            booking.email,
            SUBJECT,
            f"opensession/email/{template}",
            {
                "booking": booking,
                "session": session,
                "edition": edition,
                "status": booking.status,
                "position": capacity.waitlist_position(booking.seat),
                "manage_url": _manage_url(booking, token, base_url) if token else "",
            },
            language=booking.language,
        )


def _working_token(booking: Booking) -> str:
    """The booking's link token; a booking from before tokens were kept gets one now (saved here)."""
    token = booking.manage_token
    if token is None:
        token = _set_new_token(booking)
        booking.save(update_fields=["token_hash", "token_enc"])
    return token


def _request_context(key: DataKey, field: str) -> str:
    return f"opensession.request:{key.pk}:{field}"


def request_sign_up(open_session: OpenSession, *, name: str, email: str, language: str, base_url: str) -> None:
    """The public form: record the request sealed and queue one task; the worker (sign_up_from_request) does the
    lookup. The same work for a new, pending, booked or just-mailed address: the three paths of sign_up cost
    different time (a new key and inserts; an update, an audit row and an email; nothing), so timing the form
    told a stranger "this address was just sent a link" or "has a booking".

    The name and address are sealed under a new data key, the task carries only its id and the ciphertexts, and
    the worker destroys that key once done (a new booking keeps it as its own): the task row, which outlives the
    task, then holds nothing readable. Raises SignUpClosed when organisers closed the sign-up, for every address.
    """
    from defdays.opensession.tasks import sign_up_from_request

    if not open_session.sign_up_open:
        raise SignUpClosed
    with transaction.atomic():
        key = DataKey.create()
        dek = key.dek()
        sealed = {
            field: base64.urlsafe_b64encode(
                crypto.seal_value(dek, value.strip(), _request_context(key, field))
            ).decode()
            for field, value in (("email", email), ("name", name))
        }
        sign_up_from_request.enqueue(
            session_id=open_session.pk, key_id=str(key.pk), language=language, base_url=base_url, **sealed
        )


def sign_up_from_request(*, session_id: int, key_id: str, email: str, name: str, language: str, base_url: str):
    """In the worker: open a request recorded by request_sign_up and carry it out. None when the request cannot
    be opened any more or organisers closed the sign-up meanwhile (nobody but the owner would see that answer)."""
    key = DataKey.objects.filter(pk=key_id).first()
    session = OpenSession.objects.select_related("edition").filter(pk=session_id).first()
    if key is None or session is None:
        return None
    try:
        dek = key.dek()
        email, name = (
            crypto.open_value(dek, base64.urlsafe_b64decode(blob), _request_context(key, field))
            for field, blob in (("email", email), ("name", name))
        )
    except (crypto.DecryptionError, ValueError):
        return None
    try:
        result = sign_up(session, name=name, email=email, language=language, base_url=base_url, data_key=key)
    except SignUpClosed:
        result = None
    if result is None or not result.created:
        key.delete()  # the request's ciphertexts in the task row die with it
    return result


def sign_up(
    open_session: OpenSession,
    *,
    name: str,
    email: str,
    language: str,
    base_url: str,
    data_key: DataKey | None = None,
) -> SignUpResult:
    """Record a pending booking and email its owner the link that confirms it. Claims no seat (see the module
    docstring). An address that already has a booking keeps it exactly as it is and gets a neutral email.
    Runs in the worker for the public form (request_sign_up); `data_key` is the request's, kept by a new booking.

    Raises SignUpClosed when organisers closed the sign-up, whether or not the address is booked, so the answer
    never tells whether someone is.
    """
    index = crypto.email_index(email)
    session = open_session  # loaded by the caller with its edition (selectors.sessions_of)
    with transaction.atomic():
        # The lock serialises the "already booked?" check with every other write on this session.
        capacity.lock(session.capacity_id)
        if not session.sign_up_open:
            raise SignUpClosed
        booking = Booking.objects.filter(open_session=session, email_index=index).select_related("data_key").first()
        if booking is None:
            booking = Booking(open_session=session, language=language, email_index=index)
            booking.data_key = data_key or DataKey.create()
            booking.email, booking.name = email.strip(), name.strip()
            token = _set_new_token(booking)
            booking.save()
            booking._seat = None
            audit.record(audit.Action.OPENSESSION_REQUESTED, target=booking, edition=session.edition)
            _email(booking, "confirm", base_url, token)
            return SignUpResult(booking, created=True, emailed=True)
        booking.open_session = session
        recently_sent = booking.link_sent_at is not None and timezone.now() - booking.link_sent_at < RESEND_INTERVAL
        if recently_sent:
            return SignUpResult(booking, created=False, emailed=False)
        audit.record(audit.Action.OPENSESSION_REQUESTED_AGAIN, target=booking, edition=session.edition)
        # Only the sealed link: minting one here would revoke the link the owner holds.
        _email(booking, "again", base_url, booking.manage_token)
        return SignUpResult(booking, created=False, emailed=True)


def confirm(booking: Booking, *, base_url: str) -> Booking:
    """The owner, through the manage link, takes a seat (or a waitlist place): a pending booking, or a cancelled one
    booking again (at the back of the queue). A booking that already holds a seat or a place is left as it is.

    Raises SignUpClosed when organisers have closed the sign-up since: closing stops every new claim, confirmed
    late or not. Only the link's holder sees that answer.
    """
    with transaction.atomic():
        session = OpenSession.objects.select_related("edition").get(pk=booking.open_session_id)
        booking.open_session = session
        if not session.sign_up_open and booking.status in (PENDING, SeatStatus.CANCELLED):
            raise SignUpClosed
        seat = capacity.claim(session.capacity_id, booking.holder)
        booking._seat = seat
        if seat.is_new_claim:
            audit.record(audit.Action.OPENSESSION_BOOKED, target=booking, edition=session.edition, status=seat.status)
            _email(booking, "booked", base_url, _working_token(booking))
        return booking


def rename(booking: Booking, name: str) -> None:
    with transaction.atomic():
        booking.name = name.strip()
        booking.save(update_fields=["name_enc"])
        audit.record(audit.Action.OPENSESSION_RENAMED, target=booking, edition=booking.open_session.edition)


def _email_promoted(session: OpenSession, seats, base_url: str) -> list[Booking]:
    holders = {seat.holder: seat for seat in seats}
    uids = [holder.split(":", 1)[1] for holder in holders if holder.startswith("booking:")]
    promoted = list(Booking.objects.filter(open_session=session, uid__in=uids).select_related("data_key"))
    for booking in promoted:
        booking.open_session = session
        booking._seat = holders[booking.holder]
        audit.record(audit.Action.OPENSESSION_PROMOTED, target=booking, edition=session.edition)
        if booking.purged_at is None:
            _email(booking, "promoted", base_url, _working_token(booking))
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
        # Already cancelled (a second click, erasure after a cancel), or pending: no seat to give back.
        if booking.status in (SeatStatus.CANCELLED, PENDING):
            return None
        promoted_seat = capacity.release(session.capacity_id, booking.holder)
        booking.__dict__.pop("_seat", None)
        audit.record(audit.Action.OPENSESSION_CANCELLED, target=booking, edition=session.edition)
        promoted = _email_promoted(
            session, [promoted_seat] if promoted_seat else [], default_base_url() if base_url is None else base_url
        )
        return promoted[0] if promoted else None


def change_capacity(open_session: OpenSession, total: int, *, actor, base_url: str) -> list[Booking]:
    """Organisers change the number of seats; more seats promote the waitlist in order (raises CapacityError)."""
    with transaction.atomic():
        session = OpenSession.objects.select_related("edition").get(pk=open_session.pk)
        seats = capacity.change_total(session.capacity_id, total)
        audit.record(
            audit.Action.OPENSESSION_CAPACITY_CHANGED, actor=actor, target=session, edition=session.edition, total=total
        )
        return _email_promoted(session, seats, base_url)


def set_sign_up_open(open_session: OpenSession, is_open: bool, *, actor) -> None:
    with transaction.atomic():
        OpenSession.objects.filter(pk=open_session.pk).update(sign_up_open=is_open)
        open_session.sign_up_open = is_open
        audit.record(
            audit.Action.OPENSESSION_SIGN_UP_TOGGLED,
            actor=actor,
            target=open_session,
            edition=open_session.edition,
            open=is_open,
        )


def destroy_personal_data(booking: Booking) -> None:
    """Crypto-shred the email and the name, drop the manage link. The seat's history stays as a count."""
    booking.data_key.shred()
    Booking.objects.filter(pk=booking.pk).update(
        name_enc=None, email_enc=None, email_index="", token_hash=None, token_enc=None, purged_at=timezone.now()
    )


def create_open_session(
    edition, *, title, description, starts_at, ends_at, place, seats, translations: dict | None = None
) -> OpenSession:
    with transaction.atomic():
        cap = capacity.Capacity.objects.create(label=f"Open session {edition.year}: {title}"[:200], total=seats)
        return OpenSession.objects.create(
            edition=edition,
            title=title,
            description=description,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place,
            capacity=cap,
            translations=translations or {},
        )


DETAIL_FIELDS = ("title", "description", "starts_at", "ends_at", "place")


def save_open_session(edition, open_session: OpenSession | None, *, fields: dict, seats: int | None, actor):
    """Create (open_session None, with `seats`) or change the details of an open session. The number of seats of an
    existing one changes through change_capacity, which promotes from the waitlist and emails those promoted."""
    with transaction.atomic():
        if open_session is None:
            session = create_open_session(edition, seats=seats or 0, **{name: fields[name] for name in DETAIL_FIELDS})
            # A new open session takes no sign-ups before an organiser opens it on purpose.
            OpenSession.objects.filter(pk=session.pk).update(sign_up_open=False)
            session.sign_up_open = False
            change = "created"
        else:
            session = OpenSession.objects.select_for_update().get(pk=open_session.pk, edition=edition)
            for name in DETAIL_FIELDS:
                setattr(session, name, fields[name])
            session.full_clean(exclude=["capacity"])
            session.save(update_fields=list(DETAIL_FIELDS))
            change = "details"
        audit.record(audit.Action.OPENSESSION_SAVED, actor=actor, target=session, edition=edition, change=change)
    return session


def carry_over(source, target) -> None:
    """Next year's open sessions: the same details and number of seats, moved by the distance between the two
    editions' first days, with sign-up closed and no booking (bookings name people). Called by
    editions.services.new_edition_from in its transaction."""
    shift = target.start_date - source.start_date

    def moved(moment):
        # The same local time on the day `shift` later, in the new edition's zone (not the same UTC time: a
        # change of summer time in between would move the session by an hour).
        local = moment.astimezone(source.tz)
        return datetime.combine(local.date() + shift, local.time(), tzinfo=target.tz)

    for session in OpenSession.objects.filter(edition=source).select_related("capacity").order_by("pk"):
        copy = create_open_session(
            target,
            title=session.title,
            description=session.description,
            starts_at=moved(session.starts_at),
            ends_at=moved(session.ends_at),
            place=session.place,
            seats=session.capacity.total,
        )
        OpenSession.objects.filter(pk=copy.pk).update(sign_up_open=False)
