"""Schedule apps and calendars: schedule.json and schedule.xml validate against the frab/c3voc format for every
audience, and the iCalendar feeds carry what calendar apps need to update an event instead of duplicating it."""

import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from django.urls import reverse
from icalendar import Calendar
from lxml import etree

from defdays.programme import services
from defdays.programme.models import ScheduleVersion, Session
from tests.conftest import sign_in
from tests.programme.conftest import json_events

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
# Anonymous, open-session attendee, closed-part participants, staff.
VIEWERS = [
    (None, "public"),
    ("attendee", "public"),
    ("defender", "closed"),
    ("speaker", "closed"),
    ("organiser", "staff"),
    ("programme", "staff"),
]


@pytest.fixture(scope="module")
def json_validator():
    schema = json.loads((SCHEMAS / "schedule.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture(scope="module")
def xml_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xsd")))


def _get(client, name):
    response = client.get(reverse(f"programme:{name}", kwargs={"year": 2013}))
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("role,audience", VIEWERS)
def test_both_schedule_files_validate_for_every_audience(
    client, make_user, edition, build_programme, role, audience, json_validator, xml_schema
):
    build_programme()
    if role:
        sign_in(client, make_user(role, edition=edition))
    data = json.loads(_get(client, "schedule_json"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in json_validator.iter_errors(data)]
    assert errors == []
    document = etree.fromstring(_get(client, "schedule_xml"))
    assert xml_schema.validate(document), xml_schema.error_log

    titles = {e["title"] for e in json_events(data)}
    closed = {"Closed Training Title", "Chatham Strategy Title"}
    assert {"Open Panel Title", "Open Chatham Title"} <= titles
    assert (closed <= titles) if audience != "public" else not (closed & titles)
    # Both files describe the same events.
    assert {e.get("guid") for e in document.iter("event")} == {e["guid"] for e in json_events(data)}
    chatham = next(e for e in json_events(data) if e["title"] == "Open Chatham Title")
    assert chatham["do_not_record"] is True


def test_a_schedule_that_breaks_the_format_is_caught(json_validator, xml_schema):
    """The schemas themselves can fail: a person with both shapes, an event without a guid, a bad duration."""
    bad = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "defdays2013",
                "title": "t",
                "start": "2013-04-02",
                "end": "2013-04-05",
                "daysCount": 1,
                "timeslot_duration": "00:15",
                "days": [
                    {
                        "index": 1,
                        "date": "2013-04-02",
                        "day_start": "2013-04-02T00:00:00+02:00",
                        "day_end": "2013-04-03T00:00:00+02:00",
                        "rooms": {
                            "Hall": [
                                {
                                    "id": 1,
                                    "date": "2013-04-02T10:00:00+02:00",
                                    "start": "10:00",
                                    "duration": "1h",
                                    "room": "Hall",
                                    "slug": "defdays2013-1-x",
                                    "url": "http://x/",
                                    "title": "t",
                                    "subtitle": "",
                                    "track": "",
                                    "type": "panel",
                                    "language": "English",
                                    "abstract": "",
                                    "persons": [{"id": 1, "public_name": "a", "name": "a"}],
                                    "links": [],
                                }
                            ]
                        },
                    }
                ],
            },
        }
    }
    messages = " ".join(e.message for e in json_validator.iter_errors(bad))
    assert "'guid' is a required property" in messages and "1h" in messages and "valid under each of" in messages
    xml = etree.fromstring(b"<schedule><version>1</version><conference><acronym>x</acronym></conference></schedule>")
    assert not xml_schema.validate(xml)


def _events(client, url):
    return {str(e["summary"]): e for e in Calendar.from_ical(client.get(url).content).walk("VEVENT")}


def test_ical_sequence_last_modified_and_a_stable_dtstamp(client, edition, build_programme):
    built = build_programme()
    url = reverse("programme:schedule_ics", kwargs={"year": 2013})
    first = _events(client, url)
    v1 = ScheduleVersion.objects.get(number=1).published_at
    panel, other = first["Open Panel Title"], first["Open Chatham Title"]
    assert int(panel["sequence"]) == 0 and str(panel["status"]) == "CONFIRMED"
    assert panel.decoded("dtstamp") == panel.decoded("last-modified") == v1.replace(microsecond=0)
    assert client.get(url).content == client.get(url).content  # nothing moves between two fetches

    session = Session.objects.get(pk=built.sessions["open_panel"].pk)
    services.save_session(edition, session, {"start": session.start + timedelta(hours=1)}, actor=None)
    services.publish(edition, "Two", actor=None)
    second = _events(client, url)
    v2 = ScheduleVersion.objects.get(number=2).published_at
    assert int(second["Open Panel Title"]["sequence"]) == 1
    assert second["Open Panel Title"].decoded("last-modified") == v2.replace(microsecond=0)
    # The session that did not change keeps its sequence and its stamps across the publish.
    assert int(second["Open Chatham Title"]["sequence"]) == 0
    assert second["Open Chatham Title"].decoded("dtstamp") == other.decoded("dtstamp")


def test_a_cancelled_session_stays_in_the_feeds_as_cancelled(client, make_user, edition, build_programme):
    built = build_programme()
    defender = make_user("defender", edition=edition)
    services.agenda_add(defender, built.sessions["closed_training"].pk)
    token = services.rotate_feed(defender, edition)
    services.set_status(built.sessions["open_panel"], "cancelled", actor=None)
    services.set_status(built.sessions["closed_training"], "cancelled", actor=None)
    services.publish(edition, "Two", actor=None)

    url = reverse("programme:schedule_ics", kwargs={"year": 2013})
    public = _events(client, url)
    assert str(public["Open Panel Title"]["status"]) == "CANCELLED"
    assert int(public["Open Panel Title"]["sequence"]) == 1
    assert "Closed Training Title" not in public  # the public never saw it: it is not theirs to see cancelled
    assert "Speaker OPEN_CONSENTING" not in str(public["Open Panel Title"].get("description", ""))
    assert str(public["Open Chatham Title"]["status"]) == "CONFIRMED"
    assert "Open Panel Title" not in {e["title"] for e in json_events(json.loads(_get(client, "schedule_json")))}

    mine = _events(client, reverse("programme:agenda_feed", kwargs={"token": token}))
    assert str(mine["Closed Training Title"]["status"]) == "CANCELLED"

    # Back in the programme: confirmed again, with a higher sequence still.
    services.set_status(built.sessions["open_panel"], "scheduled", actor=None)
    services.publish(edition, "Three", actor=None, approve_public_names=True)
    again = _events(client, url)["Open Panel Title"]
    assert str(again["status"]) == "CONFIRMED" and int(again["sequence"]) == 2


def test_a_cancellation_follows_the_sessions_audience_now_and_a_deleted_session_is_forgotten(
    client, edition, build_programme
):
    built = build_programme()
    url = reverse("programme:schedule_ics", kwargs={"year": 2013})
    mistake, deleted = built.sessions["open_panel"], built.sessions["open_chatham"]
    services.set_status(mistake, "cancelled", actor=None)
    Session.objects.filter(pk=deleted.pk).delete()
    services.publish(edition, "Two", actor=None)
    assert str(_events(client, url)["Open Panel Title"]["status"]) == "CANCELLED"
    assert "Open Chatham Title" not in _events(client, url)
    # Published as open by mistake: moved to the closed part, it leaves the public feed, cancelled or not.
    services.save_session(edition, Session.objects.get(pk=mistake.pk), {"audience": "closed"}, actor=None)
    services.publish(edition, "Three", actor=None)
    assert _events(client, url) == {}
