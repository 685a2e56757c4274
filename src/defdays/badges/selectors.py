"""Reads of the badges app. Each takes the edition or the viewer whose view it serves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from defdays.badges.models import BadgeBatch, DayCheckIn, TrainingCheckIn
from defdays.badges.services import printable
from defdays.programme.models import Session, SessionStatus, SessionType


def batches(edition):
    return BadgeBatch.objects.filter(edition=edition).defer("pdf_enc")[:20]


def batch(edition, uid) -> BadgeBatch | None:
    return BadgeBatch.objects.select_related("data_key").filter(edition=edition, uid=uid).first()


def desk_trainings(edition):
    """Trainings with seats, for per-session check-in: title and time only."""
    return (
        Session.objects.filter(edition=edition, type=SessionType.TRAINING, capacity__isnull=False, start__isnull=False)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("start", "title")
    )


def desk_training(edition, uid) -> Session | None:
    return desk_trainings(edition).filter(uid=uid).first()


def certificates_for(viewer):
    """The viewer's own training check-ins: what they may download a certificate for. Nobody else's."""
    if not viewer.is_authenticated:
        return TrainingCheckIn.objects.none()
    return (
        TrainingCheckIn.objects.filter(participation__user=viewer)
        .select_related("session", "participation__edition")
        .order_by("session__start")
    )


def certificate(viewer, uid) -> TrainingCheckIn | None:
    return certificates_for(viewer).filter(uid=uid).first()


def check_ins_by_day(edition) -> list[tuple]:
    """[(day, people checked in that day)] for each day of the edition, in one query: a count, nobody named."""
    from django.db.models import Count

    found = dict(
        DayCheckIn.objects.filter(participation__edition=edition)
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("day", "n")
    )
    return [(day, found.get(day, 0)) for day in edition.days()]


@dataclass(frozen=True)
class DeskRow:
    public_name: str
    checked_in: list[datetime]  # one per day, in the edition's time zone


def desk_rows(edition) -> list[DeskRow]:
    """The people the desk expects (approved or checked in, listed: services.printable, the same people who have
    a badge) with their check-ins: the check-in export's rows. Two queries."""
    participations = list(printable(edition))
    times: dict[int, list] = {}
    for participation_id, at in (
        DayCheckIn.objects.filter(participation__in=[p.pk for p in participations])
        .order_by("at")
        .values_list("participation_id", "at")
    ):
        times.setdefault(participation_id, []).append(timezone.localtime(at, edition.tz))
    return [DeskRow(p.user.public_name, times.get(p.pk, [])) for p in participations]
