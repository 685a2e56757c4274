"""Training seats: a thin layer over the shared seats-and-waitlists mechanism (defdays.seats.capacity).

A training with a seat cap gets one Capacity; a person's seat is held under the key "user:<id>". Claims, releases,
waitlist promotion and the row lock all live in seats.capacity: nothing is counted here.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from defdays.accounts.models import User
from defdays.audit import services as audit
from defdays.mail.services import send_templated
from defdays.seats import capacity

SUBJECT = gettext_lazy("Your booking")


def holder(user) -> str:
    return f"user:{user.pk}"


def check_cap(session) -> None:
    """Refuse a seat cap below the seats already confirmed while the working copy is edited; moves nothing."""
    if session.seat_cap and session.capacity_id:
        confirmed = capacity.counts(session.capacity_id).confirmed
        if session.seat_cap < confirmed:
            raise _cap_too_low(confirmed)


def _cap_too_low(confirmed: int) -> ValidationError:
    return ValidationError(_("%(n)d seats are already booked: the seat cap cannot be lower.") % {"n": confirmed})


def sync_capacity(session) -> None:
    """Bring the session's Capacity to its seat cap, promoting from the waitlist and emailing those promoted.

    Called by the publish only: a cap typed into the unpublished working copy must not move live seats or write
    to anyone before the version that carries it is out (and a draft edit undone before publishing, never)."""
    if not session.seat_cap:
        return
    if session.capacity_id is None:
        session.capacity = capacity.Capacity.objects.create(label=f"Training {session.pk}", total=session.seat_cap)
        session.save(update_fields=["capacity"])
        return
    try:
        promoted = capacity.change_total(session.capacity_id, session.seat_cap)
    except capacity.CapacityError as exc:
        raise _cap_too_low(capacity.counts(session.capacity_id).confirmed) from exc
    for seat in promoted:
        _tell(seat, session, "programme/email/seat_promoted")


def state_for(session, user) -> dict:
    counts = capacity.counts(session.capacity_id) if session.capacity_id else None
    seat = capacity.seat_of(session.capacity_id, holder(user)) if (user and session.capacity_id) else None
    if seat is not None and seat.status == capacity.SeatStatus.CANCELLED:
        seat = None
    return {"counts": counts, "seat": seat, "position": capacity.waitlist_position(seat), "open": counts is not None}


def public_state(edition, session_id: int) -> str:
    """What an anonymous visitor's page of this session shows of its seats, as a key part: the seat cap, whether
    seats are open and the counts ("-" for a session without seats, or gone from the working copy).

    One plain SQL statement on every anonymous request of a session page (the page itself comes from
    core.page_cache): seats change without a publish and without a generation bump."""
    from defdays.programme.models import Session

    session_table, capacity_table, seat_table = (
        connection.ops.quote_name(m._meta.db_table) for m in (Session, capacity.Capacity, capacity.Seat)
    )
    sql = (
        f"SELECT p.seat_cap, c.id, c.total, "
        f"COALESCE(SUM(CASE WHEN s.status = %s THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN s.status = %s THEN 1 ELSE 0 END), 0) "
        f"FROM {session_table} p LEFT JOIN {capacity_table} c ON c.id = p.capacity_id "
        f"LEFT JOIN {seat_table} s ON s.capacity_id = c.id "
        f"WHERE p.id = %s AND p.edition_id = %s GROUP BY p.seat_cap, c.id, c.total"
    )
    statuses = [capacity.SeatStatus.CONFIRMED.value, capacity.SeatStatus.WAITLISTED.value]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*statuses, session_id, edition.pk])
        row = cursor.fetchone()
    if row is None or not row[0]:
        return "-"
    seat_cap, capacity_id, total, confirmed, waitlisted = row
    return f"{seat_cap}-{capacity_id or 0}-{total or 0}-{int(confirmed)}-{int(waitlisted)}"


def places_for(user, session_ids) -> dict[int, dict]:
    """{session id: {"status", "position"}} for the trainings among `session_ids` where the person holds a seat
    or waits: what the agenda shows per line. A cancelled seat is no place."""
    from defdays.programme.models import Session

    places = {}
    for session_id, capacity_id in Session.objects.filter(pk__in=session_ids, capacity__isnull=False).values_list(
        "pk", "capacity_id"
    ):
        seat = capacity.seat_of(capacity_id, holder(user))
        if seat is not None and seat.status != capacity.SeatStatus.CANCELLED:
            places[session_id] = {"status": seat.status, "position": capacity.waitlist_position(seat)}
    return places


def book(user, session):
    """A seat if one is free, else a place on the waitlist. The caller has checked the person may see it."""
    if not session.seat_cap or session.capacity_id is None:
        raise ValidationError(_("This session has no seats to book."))
    with transaction.atomic():
        _check_trainings_per_person(user, session)
        seat = capacity.claim(session.capacity_id, holder(user))
        if seat.is_new_claim:
            from defdays.programme.services import agenda_add

            agenda_add(user, session.pk)
            audit.record(
                audit.Action.SEAT_CLAIMED, actor=user, target=session, edition=session.edition, status=seat.status
            )
            _tell(seat, session, "programme/email/seat_booked")
    return seat


def _lock_person(user) -> None:
    User.objects.select_for_update().filter(pk=user.pk).first()


def _check_trainings_per_person(user, session) -> None:
    """The edition's limit on trainings per person, waitlist places included. The person's row is locked first: two
    bookings sent at once would otherwise both count the seats held before either and both pass."""
    from defdays.programme.models import ProgrammeSettings, Session

    limit = ProgrammeSettings.for_edition(session.edition).trainings_per_person
    if not limit:
        return
    _lock_person(user)
    held = (
        Session.objects.filter(
            edition=session.edition,
            capacity__seats__holder=holder(user),
            capacity__seats__status__in=[capacity.SeatStatus.CONFIRMED, capacity.SeatStatus.WAITLISTED],
        )
        .exclude(pk=session.pk)
        .count()
    )
    if held >= limit:
        raise ValidationError(
            _("You may book %(n)d training(s) in this edition. Give back a seat to book another.") % {"n": limit}
        )


def cancel(user, session) -> None:
    if session.capacity_id is None:
        return
    with transaction.atomic():
        promoted = capacity.release(session.capacity_id, holder(user))
        audit.record(audit.Action.SEAT_RELEASED, actor=user, target=session, edition=session.edition)
        if promoted is not None:
            _tell(promoted, session, "programme/email/seat_promoted")


def release_closed_seats(*, user, edition, actor) -> None:
    """The person lost their closed-part standing (declined, withdrawn): their seats and waitlist places in closed
    trainings go back, and the next in line moves up and is emailed. Registered with registration.standing.

    Only closed trainings: the person can no longer see them, so could never release them, and a seat held there
    blocks someone who can come. Open-session trainings stay theirs to keep or cancel like anyone's.
    """
    from defdays.programme.models import Session, SessionAudience

    held = [capacity.SeatStatus.CONFIRMED, capacity.SeatStatus.WAITLISTED]
    with transaction.atomic():
        sessions = Session.objects.filter(
            edition=edition,
            audience=SessionAudience.CLOSED,
            capacity__seats__holder=holder(user),
            capacity__seats__status__in=held,
        )
        for session in sessions.select_related("edition").order_by("pk"):
            promoted = capacity.release(session.capacity_id, holder(user))
            audit.record(
                audit.Action.SEAT_RELEASED, actor=actor, target=session, edition=edition, reason="standing_lost"
            )
            if promoted is not None:
                _tell(promoted, session, "programme/email/seat_promoted")


def _tell(seat, session, template):
    user = User.objects.filter(pk=int(seat.holder.split(":", 1)[1]), is_active=True).first()
    if user is None:
        return
    send_templated(
        user.email,
        SUBJECT,
        template,
        {"user": user, "session": session, "edition": session.edition, "status": seat.status},
        language=user.language,
    )
