"""Reads of the programme. Everything a viewer sees goes through `programme_for(viewer, edition)`.

Audience is decided once (`audience_for`), the published snapshot is filtered once (snapshot.filter_for), and the
result is cached. The working copy is read only by the organisers' pages (the `orga_*` functions).

Cache keys. Each carries the generation (core.generation): one counter row in the database, read once per
request and bumped inside the transaction of every publish, hide or show again, erasure, rename, deactivation and
speaker deletion (programme.signals, accounts.visibility). A change therefore retires every entry below on every
process at its next request, with the local-memory cache of each gunicorn worker as with a shared cache.

- `programme:head:<edition>:<gen>` (Django cache): (pk, number, name, published_at) of the latest published
  version, or () before the first publish.
- `programme:<edition>:<version>:<gen>:<audience>` (Django cache): the snapshot filtered for one audience
  (snapshot.filter_for: the sessions it sees, only the rooms and tracks they use, the speakers it may name; hidden
  and erased speakers left out). Read through `Programme` (room_of, track_of, rooms, track_names), never as raw
  keys outside this module and the exports; one session crosses to a view as a `VisibleSession`.
- `<that key>:<kind>:<language>` (Django cache, and the bounded per-process memo `_LOCAL_RENDERS`, core.memo):
  a rendered page, fragment or export of that filtered programme.
- `programme:changes:<edition>:<gen>:<audience>` (Django cache): the changelog page's data, every version's
  diff for one audience.
Entries of a retired generation are never read again; they leave with their timeout or the cache's eviction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Count

from defdays.accounts import visibility
from defdays.core import generation, memo
from defdays.core.memo import LocalMemo
from defdays.core.roles import CLOSED_PART_ROLES, RoleName
from defdays.programme.models import (
    AgendaEntry,
    Room,
    ScheduleVersion,
    Session,
    SessionSpeaker,
    SessionStatus,
    Speaker,
    Track,
)
from defdays.programme.snapshot import Audience, changelogs, filter_for, hidden_speakers_in, with_local_dates

# Those who run the programme or protect people see every speaker, consent or not.
PROGRAMME_STAFF = frozenset({RoleName.ORGANISER, RoleName.PROGRAMME, RoleName.SAFETY})
CACHE_SECONDS = 60 * 60


def audience_for(viewer, edition, *, second_factor_done: bool | None = None) -> Audience:
    """Which part of the programme this viewer may see. A staff account before two-factor sees the public part."""
    if viewer is None or not viewer.is_authenticated:
        return Audience.PUBLIC
    verified = viewer.is_verified() if second_factor_done is None else second_factor_done
    if viewer.is_staff_account() and not verified:
        return Audience.PUBLIC
    if viewer.is_superuser:
        return Audience.STAFF
    roles = viewer.roles_in(edition)
    if roles & PROGRAMME_STAFF:
        return Audience.STAFF
    # Jury, travel team and check-in volunteers need no programme for their work (a volunteer needs a public name
    # and a status at check-in, nothing more): a taken-over volunteer account must not surrender the closed
    # sessions and their consenting speakers. They see the closed part only through a closed-part role of their own.
    if roles & CLOSED_PART_ROLES:
        # A role alone is not enough: a declined, withdrawn or not yet approved registration sees the public part.
        from defdays.registration.selectors import closed_part_standing

        if closed_part_standing(viewer, edition) is False:
            return Audience.PUBLIC
        return Audience.CLOSED
    return Audience.PUBLIC


def latest_version(edition):
    """The latest published version, without its (large) snapshot: one small query."""
    return ScheduleVersion.objects.filter(edition=edition).defer("snapshot", "changelog").order_by("-number").first()


def _hidden_user_ids(edition) -> set[int]:
    """Speakers' accounts that must not appear: hidden ("hide me") or erased."""
    return set(
        Speaker.objects.filter(edition=edition, user__isnull=False)
        .filter(visibility.unlisted_q("user"))
        .values_list("user_id", flat=True)
    )


class Programme:
    """One audience's view of one published version. The filtered data is loaded only when something reads it,
    so a request served from the render cache never unpickles the whole programme."""

    def __init__(self, edition, version, audience: Audience, cache_key: str):
        self.edition, self.version, self.audience, self.cache_key = edition, version, audience, cache_key
        self._data = None

    @property
    def data(self) -> dict:  # snapshot.filter_for output
        if self._data is None:
            # The key carries the generation: this process keeps the last few (no round trip to the shared cache,
            # no unpickling of the whole programme on each session or speaker page). Shared by every request of
            # the process: callers copy what they change (with_datetimes).
            self._data = memo.get_or_set(_LOCAL_DATA, self.cache_key, self._filtered, CACHE_SECONDS)
        return self._data

    def _filtered(self) -> dict:
        snapshot = ScheduleVersion.objects.values_list("snapshot", flat=True).get(pk=self.version.pk)
        hidden = _hidden_user_ids(self.edition)
        return filter_for(snapshot, self.audience, hidden_speakers_in(snapshot, hidden), time_zone=self.edition.tz)

    @property
    def sessions(self):
        return self.data["sessions"]

    @property
    def rooms(self) -> list[dict]:
        """Rooms of the sessions this audience sees, in the edition's order."""
        return self.data["rooms"]

    @property
    def track_names(self) -> list[str]:
        """Tracks of the sessions this audience sees, sorted."""
        return sorted(self.data["tracks"].values())

    def session(self, slug):
        return next((s for s in self.data["sessions"] if s["slug"] == slug), None)

    def room_of(self, session: dict) -> dict | None:
        return next((r for r in self.data["rooms"] if r["id"] == session["room"]), None)

    def track_of(self, session: dict) -> str | None:
        return self.data["tracks"].get(str(session["track"])) if session["track"] else None

    def speaker(self, slug):
        return self.data["speakers"].get(slug)


def invalidate() -> None:
    """Retire every cached programme on every process. Call inside the writing transaction."""
    generation.bump()


def _head(edition):
    """(version, cache key prefix) of the latest published version, from the cache when possible."""
    current = generation.current()

    def read():
        version = latest_version(edition)
        return () if version is None else (version.pk, version.number, version.name, version.published_at)

    head = memo.get_or_set(_LOCAL_HEADS, f"programme:head:{edition.pk}:{current}", read, CACHE_SECONDS)
    if not head:
        return None, None
    pk, number, name, published_at = head
    version = ScheduleVersion(pk=pk, edition=edition, number=number, name=name, published_at=published_at)
    return version, f"programme:{edition.pk}:{pk}:{current}"


def programme_for(viewer, edition, *, audience: Audience | None = None) -> Programme | None:
    """The latest published programme as this viewer may see it (None before the first publish)."""
    audience = audience or audience_for(viewer, edition)
    version, prefix = _head(edition)
    if version is None:
        return None
    return Programme(edition, version, audience, f"{prefix}:{audience.value}")


_LOCAL_RENDERS = LocalMemo(max_entries=32, max_bytes=16 * 1024 * 1024)
_LOCAL_HEADS = LocalMemo(max_entries=16, max_bytes=64 * 1024)
# One entry per edition and audience in use (the byte bound counts only the outer dict: the count bounds it).
_LOCAL_DATA = LocalMemo(max_entries=8, max_bytes=1024 * 1024)


def cached_render(programme: Programme, kind: str, language: str, render):
    """Rendered output (a page fragment or an export) cached under the programme's own audience key."""
    return memo.get_or_set(_LOCAL_RENDERS, f"{programme.cache_key}:{kind}:{language}", render, CACHE_SECONDS)


@dataclass(frozen=True)
class VisibleSession:
    """One published session as a viewer may see it: its entry of the audience's filtered programme (with local
    datetimes), its room and track, and the working-copy row behind it (None once that row is deleted)."""

    programme: Programme
    data: dict
    room: dict | None
    track: str | None
    working: Session | None


def visible_session(viewer, edition, slug) -> VisibleSession | None:
    """The session if this viewer may see it, else None: one the viewer may not see is simply absent (-> 404)."""
    programme = programme_for(viewer, edition)
    session = programme.session(slug) if programme else None
    if session is None:
        return None
    return VisibleSession(
        programme,
        with_datetimes(session),
        programme.room_of(session),
        programme.track_of(session),
        Session.objects.filter(edition=edition, pk=session["id"]).first(),
    )


def days_of(programme: Programme):
    """[(index, date, [sessions])] over the edition's days, sessions with local datetimes attached."""
    edition = programme.edition
    by_day = {}
    for session in programme.sessions:
        by_day.setdefault(session["day"], []).append(with_datetimes(session))
    return [(n, day, by_day.get(day.isoformat(), [])) for n, day in enumerate(edition.days(), start=1)]


def with_datetimes(session: dict) -> dict:
    return {
        **session,
        "start_dt": datetime.fromisoformat(session["local_start"]),
        "end_dt": datetime.fromisoformat(session["local_end"]),
    }


def day_grid(programme: Programme, day: date):
    """Rooms x start times for one day: (rooms, [(time, [cell sessions per room])])."""
    sessions = [with_datetimes(s) for s in programme.sessions if s["day"] == day.isoformat()]
    room_ids = {s["room"] for s in sessions}
    rooms = [r for r in programme.rooms if r["id"] in room_ids]
    unplaced = [s for s in sessions if s["room"] is None]
    times = sorted({s["start_dt"] for s in sessions if s["room"] is not None})
    rows = []
    for t in times:
        cells = [[s for s in sessions if s["room"] == r["id"] and s["start_dt"] == t] for r in rooms]
        rows.append((t, cells))
    return rooms, rows, unplaced


def now_and_next(programme: Programme, now: datetime):
    sessions = [with_datetimes(s) for s in programme.sessions]
    running = [s for s in sessions if s["start_dt"] <= now < s["end_dt"]]
    upcoming = [s for s in sessions if s["start_dt"] > now]
    nxt = [s for s in upcoming if s["start_dt"] == upcoming[0]["start_dt"]] if upcoming else []
    return running, nxt


@dataclass(frozen=True)
class PublishedVersion:
    """What the changelog page shows of a version (the snapshot itself stays out of the cache)."""

    number: int
    name: str
    published_at: datetime


def changelogs_for(viewer, edition) -> list[tuple[PublishedVersion, list[dict]]]:
    """[(version, changes)] newest first, each diff computed on what this viewer's audience may see.

    Every diff reads two whole snapshots: computed once per audience and generation, not on every request."""
    audience = audience_for(viewer, edition)
    key = f"programme:changes:{edition.pk}:{generation.current()}:{audience.value}"
    out = cache.get(key)
    if out is None:
        versions = list(ScheduleVersion.objects.filter(edition=edition).order_by("number"))
        per_version = changelogs([v.snapshot for v in versions], audience)  # sessions only, never speaker names
        out = [
            (PublishedVersion(v.number, v.name, v.published_at), [with_local_dates(c, edition.tz) for c in changes])
            for v, changes in reversed(list(zip(versions, per_version)))
        ]
        cache.set(key, out, CACHE_SECONDS)
    return out


# --- Personal agenda -------------------------------------------------------------------------------------


def agenda_for(user, edition, programme: Programme | None):
    """(entries, missing): the person's agenda resolved against what they may see, clashes marked.

    `missing` counts entries whose session is no longer in their programme (cancelled, or no longer in their
    audience); their titles are not shown, since the viewer may no longer be entitled to them.
    """
    ids = list(AgendaEntry.objects.filter(user=user, session__edition=edition).values_list("session_id", flat=True))
    if programme is None:
        return [], len(ids)
    by_id = {s["id"]: s for s in programme.sessions}
    entries = sorted((with_datetimes(by_id[i]) for i in ids if i in by_id), key=lambda s: s["start_dt"])
    for entry in entries:
        entry["clashes"] = [
            o["title"]
            for o in entries
            if o is not entry and o["start_dt"] < entry["end_dt"] and entry["start_dt"] < o["end_dt"]
        ]
    return entries, len(ids) - len(entries)


def agenda_notices(viewer, edition, session_ids) -> tuple[int | None, dict[int, dict], list[dict]]:
    """(version number, {session id: change}, [cancelled changes]) for the sessions in the person's agenda, from
    the latest version's changelog as this viewer's audience reads it. Only that changelog names a session that
    left the programme: a session moved out of the viewer's audience is in no changelog they see, so it stays a
    count (agenda_for's `missing`) and its title is never shown to someone no longer entitled to it."""
    versions = changelogs_for(viewer, edition)
    if not versions:
        return None, {}, []
    version, changes = versions[0]
    mine = [c for c in changes if c["session"] in session_ids]
    return (
        version.number,
        {c["session"]: c for c in mine if "cancelled" not in c["kinds"]},
        [c for c in mine if "cancelled" in c["kinds"]],
    )


def speaking_links(user, edition):
    """The person's own speaker rows in this edition's working copy, for their consent page."""
    return list(
        SessionSpeaker.objects.filter(speaker__user=user, speaker__edition=edition)
        .select_related("session")
        .order_by("session__start", "session__title")
    )


def agenda_session_ids(user, edition) -> set[int]:
    return set(AgendaEntry.objects.filter(user=user, session__edition=edition).values_list("session_id", flat=True))


def feed_owner(token_hash: str):
    from defdays.programme.models import AgendaFeedToken

    return AgendaFeedToken.objects.select_related("user", "edition").filter(token_hash=token_hash).first()


# --- Organisers (working copy) ------------------------------------------------------------------------------


def orga_sessions(edition):
    # The edition too: the CSV export reads each session's time zone from it (a query per row otherwise).
    return (
        Session.objects.filter(edition=edition)
        .select_related("edition", "room", "track")
        .prefetch_related("speaker_links__speaker__user")
        .order_by("start", "title")
    )


def orga_rooms(edition):
    """The working copy's rooms, with how many sessions use each (`used`)."""
    return Room.objects.filter(edition=edition).annotate(used=Count("sessions")).order_by("position", "name")


def orga_tracks(edition):
    return Track.objects.filter(edition=edition).order_by("name")


def orga_speakers(edition):
    return Speaker.objects.filter(edition=edition).select_related("user").order_by("id")


def training_fill(edition) -> list[tuple[Session, object]]:
    """The working copy's trainings that have seats, with their counts (seats.capacity.Counts), in three queries."""
    from defdays.seats.capacity import counts_of_many

    trainings = list(
        Session.objects.filter(edition=edition, capacity__isnull=False)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("start")
    )
    found = counts_of_many(s.capacity_id for s in trainings)
    return [(s, found[s.capacity_id]) for s in trainings]
