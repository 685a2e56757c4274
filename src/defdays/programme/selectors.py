"""Reads of the programme. Everything a viewer sees goes through `programme_for(viewer, edition)`.

Audience is decided once (`audience_for`), the published snapshot is filtered once (snapshot.filter_for), and the
result is cached per (schedule version, audience, hidden-speaker set): three queries at most, whatever the size of
the programme. The working copy is read only by the organisers' pages (the `orga_*` functions).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
import secrets
from datetime import date, datetime

from django.core.cache import cache

from defdays.accounts.models import User
from defdays.accounts.roles import STAFF_ROLES, RoleName
from defdays.accounts.selectors import listable_users
from defdays.programme.models import AgendaEntry, ScheduleVersion, Session, SessionSpeaker, Speaker
from defdays.programme.snapshot import Audience, changelogs, filter_for, hidden_speakers_in, with_local_dates

CLOSED_PART = frozenset({RoleName.DEFENDER, RoleName.STAKEHOLDER, RoleName.SPEAKER})
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
    if roles & STAFF_ROLES:
        # Jury, travel and check-in volunteers work in the closed part but need no more than its participants
        # see: Chatham House speakers who did not consent stay unnamed to them.
        return Audience.CLOSED
    if roles & CLOSED_PART:
        # A role alone is not enough: a declined, withdrawn or not yet approved registration sees the public part.
        from defdays.registration.selectors import closed_part_standing

        if closed_part_standing(viewer, edition) is False:
            return Audience.PUBLIC
        return Audience.CLOSED
    return Audience.PUBLIC


def latest_version(edition):
    """The latest published version, without its (large) snapshot: one small query."""
    return (ScheduleVersion.objects.filter(edition=edition).defer("snapshot", "changelog")
            .order_by("-number").first())


def _unlisted_speakers(edition):
    """Speakers' accounts that must not appear: hidden ("hide me") or erased."""
    return Speaker.objects.filter(edition=edition, user__isnull=False).exclude(
        user__in=listable_users(User.objects.all()))


def _latest_with_fingerprint(edition):
    """The latest version and a fingerprint of the unlisted speakers, in one query (the per-request cost).

    Count, sum of ids and the latest hiding time change whenever a speaker is hidden, unhidden or erased, so a
    cached render never outlives a change of who may be named. Plain SQL because this runs on every request and
    building the equivalent ORM query costs more than running it; the condition mirrors
    accounts.selectors.listable_users (hidden or inactive = unlisted), and _hidden_user_ids uses that function.
    """
    sql = _FINGERPRINT_SQL.format(version=ScheduleVersion._meta.db_table, speaker=Speaker._meta.db_table,
                                  user=User._meta.db_table)
    return next(iter(ScheduleVersion.objects.raw(sql, [edition.pk])), None)


_UNLISTED = ("FROM {speaker} s JOIN {user} u ON u.id = s.user_id "
             "WHERE s.edition_id = v.edition_id AND (u.hidden_at IS NOT NULL OR NOT u.is_active)")
_FINGERPRINT_SQL = (
    "SELECT v.id, v.edition_id, v.number, v.name, v.published_at, v.published_by_id, "
    f"(SELECT COUNT(*) {_UNLISTED}) AS hidden_n, "
    f"(SELECT SUM(u.id) {_UNLISTED}) AS hidden_sum, "
    f"(SELECT MAX(u.hidden_at) {_UNLISTED}) AS hidden_last "
    "FROM {version} v WHERE v.edition_id = %s ORDER BY v.number DESC LIMIT 1"
)


def _hidden_user_ids(edition) -> set[int]:
    return set(_unlisted_speakers(edition).values_list("user_id", flat=True))


class Programme:
    """One audience's view of one published version. The filtered data is loaded only when something reads it,
    so a request served from the render cache never unpickles the whole programme."""

    def __init__(self, edition, version, audience: Audience, cache_key: str):
        self.edition, self.version, self.audience, self.cache_key = edition, version, audience, cache_key
        self._data = None

    @property
    def data(self) -> dict:  # snapshot.filter_for output
        if self._data is None:
            self._data = cache.get(self.cache_key)
            if self._data is None:
                snapshot = ScheduleVersion.objects.values_list("snapshot", flat=True).get(pk=self.version.pk)
                hidden = _hidden_user_ids(self.edition)
                self._data = filter_for(snapshot, self.audience, hidden_speakers_in(snapshot, hidden),
                                        time_zone=self.edition.tz)
                cache.set(self.cache_key, self._data, CACHE_SECONDS)
        return self._data

    @property
    def sessions(self):
        return self.data["sessions"]

    def session(self, slug):
        return next((s for s in self.data["sessions"] if s["slug"] == slug), None)

    def speaker(self, slug):
        return self.data["speakers"].get(slug)


HEAD_SECONDS = 60  # a safety net only: publishing and hiding someone delete the head at once (signals.py)


def head_key(edition_pk) -> str:
    return f"programme-head:{edition_pk}"


def invalidate(edition_pks=None) -> None:
    """Forget the cached head of these editions (all when None): the next request reads the database again."""
    if edition_pks is None:
        from defdays.editions.models import Edition

        edition_pks = list(Edition.objects.values_list("pk", flat=True))
    cache.set_many({generation_key(pk): secrets.token_hex(4) for pk in edition_pks}, None)
    cache.delete_many([head_key(pk) for pk in edition_pks])


def generation_key(edition_pk) -> str:
    return f"programme:generation:{edition_pk}"


def _generation(edition_pk) -> str:
    """Read only when the head is rebuilt, never on the per-request path."""
    generation = cache.get(generation_key(edition_pk))
    if generation is None:
        generation = secrets.token_hex(4)
        cache.add(generation_key(edition_pk), generation, None)
        generation = cache.get(generation_key(edition_pk), generation)
    return generation


def _head(edition):
    """(version, cache key prefix) of the latest published version, from the cache when possible.

    With a shared cache (CACHE_URL) every web node sees the deletion made by a publish or a "hide me" at once.
    """
    head = cache.get(head_key(edition.pk))
    if head is None:
        version = _latest_with_fingerprint(edition)
        if version is None:
            head = ()
        else:
            fingerprint = hashlib.sha256(
                f"{version.hidden_n}:{version.hidden_sum}:{version.hidden_last}".encode()).hexdigest()[:16]
            # The generation changes on every invalidation (publish, hide, erasure, a speaker's new name written
            # into the snapshot), which retires everything rendered under the old head; a head that merely
            # expired keeps its generation, so the rendered output stays in use.
            head = (version.pk, version.number, version.name, version.published_at,
                    f"{fingerprint}:{_generation(edition.pk)}")
        cache.set(head_key(edition.pk), head, HEAD_SECONDS)
    if not head:
        return None, None
    pk, number, name, published_at, fingerprint = head
    version = ScheduleVersion(pk=pk, edition=edition, number=number, name=name, published_at=published_at)
    # The version's primary key and publish time make the key unique to this publish: publishing again
    # produces new keys, so nothing rendered for an older version is ever served.
    return version, f"programme:{edition.pk}:{pk}:{published_at.timestamp()}:{fingerprint}"


def programme_for(viewer, edition, *, audience: Audience | None = None) -> Programme | None:
    """The latest published programme as this viewer may see it (None before the first publish)."""
    audience = audience or audience_for(viewer, edition)
    version, prefix = _head(edition)
    if version is None:
        return None
    return Programme(edition, version, audience, f"{prefix}:{audience.value}")


# What a key names never changes (the key carries version, audience, hidden-speaker fingerprint and generation),
# so each process may keep the last few outputs itself and skip unpickling 150 KB from the shared cache.
_LOCAL_RENDERS: OrderedDict[str, str] = OrderedDict()
_LOCAL_RENDERS_MAX = 32


def cached_render(programme: Programme, kind: str, language: str, render):
    """Rendered output (a page fragment or an export) cached under the programme's own audience key."""
    key = f"{programme.cache_key}:{kind}:{language}"
    output = _LOCAL_RENDERS.get(key)
    if output is not None:
        _LOCAL_RENDERS.move_to_end(key)
        return output
    output = cache.get(key)
    if output is None:
        output = render()
        cache.set(key, output, CACHE_SECONDS)
    _LOCAL_RENDERS[key] = output
    while len(_LOCAL_RENDERS) > _LOCAL_RENDERS_MAX:
        _LOCAL_RENDERS.popitem(last=False)
    return output


def visible_session(viewer, edition, slug):
    """(programme, session dict) or (programme, None): a session the viewer may not see is simply absent."""
    programme = programme_for(viewer, edition)
    return programme, (programme.session(slug) if programme else None)


def working_session_for(viewer, edition, slug):
    """The working-copy Session behind a published session the viewer may see, or None (-> 404)."""
    programme, session = visible_session(viewer, edition, slug)
    if session is None:
        return programme, None, None
    return programme, session, Session.objects.filter(edition=edition, pk=session["id"]).first()


def days_of(programme: Programme):
    """[(index, date, [sessions])] over the edition's days, sessions with local datetimes attached."""
    edition = programme.edition
    by_day = {}
    for session in programme.sessions:
        by_day.setdefault(session["day"], []).append(with_datetimes(session))
    return [(n, day, by_day.get(day.isoformat(), [])) for n, day in enumerate(edition.days(), start=1)]


def with_datetimes(session: dict) -> dict:
    return {**session, "start_dt": datetime.fromisoformat(session["local_start"]),
            "end_dt": datetime.fromisoformat(session["local_end"])}


def day_grid(programme: Programme, day: date):
    """Rooms x start times for one day: (rooms, [(time, [cell sessions per room])])."""
    sessions = [with_datetimes(s) for s in programme.sessions if s["day"] == day.isoformat()]
    room_ids = {s["room"] for s in sessions}
    rooms = [r for r in programme.data["rooms"] if r["id"] in room_ids]
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


def changelogs_for(viewer, edition):
    """[(version, changes)] newest first, each diff computed on what this viewer's audience may see."""
    audience = audience_for(viewer, edition)
    versions = list(ScheduleVersion.objects.filter(edition=edition).order_by("number"))
    per_version = changelogs([v.snapshot for v in versions], audience)  # sessions only, never speaker names
    return [(v, [with_local_dates(c, edition.tz) for c in changes])
            for v, changes in reversed(list(zip(versions, per_version)))]


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
        entry["clashes"] = [o["title"] for o in entries
                            if o is not entry and o["start_dt"] < entry["end_dt"] and entry["start_dt"] < o["end_dt"]]
    return entries, len(ids) - len(entries)


def speaking_links(user, edition):
    """The person's own speaker rows in this edition's working copy, for their consent page."""
    return list(SessionSpeaker.objects.filter(speaker__user=user, speaker__edition=edition)
                .select_related("session").order_by("session__start", "session__title"))


def agenda_session_ids(user, edition) -> set[int]:
    return set(AgendaEntry.objects.filter(user=user, session__edition=edition).values_list("session_id", flat=True))


def feed_owner(token_hash: str):
    from defdays.programme.models import AgendaFeedToken

    return AgendaFeedToken.objects.select_related("user", "edition").filter(token_hash=token_hash).first()


# --- Organisers (working copy) ------------------------------------------------------------------------------

def orga_sessions(edition):
    return (Session.objects.filter(edition=edition).select_related("room", "track")
            .prefetch_related("speaker_links__speaker__user").order_by("start", "title"))


def orga_speakers(edition):
    return Speaker.objects.filter(edition=edition).select_related("user").order_by("id")
