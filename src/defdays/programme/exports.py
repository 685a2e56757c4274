"""Exports of a filtered programme (selectors.Programme): iCalendar, frab schedule.xml, JSON; and CSV for staff.

They receive only what the viewer's audience may see; nothing here decides visibility.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event

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


def ical(programme, *, base_url: str, sessions=None, name=None) -> bytes:
    edition = programme.edition
    cal = Calendar()
    cal.add("prodid", "-//defdays//programme//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name or edition.title)
    cal.add("x-wr-timezone", edition.time_zone)
    stamp = programme.version.published_at
    for session in sessions if sessions is not None else programme.sessions:
        start = datetime.fromisoformat(session["start"])
        event = Event()
        event.add("uid", f"{session['uid']}@defdays")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=session["duration"]))
        event.add("summary", session["title"])
        speakers = ", ".join(p["name"] for p in session["speakers"])
        event.add("description", "\n\n".join(filter(None, [speakers, session["abstract"]])))
        room = _room_name(programme, session)
        if room:
            event.add("location", room)
        event.add("url", _session_url(base_url, edition, session))
        cal.add_component(event)
    return cal.to_ical()


def _room_name(programme, session):
    return next((r["name"] for r in programme.data["rooms"] if r["id"] == session["room"]), "")


def frab_xml(programme, *, base_url: str) -> bytes:
    """The frab schedule.xml read by Giggity, ConfClerk and the c3voc tools."""
    edition = programme.edition
    tz = edition.tz
    root = ET.Element("schedule")
    ET.SubElement(root, "version").text = xml_text(f"{programme.version.number}: {programme.version.name}")
    conference = ET.SubElement(root, "conference")
    for tag, value in (("acronym", f"defdays{edition.year}"), ("title", edition.title),
                       ("start", edition.start_date.isoformat()), ("end", edition.end_date.isoformat()),
                       ("days", str(len(edition.days()))), ("timeslot_duration", "00:15"),
                       ("base_url", f"{base_url}/{edition.year}/"), ("time_zone_name", edition.time_zone)):
        ET.SubElement(conference, tag).text = xml_text(value)
    rooms = programme.data["rooms"]
    for index, day in enumerate(edition.days(), start=1):
        day_start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
        day_el = ET.SubElement(root, "day", index=str(index), date=day.isoformat(),
                               start=day_start.isoformat(), end=(day_start + timedelta(days=1)).isoformat())
        todays = [s for s in programme.sessions if s["day"] == day.isoformat()]
        for room in rooms:
            in_room = [s for s in todays if s["room"] == room["id"]]
            if not in_room:
                continue
            room_el = ET.SubElement(day_el, "room", name=xml_text(room["name"]),
                                    guid=str(uuid.uuid5(GUID_NAMESPACE, f"room-{room['id']}")))
            for session in in_room:
                _frab_event(room_el, programme, session, room["name"], base_url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _frab_event(parent, programme, session, room_name, base_url):
    edition = programme.edition
    start = datetime.fromisoformat(session["local_start"])
    event = ET.SubElement(parent, "event", guid=session["uid"], id=str(frab_id(session["uid"])))
    track = programme.data["tracks"].get(str(session["track"]), "") if session["track"] else ""
    fields = [
        ("date", start.isoformat()), ("start", start.strftime("%H:%M")), ("duration", _hhmm(session["duration"])),
        ("room", room_name), ("slug", f"defdays{edition.year}-{frab_id(session['uid'])}-{session['slug']}"),
        ("url", _session_url(base_url, edition, session)), ("title", session["title"]), ("subtitle", ""),
        ("track", track), ("type", session["type"]), ("language", session["language"]),
        ("abstract", session["abstract"]), ("description", ""), ("logo", ""),
    ]
    for tag, value in fields:
        ET.SubElement(event, tag).text = xml_text(value)
    persons = ET.SubElement(event, "persons")
    for person in session["speakers"]:
        ET.SubElement(persons, "person", id=str(frab_id(person["uid"])),
                      guid=person["uid"]).text = xml_text(person["name"])
    links = ET.SubElement(event, "links")
    for title, url in session["links"]:
        ET.SubElement(links, "link", href=xml_text(url)).text = xml_text(title)
    ET.SubElement(event, "attachments")
    recording = ET.SubElement(event, "recording")
    ET.SubElement(recording, "license").text = ""
    ET.SubElement(recording, "optout").text = "true" if session["no_recording"] or session["chatham_house"] \
        else "false"


def json_export(programme, *, base_url: str) -> bytes:
    edition = programme.edition
    data = {
        "schedule": {
            "version": f"{programme.version.number}: {programme.version.name}",
            "published": programme.version.published_at.isoformat(),
            "conference": {
                "acronym": f"defdays{edition.year}", "title": edition.title,
                "start": edition.start_date.isoformat(), "end": edition.end_date.isoformat(),
                "time_zone_name": edition.time_zone,
                "rooms": [{"name": r["name"], "capacity": r["capacity"]} for r in programme.data["rooms"]],
                "sessions": [{
                    "guid": s["uid"], "slug": s["slug"], "title": s["title"], "abstract": s["abstract"],
                    "type": s["type"], "start": s["local_start"], "end": s["local_end"],
                    "duration": _hhmm(s["duration"]), "room": _room_name(programme, s),
                    "track": programme.data["tracks"].get(str(s["track"]), "") if s["track"] else "",
                    "language": s["language"], "interpretation": s["interpretation"],
                    "audience": s["audience"], "chatham_house": s["chatham_house"],
                    "no_recording": s["no_recording"], "no_photos": s["no_photos"],
                    "url": _session_url(base_url, edition, s),
                    "speakers": [{"name": p["name"], "role": p["role"],
                                  "url": f"{base_url}/{edition.year}/speakers/{p['slug']}/"} for p in s["speakers"]],
                    "links": [{"title": t, "url": u} for t, u in s["links"]],
                } for s in programme.sessions],
            },
        }
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _cell(value) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: neutralise them."""
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def staff_csv(sessions) -> str:
    """The working copy for staff (organiser view); hidden people's names are left out."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "title", "type", "audience", "status", "start", "end", "room", "chatham_house",
                     "no_recording", "seat_cap", "speakers", "agenda_count"])
    for s in sessions:
        tz = s.edition.tz
        names = [link.speaker.display_name for link in s.speaker_links.all()
                 if link.speaker.user is None or (link.speaker.user.hidden_at is None and link.speaker.user.is_active)]
        writer.writerow([_cell(v) for v in (
            s.pk, s.title, s.type, s.audience, s.status,
            timezone.localtime(s.start, tz).isoformat() if s.start else "",
            timezone.localtime(s.end, tz).isoformat() if s.start else "",
            s.room.name if s.room else "", s.chatham_house, s.no_recording, s.seat_cap or "",
            "; ".join(names), s.agenda_count)])
    return out.getvalue()
