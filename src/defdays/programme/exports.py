"""Exports of a filtered programme (selectors.Programme): iCalendar, frab schedule.xml, JSON; and CSV for staff.

They receive only what the viewer's audience may see; nothing here decides visibility.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

from defdays.accounts import visibility
from defdays.core.spreadsheets import csv_text

GUID_NAMESPACE = uuid.UUID("6f4a2d0c-2b1e-4d52-9b6e-0d5f2f8f4a11")
# Characters XML 1.0 cannot carry at all, even escaped: C0 controls except tab, newline, carriage return.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value) -> str:
    return _XML_FORBIDDEN.sub("", str(value if value is not None else ""))


def frab_id(guid: str) -> int:
    """frab's integer ids, taken from a random guid: stable, and saying nothing of a name (a person's id must not
    let anyone test "was pseudonym X formerly Y?") or of our row ids (whose gaps count what the viewer cannot see).
    52 bits: exact in every JSON reader."""
    return int(guid.replace("-", "")[:13], 16) or 1


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _session_url(base_url, edition, session):
    return f"{base_url}/{edition.year}/sessions/{session['slug']}/"


def _speaker_url(base_url, edition, person):
    return f"{base_url}/{edition.year}/speakers/{person['slug']}/"


def ical(programme, *, base_url: str, sessions=None, cancelled=None, name=None, appointments=()) -> bytes:
    """iCalendar: one VEVENT per session, and the sessions cancelled since they were published as STATUS:CANCELLED.

    DTSTAMP and LAST-MODIFIED are the publish time of the version in which the session last changed and SEQUENCE
    counts those changes (snapshot.carry_history): the same bytes on every fetch, and a calendar app that sees a
    changed event updates it instead of keeping the old one beside a new one."""
    edition = programme.edition
    cal = Calendar()
    cal.add("prodid", "-//defdays//programme//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name or edition.title)
    cal.add("x-wr-timezone", edition.time_zone)
    for status, chosen in (
        ("CONFIRMED", programme.sessions if sessions is None else sessions),
        ("CANCELLED", programme.data.get("cancelled", []) if cancelled is None else cancelled),
    ):
        for session in chosen:
            cal.add_component(_vevent(programme, session, status, base_url))
    for appointment in appointments:  # agenda_extras: a private feed's own meetings
        cal.add_component(_appointment_vevent(appointment, base_url))
    return cal.to_ical()


def _appointment_vevent(appointment, base_url) -> Event:
    event = Event()
    event.add("uid", f"{appointment.uid}@defdays")
    event.add("dtstamp", appointment.changed_at)
    event.add("last-modified", appointment.changed_at)
    event.add("status", "CONFIRMED")
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end)
    event.add("summary", appointment.calendar_title)
    if appointment.calendar_location:
        event.add("location", appointment.calendar_location)
    event.add("url", f"{base_url}{appointment.url}")
    return event


def _vevent(programme, session, status, base_url) -> Event:
    start = datetime.fromisoformat(session["start"])
    # Versions published before the history was kept carry neither field: their own publish time stands in.
    modified = (
        datetime.fromisoformat(session["modified"]) if session.get("modified") else programme.version.published_at
    )
    event = Event()
    event.add("uid", f"{session['uid']}@defdays")
    event.add("dtstamp", modified)
    event.add("last-modified", modified)
    event.add("sequence", session.get("sequence", 0))
    event.add("status", status)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=session["duration"]))
    event.add("summary", session["title"])
    speakers = ", ".join(p["name"] for p in session["speakers"])
    event.add("description", "\n\n".join(filter(None, [speakers, session["abstract"]])))
    if session.get("room_name"):
        event.add("location", session["room_name"])
    event.add("url", _session_url(base_url, programme.edition, session))
    return event


# --- frab / c3voc schedule (XML and JSON carry the same content) ---------------------------------------------


def _room_guid(room) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"room-{room['id']}"))


def _days(programme):
    """[(index, date, day start, day end, [(room, [sessions])])]: the frab grouping, rooms without sessions left out.
    Sessions without a room have no place in the format and are left out of both files."""
    tz = programme.edition.tz
    out = []
    for index, day in enumerate(programme.edition.days(), start=1):
        day_start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
        todays = [s for s in programme.sessions if s["day"] == day.isoformat()]
        rooms = [(room, [s for s in todays if s["room"] == room["id"]]) for room in programme.rooms]
        out.append((index, day, day_start, day_start + timedelta(days=1), [(r, ss) for r, ss in rooms if ss]))
    return out


def _frab_event(programme, session, room_name, base_url) -> dict:
    """One event's fields, in frab's order; persons and links as lists of dicts."""
    edition = programme.edition
    start = datetime.fromisoformat(session["local_start"])
    track = programme.track_of(session) or ""
    return {
        "guid": session["uid"],
        "id": frab_id(session["uid"]),
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": _hhmm(session["duration"]),
        "room": room_name,
        "slug": f"defdays{edition.year}-{frab_id(session['uid'])}-{session['slug']}",
        "url": _session_url(base_url, edition, session),
        "title": session["title"],
        "subtitle": "",
        "track": track,
        "type": session["type"],
        "language": session["language"],
        "abstract": session["abstract"],
        "description": "",
        "logo": "",
        "persons": [
            {"id": frab_id(p["uid"]), "guid": p["uid"], "name": p["name"], "url": _speaker_url(base_url, edition, p)}
            for p in session["speakers"]
        ],
        "links": [{"title": title, "url": url} for title, url in session["links"]],
        # Chatham House sessions are never recorded, whatever the flag says.
        "do_not_record": bool(session["no_recording"] or session["chatham_house"]),
    }


def frab_xml(programme, *, base_url: str) -> bytes:
    """The frab schedule.xml read by Giggity, ConfClerk and the c3voc tools."""
    edition = programme.edition
    root = ET.Element("schedule")
    ET.SubElement(root, "version").text = xml_text(f"{programme.version.number}: {programme.version.name}")
    conference = ET.SubElement(root, "conference")
    for tag, value in (
        ("acronym", f"defdays{edition.year}"),
        ("title", edition.title),
        ("start", edition.start_date.isoformat()),
        ("end", edition.end_date.isoformat()),
        ("days", str(len(edition.days()))),
        ("timeslot_duration", "00:15"),
        ("base_url", f"{base_url}/{edition.year}/"),
        ("time_zone_name", edition.time_zone),
    ):
        ET.SubElement(conference, tag).text = xml_text(value)
    for index, day, day_start, day_end, rooms in _days(programme):
        day_el = ET.SubElement(
            root, "day", index=str(index), date=day.isoformat(), start=day_start.isoformat(), end=day_end.isoformat()
        )
        for room, sessions in rooms:
            room_el = ET.SubElement(day_el, "room", name=xml_text(room["name"]), guid=_room_guid(room))
            for session in sessions:
                _xml_event(room_el, _frab_event(programme, session, room["name"], base_url))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


_XML_FIELDS = (
    "date",
    "start",
    "duration",
    "room",
    "slug",
    "url",
    "title",
    "subtitle",
    "track",
    "type",
    "language",
    "abstract",
    "description",
    "logo",
)


def _xml_event(parent, fields: dict) -> None:
    event = ET.SubElement(parent, "event", guid=fields["guid"], id=str(fields["id"]))
    for tag in _XML_FIELDS:
        ET.SubElement(event, tag).text = xml_text(fields[tag])
    persons = ET.SubElement(event, "persons")
    for person in fields["persons"]:
        ET.SubElement(persons, "person", id=str(person["id"]), guid=person["guid"]).text = xml_text(person["name"])
    links = ET.SubElement(event, "links")
    for link in fields["links"]:
        ET.SubElement(links, "link", href=xml_text(link["url"])).text = xml_text(link["title"])
    ET.SubElement(event, "attachments")
    recording = ET.SubElement(event, "recording")
    ET.SubElement(recording, "license").text = ""
    ET.SubElement(recording, "optout").text = "true" if fields["do_not_record"] else "false"


def json_export(programme, *, base_url: str) -> bytes:
    """The frab/c3voc schedule JSON (the shape schedule apps read): the same content as frab_xml."""
    edition = programme.edition
    days = [
        {
            "index": index,
            "date": day.isoformat(),
            "day_start": day_start.isoformat(),
            "day_end": day_end.isoformat(),
            "rooms": {
                room["name"]: [_frab_event(programme, s, room["name"], base_url) for s in sessions]
                for room, sessions in rooms
            },
        }
        for index, day, day_start, day_end, rooms in _days(programme)
    ]
    data = {
        "generator": {"name": "defdays"},
        "schedule": {
            "version": f"{programme.version.number}: {programme.version.name}",
            "base_url": f"{base_url}/{edition.year}/",
            "conference": {
                "acronym": f"defdays{edition.year}",
                "title": edition.title,
                "start": edition.start_date.isoformat(),
                "end": edition.end_date.isoformat(),
                "daysCount": len(edition.days()),
                "timeslot_duration": "00:15",
                "time_zone_name": edition.time_zone,
                "url": f"{base_url}/{edition.year}/",
                "rooms": [
                    {
                        "name": r["name"],
                        "guid": _room_guid(r),
                        "capacity": r["capacity"],
                        "description": r["accessibility"],
                    }
                    for r in programme.rooms
                ],
                "tracks": [{"name": name} for name in programme.track_names],
                "days": days,
            },
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def staff_csv(sessions) -> str:
    """The working copy for staff (organiser view); hidden people's names are left out."""
    header = [
        "id",
        "title",
        "type",
        "audience",
        "status",
        "start",
        "end",
        "room",
        "chatham_house",
        "no_recording",
        "seat_cap",
        "speakers",
        "agenda_count",
    ]
    return csv_text(header, (_staff_row(s) for s in sessions))


def _staff_row(s) -> tuple:
    tz = s.edition.tz
    names = [
        link.speaker.display_name
        for link in s.speaker_links.all()
        if link.speaker.user is None or visibility.is_listed(link.speaker.user)
    ]
    return (
        s.pk,
        s.title,
        s.type,
        s.audience,
        s.status,
        timezone.localtime(s.start, tz).isoformat() if s.start else "",
        timezone.localtime(s.end, tz).isoformat() if s.start else "",
        s.room.name if s.room else "",
        s.chatham_house,
        s.no_recording,
        s.seat_cap or "",
        "; ".join(names),
        s.agenda_count,
    )
