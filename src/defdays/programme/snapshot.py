"""Freezing the working copy into a JSON snapshot, filtering a snapshot for an audience, and diffing two of them.

The snapshot is complete (closed sessions, every speaker with their consent flag and account id). It is never
handed to a template or an export as it is: `filter_for` is the one place that decides, for an audience, which
sessions and which speaker names remain. Everything public and participant-facing goes through it.
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from defdays.programme.models import (
    Room,
    Session,
    SessionAudience,
    SessionLink,
    SessionMaterial,
    SessionSpeaker,
    SessionStatus,
    Track,
)


class Audience(str, enum.Enum):
    PUBLIC = "public"  # anonymous visitors, open-session attendees, anyone without a closed-part role
    CLOSED = "closed"  # defenders, stakeholders, speakers
    STAFF = "staff"  # organisers and the other staff teams (two-factor done)


def build_snapshot(edition) -> dict:
    """The edition's working copy as plain data: scheduled sessions with a start time; cancelled ones drop out."""
    sessions = list(
        Session.objects.filter(edition=edition, status=SessionStatus.SCHEDULED, start__isnull=False)
        .order_by("start", "title")
        .values(
            "id",
            "uid",
            "slug",
            "title",
            "abstract",
            "type",
            "track_id",
            "room_id",
            "start",
            "duration",
            "language",
            "interpretation",
            "audience",
            "chatham_house",
            "no_recording",
            "no_photos",
            "seat_cap",
            "translations",
        )
    )
    ids = [s["id"] for s in sessions]
    links, speakers_of, speakers = {}, {}, {}
    for link in SessionLink.objects.filter(session_id__in=ids).order_by("id").values("session_id", "title", "url"):
        links.setdefault(link["session_id"], []).append([link["title"], link["url"]])
    files = {}
    for material in (
        SessionMaterial.objects.filter(session_id__in=ids).order_by("id").values("session_id", "uid", "title")
    ):
        files.setdefault(material["session_id"], []).append([str(material["uid"]), material["title"]])
    for row in (
        SessionSpeaker.objects.filter(session_id__in=ids).select_related("speaker__user").order_by("position", "id")
    ):
        speaker = row.speaker
        speakers[str(speaker.id)] = {
            "slug": speaker.slug,
            "uid": str(speaker.uid),
            "name": speaker.display_name,
            "bio": speaker.bio,
            "user_id": speaker.user_id,
        }
        speakers_of.setdefault(row.session_id, []).append(
            [speaker.id, row.role, row.consent_closed, row.consent_public]
        )
    for s in sessions:
        s["uid"] = str(s["uid"])
        s["start"] = s["start"].isoformat()
        s["track"] = s.pop("track_id")
        s["room"] = s.pop("room_id")
        s["links"] = links.get(s["id"], [])
        if s["id"] in files:  # only where there are some: versions published before materials existed stay equal
            s["materials"] = files[s["id"]]
        s["speakers"] = speakers_of.get(s["id"], [])
    rooms = list(Room.objects.filter(edition=edition).values("id", "name", "capacity", "accessibility", "is_closed"))
    tracks = {str(t["id"]): t["name"] for t in Track.objects.filter(edition=edition).values("id", "name")}
    return {"rooms": rooms, "tracks": tracks, "speakers": speakers, "sessions": sessions}


def speaker_named(audience: Audience, session: dict, consent_closed: bool, consent_public: bool) -> bool:
    """May this audience read this speaker's name on this session? (Hidden people are removed before this.)

    - Staff organise the programme and see every (non-hidden) speaker.
    - Chatham House: only inside the closed part, and only with the speaker's consent to that. Never to the public.
    - A closed session's speakers are named inside the closed part (its audience), never outside.
    - An open session's speakers are named only with their consent to public naming.
    """
    if audience is Audience.STAFF:
        return True
    if session["chatham_house"]:
        return audience is Audience.CLOSED and consent_closed
    if session["audience"] == SessionAudience.CLOSED:
        return audience is Audience.CLOSED
    return consent_public


def publicly_named(snapshot: dict | None) -> set[tuple[int, int]]:
    """(session id, speaker id) of everyone this snapshot names to the public."""
    return {
        (s["id"], speaker_id)
        for s in (snapshot or {"sessions": []})["sessions"]
        if session_visible(Audience.PUBLIC, s)
        for speaker_id, _role, consent_closed, consent_public in s["speakers"]
        if speaker_named(Audience.PUBLIC, s, consent_closed, consent_public)
    }


def session_visible(audience: Audience, session: dict) -> bool:
    return audience is not Audience.PUBLIC or session["audience"] == SessionAudience.OPEN


def filter_for(snapshot: dict, audience: Audience, hidden_speaker_ids: set[int], *, time_zone) -> dict:
    """What one audience may see of a snapshot: the only gate between the snapshot and any output."""
    sessions, named = [], {}
    rooms = room_names(snapshot)
    for raw in snapshot["sessions"]:
        if not session_visible(audience, raw):
            continue
        session = {k: v for k, v in raw.items() if k != "speakers"}
        session["speakers"] = []
        for speaker_id, role, consent_closed, consent_public in raw["speakers"]:
            if speaker_id in hidden_speaker_ids or not speaker_named(audience, raw, consent_closed, consent_public):
                continue
            person = snapshot["speakers"][str(speaker_id)]
            session["speakers"].append(
                {"slug": person["slug"], "uid": person["uid"], "name": person["name"], "role": role}
            )
            entry = named.setdefault(
                person["slug"], {"slug": person["slug"], "name": person["name"], "bio": person["bio"], "sessions": []}
            )
            entry["sessions"].append(raw["slug"])
        sessions.append(_placed(session, rooms, time_zone))
    used_rooms = {s["room"] for s in sessions}
    used_tracks = {str(s["track"]) for s in sessions if s["track"]}
    return {
        "audience": audience.value,
        # Only rooms and tracks of sessions this audience sees: a track used in the closed part alone stays unnamed.
        "rooms": [r for r in snapshot["rooms"] if r["id"] in used_rooms],
        "tracks": {key: name for key, name in snapshot["tracks"].items() if key in used_tracks},
        "sessions": sessions,
        "speakers": named,
        # Calendars only (STATUS:CANCELLED), and only those this audience could see; no speaker names.
        "cancelled": [
            _placed({**raw, "speakers": []}, rooms, time_zone)
            for raw in snapshot.get("cancelled", [])
            if session_visible(audience, raw)
        ],
    }


def _placed(session: dict, rooms: dict, time_zone) -> dict:
    start = datetime.fromisoformat(session["start"]).astimezone(time_zone)
    session["local_start"] = start.isoformat()
    session["local_end"] = (start + timedelta(minutes=session["duration"])).isoformat()
    session["day"] = start.date().isoformat()
    session["room_name"] = session.get("room_name") or rooms.get(session["room"], "")
    return session


_BOOKKEEPING = ("sequence", "modified", "room_name")


def _content(session: dict) -> dict:
    return {k: v for k, v in session.items() if k not in _BOOKKEEPING}


def carry_history(previous: dict | None, snapshot: dict, published_at: datetime, *, left_out: dict[int, str]) -> None:
    """Give each session of a new snapshot its calendar history, and keep the sessions gone since the previous one.

    A calendar app that subscribed to a feed updates an event when its SEQUENCE rises and LAST-MODIFIED moves; an
    event that merely disappears is kept by some apps for ever (or duplicated once it comes back). So: the sequence
    is raised, and the modification time set, in the version where anything about the session changed; a session
    cancelled or unscheduled is kept under "cancelled" (no speakers) for the feeds to mark it so.

    `left_out` maps the edition's sessions that are not in the snapshot to their audience now. That audience, not
    the published one, decides who sees the cancellation: an open session published by mistake and then moved to
    the closed part must not stay in the public feed as cancelled. A deleted session is forgotten altogether."""
    previous = previous or {}
    was_cancelled = {c["id"]: c for c in previous.get("cancelled", [])}
    known = was_cancelled | {s["id"]: s for s in previous.get("sessions", [])}
    now = published_at.isoformat()
    for session in snapshot["sessions"]:
        before = known.get(session["id"])
        if before is None:
            session["sequence"], session["modified"] = 0, now
        elif session["id"] in was_cancelled or _content(before) != _content(session):
            session["sequence"], session["modified"] = before.get("sequence", 0) + 1, now
        else:
            session["sequence"], session["modified"] = before.get("sequence", 0), before.get("modified", now)
    current = {s["id"] for s in snapshot["sessions"]}
    rooms = room_names(previous) if previous else {}
    cancelled = [c for c in previous.get("cancelled", []) if c["id"] not in current] + [
        {
            **_content(s),
            "speakers": [],
            "room_name": rooms.get(s["room"], ""),
            "sequence": s.get("sequence", 0) + 1,
            "modified": now,
        }
        for s in previous.get("sessions", [])
        if s["id"] not in current
    ]
    snapshot["cancelled"] = [{**c, "audience": left_out[c["id"]]} for c in cancelled if c["id"] in left_out]


def hidden_speakers_in(snapshot: dict, hidden_user_ids: set[int]) -> set[int]:
    return {int(sid) for sid, person in snapshot["speakers"].items() if person["user_id"] in hidden_user_ids}


def diff(old: list[dict], new: list[dict], old_rooms: dict, new_rooms: dict) -> list[dict]:
    """What changed between two session lists: new, cancelled, moved (time), room (change of room), updated."""
    before = {s["id"]: s for s in old}
    after = {s["id"]: s for s in new}
    changes = []
    for sid, s in after.items():
        base = {
            "session": sid,
            "slug": s["slug"],
            "title": s["title"],
            "start": s["start"],
            "duration": s["duration"],
            "room": new_rooms.get(s["room"], ""),
        }
        if sid not in before:
            changes.append({**base, "kinds": ["new"]})
            continue
        o = before[sid]
        kinds = []
        if o["start"] != s["start"] or o["duration"] != s["duration"]:
            kinds.append("moved")
        if o["room"] != s["room"]:
            kinds.append("room")
        if o["title"] != s["title"]:
            kinds.append("updated")
        if kinds:
            changes.append(
                {
                    **base,
                    "kinds": kinds,
                    "old_start": o["start"],
                    "old_duration": o["duration"],
                    "old_room": old_rooms.get(o["room"], ""),
                    "old_title": o["title"],
                }
            )
    for sid, o in before.items():
        if sid not in after:
            changes.append(
                {
                    "session": sid,
                    "slug": o["slug"],
                    "title": o["title"],
                    "start": o["start"],
                    "duration": o["duration"],
                    "room": old_rooms.get(o["room"], ""),
                    "kinds": ["cancelled"],
                }
            )
    changes.sort(key=lambda c: (c["start"], c["title"]))
    return changes


def room_names(snapshot: dict) -> dict:
    return {r["id"]: r["name"] for r in snapshot["rooms"]}


def diff_snapshots(old: dict | None, new: dict, audience: Audience | None = None, *, time_zone=None) -> list[dict]:
    """Changelog between two snapshots, for one audience (filtered first) or unfiltered (staff, emails)."""
    old = old or {"rooms": [], "tracks": {}, "speakers": {}, "sessions": []}
    if audience is None:
        return diff(old["sessions"], new["sessions"], room_names(old), room_names(new))
    old_sessions = [s for s in old["sessions"] if session_visible(audience, s)]
    new_sessions = [s for s in new["sessions"] if session_visible(audience, s)]
    return diff(old_sessions, new_sessions, room_names(old), room_names(new))


def changelogs(snapshots: list[dict], audience: Audience) -> list[list[dict]]:
    """Each version's changes (oldest first) as this audience may read them.

    A session whose latest appearance is one the audience may not see is left out of every version: a session
    published as open by mistake and then moved to the closed part would otherwise stay in the public changelog
    for ever, first as "new", then as "cancelled". A session really cancelled keeps its entries."""
    last_seen = {}
    for snapshot in snapshots:
        last_seen.update({s["id"]: s for s in snapshot["sessions"]})
    unseen = {sid for sid, s in last_seen.items() if not session_visible(audience, s)}
    out, previous = [], None
    for snapshot in snapshots:
        out.append([c for c in diff_snapshots(previous, snapshot, audience) if c["session"] not in unseen])
        previous = snapshot
    return out


def with_local_dates(change: dict, tz) -> dict:
    """A changelog entry with its times as local datetimes (for pages and emails)."""
    change = dict(change)
    change["start_dt"] = datetime.fromisoformat(change["start"]).astimezone(tz)
    if change.get("old_start"):
        change["old_start_dt"] = datetime.fromisoformat(change["old_start"]).astimezone(tz)
    return change
