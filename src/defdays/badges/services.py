"""Badge codes, print runs, the check-in desk and training check-in. Each write in one transaction, audited."""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from defdays.accounts.visibility import is_listed, listed_q
from defdays.audit import services as audit
from defdays.badges.models import Badge, BadgeBatch, BatchLayout, BatchStatus, DayCheckIn, TrainingCheckIn
from defdays.core import crypto
from defdays.core.models import DataKey
from defdays.programme import seats
from defdays.registration import services as registration
from defdays.registration.models import Participation, ParticipationStatus, PhotoConsent
from defdays.registration.selectors import expected_on
from defdays.seats import capacity

# Crockford's base32 without the letters people misread: 12 characters carry 60 random bits, short enough to
# type at the desk from a badge whose QR code will not scan, far too many to guess at the desk's pace.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
PRINTED = (ParticipationStatus.APPROVED, ParticipationStatus.CHECKED_IN)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(text: str) -> str:
    """What a volunteer types or a scanner sends, as a code: case, spaces and dashes ignored, the letters that
    look like digits read as those digits."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -\t\r\n")
    return cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))[:64]


def spaced(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def digest(code: str) -> str:
    return crypto.blind_index(normalise(code), purpose="badge")


def badge_for(participation: Participation) -> tuple[Badge, str]:
    """The participation's badge and its code, made on first use; a reprint keeps the code."""
    badge = Badge.objects.select_related("data_key").filter(participation=participation).first()
    if badge is not None:
        return badge, badge.code
    return _new_badge(participation)


def _new_badge(participation: Participation) -> tuple[Badge, str]:
    code = new_code()
    badge = Badge(participation=participation, edition_id=participation.edition_id, data_key=participation.data_key)
    badge.code_digest = digest(code)
    badge.code = code
    badge.save()
    return badge, code


# --- Print runs --------------------------------------------------------------------------------------------------


def printable(edition):
    """Who gets a badge: approved or checked in, and listed. Hidden and erased people are never printed."""
    return (
        Participation.objects.filter(edition=edition, status__in=PRINTED)
        .filter(listed_q("user"))
        .select_related("user", "data_key")
        .order_by("user__public_name", "id")
    )


def left_out_count(edition) -> int:
    return Participation.objects.filter(edition=edition, status__in=PRINTED).exclude(listed_q("user")).count()


def start_batch(*, edition, layout: str, actor, queue: bool = True) -> BadgeBatch:
    """A print run, built by the worker (queue=False: here and now, for the demo)."""
    from defdays.badges.tasks import build_badges

    with transaction.atomic():
        batch = BadgeBatch.objects.create(
            edition=edition, layout=BatchLayout(layout), created_by=actor, data_key=DataKey.create()
        )
        audit.record(audit.Action.BADGES_BATCH_STARTED, actor=actor, target=batch, edition=edition, layout=layout)
        if queue:
            build_badges.enqueue(batch_id=batch.pk)
    if not queue:
        run_batch(batch.pk)
    return batch


@dataclass(frozen=True)
class PrintedBadge:
    public_name: str
    role: str
    role_label: str
    days: list[date]
    no_photos: bool
    code: str


def run_batch(batch_id: int) -> None:
    from defdays.badges.pdf import badges_pdf

    batch = BadgeBatch.objects.select_related("edition", "data_key").get(pk=batch_id)
    edition = batch.edition
    people = list(printable(edition))
    BadgeBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.RUNNING, total=len(people), left_out=left_out_count(edition)
    )
    # A reprint finds every badge in one query, not one query per person (the same rule as badge_for).
    made = {badge.participation_id: badge for badge in Badge.objects.filter(edition=edition).select_related("data_key")}
    cards = []
    for number, participation in enumerate(people, start=1):
        badge = made.get(participation.pk)
        code = badge.code if badge is not None else _new_badge(participation)[1]
        cards.append(
            PrintedBadge(
                public_name=participation.user.public_name,
                role=participation.role,
                role_label=participation.role_label,
                days=sorted(date.fromisoformat(day) for day in participation.days),
                no_photos=participation.photo_consent == PhotoConsent.NONE,
                code=code,
            )
        )
        if number % 50 == 0:  # the progress page reads this; one write per fifty badges, not per badge
            BadgeBatch.objects.filter(pk=batch.pk).update(done=number)
    # The layout takes most of a print run: from here the progress page counts the badges laid out, chunk by chunk.
    BadgeBatch.objects.filter(pk=batch.pk).update(done=0, status=BatchStatus.RENDERING)

    def laid_out(number: int) -> None:
        BadgeBatch.objects.filter(pk=batch.pk).update(done=number)

    data = badges_pdf(edition, cards, layout=batch.layout, progress=laid_out)
    batch.refresh_from_db()
    batch.seal_pdf(data)
    batch.status = BatchStatus.DONE
    batch.save(update_fields=["pdf_enc", "status"])


def batch_failed(batch_id: int) -> None:
    BadgeBatch.objects.filter(pk=batch_id).update(status=BatchStatus.FAILED)


# --- The check-in desk ---------------------------------------------------------------------------------------------


class Outcome(enum.StrEnum):
    CHECKED_IN = "checked_in"
    ALREADY = "already"
    NOT_EXPECTED = "not_expected"  # not approved, or not registered for today (or the training's day)
    NO_SEAT = "no_seat"  # training check-in: no confirmed seat
    UNKNOWN = "unknown"  # no such code in this edition: another edition's code looks exactly the same


@dataclass(frozen=True)
class Scan:
    """All the desk may show: the public name, the photo marker and whether the person is expected today."""

    outcome: Outcome
    public_name: str = ""
    no_photos: bool = False
    expected_today: bool = False


def _find(edition, code: str) -> Badge | None:
    cleaned = normalise(code)
    if len(cleaned) != CODE_LENGTH:
        return None
    badge = (
        Badge.objects.select_related("participation__user").filter(edition=edition, code_digest=digest(cleaned)).first()
    )
    # A hidden or erased person has no badge to show: the desk learns nothing about them.
    if badge is None or not is_listed(badge.participation.user):
        return None
    return badge


def local_today(edition) -> date:
    return timezone.localdate(timezone.now(), edition.tz)


def local_day(moment, edition) -> date:
    return timezone.localtime(moment, edition.tz).date()


def scan(*, edition, code: str, actor, session=None, today: date | None = None) -> Scan:
    """Check a badge in for today (or, with `session`, for that training). Idempotent: a second scan changes
    nothing and says so. `today` is for the demo, which checks people in on a day of 2013."""
    today = today or local_today(edition)
    badge = _find(edition, code)
    if badge is None:
        # No code, not even its digest, goes into the log: a badge code typed here is a credential.
        audit.record(
            audit.Action.BADGE_SCAN_REFUSED, actor=actor, edition=edition, reason="unknown", session=_pk(session)
        )
        return Scan(Outcome.UNKNOWN)
    with transaction.atomic():
        participation = Participation.objects.select_for_update().select_related("user").get(pk=badge.participation_id)
        day = local_day(session.start, edition) if session else today
        shown = {
            "public_name": participation.user.public_name,
            "no_photos": participation.photo_consent == PhotoConsent.NONE,
            "expected_today": expected_on(participation, today),
        }
        outcome = _check_in(participation, session, day, actor)
        action = {
            Outcome.CHECKED_IN: audit.Action.TRAINING_CHECKED_IN if session else audit.Action.BADGE_CHECKED_IN,
            Outcome.ALREADY: audit.Action.BADGE_SCAN_REPEATED,
        }.get(outcome, audit.Action.BADGE_SCAN_REFUSED)
        audit.record(
            action,
            actor=actor,
            target=participation,
            edition=edition,
            reason=str(outcome),
            day=day.isoformat(),
            session=_pk(session),
        )
    return Scan(outcome, **shown)


def _pk(session):
    return session.pk if session is not None else None


def _check_in(participation, session, day, actor) -> Outcome:
    if not expected_on(participation, day):
        return Outcome.NOT_EXPECTED
    if session is None:
        _row, created = DayCheckIn.objects.get_or_create(participation=participation, day=day, defaults={"by": actor})
        if not created:
            return Outcome.ALREADY
        # The first scan moves the registration to "checked in" through registration's own step.
        registration.check_in(participation, actor=actor)
        return Outcome.CHECKED_IN
    seat = capacity.seat_of(session.capacity_id, seats.holder(participation.user)) if session.capacity_id else None
    if seat is None or seat.status != capacity.SeatStatus.CONFIRMED:
        return Outcome.NO_SEAT
    _row, created = TrainingCheckIn.objects.get_or_create(
        participation=participation, session=session, defaults={"by": actor}
    )
    return Outcome.CHECKED_IN if created else Outcome.ALREADY
