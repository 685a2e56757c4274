import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from icalendar import Calendar

from defdays.programme import services
from defdays.programme.models import Room, Session
from tests.conftest import sign_in
from tests.programme.conftest import json_events, session_fields

pytestmark = pytest.mark.django_db

EVENT_CHILDREN = [
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
    "persons",
    "links",
    "attachments",
    "recording",
]


def _xml(client):
    response = client.get(reverse("programme:schedule_xml", kwargs={"year": 2013}))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def test_frab_schedule_xml_has_the_required_structure(client, edition, build_programme):
    build_programme()
    root = _xml(client)
    assert root.tag == "schedule"
    assert root.find("version").text
    conference = root.find("conference")
    for tag in ("title", "acronym", "start", "end", "days", "timeslot_duration", "time_zone_name"):
        assert conference.find(tag) is not None and conference.find(tag).text, tag
    assert conference.find("time_zone_name").text == "Europe/Stockholm"
    days = root.findall("day")
    assert [d.get("index") for d in days] == ["1", "2", "3", "4"]
    assert all(d.get("date") and d.get("start") and d.get("end") for d in days)
    events = root.findall("day/room/event")
    assert len(events) == 2  # the anonymous viewer: open sessions only
    for room in root.findall("day/room"):
        assert room.get("name") and room.get("guid")
    for event in events:
        assert event.get("guid") and event.get("id").isdigit()
        assert [child.tag for child in event if child.tag in EVENT_CHILDREN] == EVENT_CHILDREN
        assert len(event.find("start").text) == 5 and len(event.find("duration").text) == 5
        for person in event.findall("persons/person"):
            assert person.get("id").isdigit() and person.text
        assert event.find("recording/optout").text in ("true", "false")
    panel = next(e for e in events if e.find("title").text == "Open Panel Title")
    assert panel.find("start").text == "10:00" and panel.find("duration").text == "01:00"
    assert panel.find("date").text == "2013-04-04T10:00:00+02:00"
    chatham = next(e for e in events if e.find("title").text == "Open Chatham Title")
    assert chatham.find("recording/optout").text == "true"


def test_xml_breaking_titles_give_well_formed_xml(client, edition):
    title = 'Tags <b>&amp; "quotes" & \x07\x1b control\ufffe chars'  # NUL never gets stored (form validator)
    room = Room.objects.create(edition=edition, name="R&D <lab>", capacity=5, is_closed=False)
    services.save_session(
        edition, None, session_fields(edition, "placeholder", abstract="a < b && c > d\x0b", room=room), actor=None
    )

    Session.objects.update(title=title)  # bypass the form: the export must survive whatever is stored
    services.publish(edition, "v<1>&", actor=None)
    root = _xml(client)
    assert root.find("day/room").get("name") == "R&D <lab>"
    assert root.find("day/room/event/title").text == 'Tags <b>&amp; "quotes" &  control chars'
    assert root.find("day/room/event/abstract").text == "a < b && c > d"
    assert root.find("version").text == "1: v<1>&"
    json.loads(client.get(reverse("programme:schedule_json", kwargs={"year": 2013})).content)
    Calendar.from_ical(client.get(reverse("programme:schedule_ics", kwargs={"year": 2013})).content)


def test_ical_has_one_event_per_visible_session_in_utc(client, edition, build_programme):
    build_programme()
    response = client.get(reverse("programme:schedule_ics", kwargs={"year": 2013}))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == ["Open Chatham Title", "Open Panel Title"]
    panel = next(e for e in events if str(e["summary"]) == "Open Panel Title")
    assert panel.decoded("dtstart").isoformat() == "2013-04-04T08:00:00+00:00"
    assert str(panel["location"]) == "Hall"
    assert str(panel["uid"]).endswith("@defdays")


def test_json_export_lists_visible_sessions_with_local_times(client, edition, build_programme):
    build_programme()
    data = json.loads(client.get(reverse("programme:schedule_json", kwargs={"year": 2013})).content)
    sessions = json_events(data)
    assert {s["title"] for s in sessions} == {"Open Panel Title", "Open Chatham Title"}
    panel = next(s for s in sessions if s["title"] == "Open Panel Title")
    assert panel["date"] == "2013-04-04T10:00:00+02:00" and panel["room"] == "Hall"
    assert panel["start"] == "10:00" and panel["duration"] == "01:00"
    assert {p["name"] for p in panel["persons"]} == {"Mrs Public Figure", "Speaker OPEN_CONSENTING"}


def test_staff_csv_is_for_the_programme_team_only_and_audited(client, client_as, edition, build_programme):
    build_programme()
    url = reverse("programme:orga_csv", kwargs={"year": 2013})
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client_as("defender")
    assert client.get(url).status_code == 403
    client_as("programme")
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Closed Training Title" in body and "Speaker CHATHAM_SHY" in body and "Speaker HIDDEN" not in body
    from defdays.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="export", detail__kind="programme.sessions_csv").exists()


def test_csv_neutralises_formulas(client_as, edition):
    services.save_session(edition, None, session_fields(edition, '=HYPERLINK("x")'), actor=None)
    client = client_as("organiser")
    body = client.get(reverse("programme:orga_csv", kwargs={"year": 2013})).content.decode()
    assert "'=HYPERLINK" in body


def test_exports_answer_304_while_the_version_is_unchanged(client, make_user, edition, build_programme):
    built = build_programme()
    url = reverse("programme:schedule_xml", kwargs={"year": 2013})
    etag = client.get(url)["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    sign_in(client, make_user("defender", edition=edition))
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200  # another audience, another tag
    client.logout()
    services.save_session(edition, built.sessions["open_panel"], {"title": "Changed"}, actor=None)
    services.publish(edition, "Two", actor=None)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
