"""Scheduling conflicts in the working copy. Pure functions over plain slots, so the edit form can check an unsaved
session against the saved ones before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from defdays.programme.models import SessionAudience, SessionStatus, SessionType


@dataclass
class Slot:
    id: int | None
    title: str
    start: datetime | None
    duration: int
    room: object  # Room or None
    audience: str
    type: str
    seat_cap: int | None
    speaker_ids: set = field(default_factory=set)

    @property
    def end(self):
        return self.start + timedelta(minutes=self.duration)

    @classmethod
    def of(cls, session, speaker_ids=None):
        if speaker_ids is None:
            speaker_ids = {link.speaker_id for link in session.speaker_links.all()}
        return cls(
            session.pk,
            session.title,
            session.start,
            session.duration,
            session.room,
            session.audience,
            session.type,
            session.seat_cap,
            set(speaker_ids),
        )


@dataclass(frozen=True)
class Conflict:
    kind: str
    message: str
    session_ids: tuple


def _overlap(a: Slot, b: Slot) -> bool:
    return a.start < b.end and b.start < a.end


def own_conflicts(slot: Slot, edition) -> list[Conflict]:
    """Problems of one session on its own: dates, room hours, capacity, a closed session in an open room."""
    found = []
    ids = (slot.id,)
    if slot.start is None:
        return found
    tz = edition.tz
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    if start.date() < edition.start_date or end.date() > edition.end_date or end.date() != start.date():
        found.append(Conflict("outside_days", _("“%(t)s” is outside the edition's days.") % {"t": slot.title}, ids))
    room = slot.room
    if room is not None:
        if (room.opens_at and start.time() < room.opens_at) or (
            room.closes_at and (end.time() > room.closes_at or end.date() != start.date())
        ):
            found.append(
                Conflict(
                    "room_hours",
                    _("“%(t)s” is outside the opening hours of %(r)s.") % {"t": slot.title, "r": room.name},
                    ids,
                )
            )
        if slot.type == SessionType.TRAINING and slot.seat_cap and slot.seat_cap > room.capacity:
            found.append(
                Conflict(
                    "cap_above_room",
                    _("“%(t)s” has %(c)d seats but %(r)s holds %(n)d.")
                    % {"t": slot.title, "c": slot.seat_cap, "r": room.name, "n": room.capacity},
                    ids,
                )
            )
        if slot.audience == SessionAudience.CLOSED and not room.is_closed:
            found.append(
                Conflict(
                    "closed_in_open_room",
                    _("“%(t)s” is a closed session in the open room %(r)s.") % {"t": slot.title, "r": room.name},
                    ids,
                )
            )
    return found


def pair_conflicts(a: Slot, b: Slot) -> list[Conflict]:
    if a.start is None or b.start is None or not _overlap(a, b):
        return []
    found = []
    ids = (a.id, b.id)
    if a.room is not None and b.room is not None and a.room.pk == b.room.pk:
        found.append(
            Conflict(
                "room_double",
                _("%(r)s is double-booked: “%(a)s” and “%(b)s”.") % {"r": a.room.name, "a": a.title, "b": b.title},
                ids,
            )
        )
    if a.speaker_ids & b.speaker_ids:
        found.append(
            Conflict(
                "speaker_double",
                _("A speaker is in two places: “%(a)s” and “%(b)s”.") % {"a": a.title, "b": b.title},
                ids,
            )
        )
    return found


def conflicts_of(slot: Slot, others: list[Slot], edition) -> list[Conflict]:
    """One (possibly unsaved) session against the rest: what the edit form shows before saving."""
    found = own_conflicts(slot, edition)
    for other in others:
        if other.id != slot.id or other.id is None:
            found += pair_conflicts(slot, other)
    return found


def all_conflicts(sessions, edition) -> list[Conflict]:
    """Every conflict of the edition's scheduled sessions (the conflicts page)."""
    slots = sorted(
        (Slot.of(s) for s in sessions if s.status == SessionStatus.SCHEDULED and s.start), key=lambda s: s.start
    )
    found = []
    for i, slot in enumerate(slots):
        found += own_conflicts(slot, edition)
        for other in slots[i + 1 :]:
            if other.start >= slot.end:
                break  # sorted by start: nothing later can overlap
            found += pair_conflicts(slot, other)
    return found
