"""A small programme with every case that must not leak: closed sessions, Chatham House, consent, hidden people."""

from dataclasses import dataclass, field
from datetime import datetime

import pytest
from django.core.cache import cache

from defdays.people.services import set_hidden
from defdays.programme import services
from defdays.programme.models import Room


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rendered output is cached per version; test databases reuse ids, so each test starts with an empty cache.
    cache.clear()
    yield
    cache.clear()


@dataclass
class Built:
    edition: object
    rooms: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    speakers: dict = field(default_factory=dict)


def at(edition, day, hour, minute=0):
    return datetime(edition.year, 4, day, hour, minute, tzinfo=edition.tz)


def session_fields(edition, title, *, day=4, hour=10, minutes=60, audience="open", room=None, **extra):
    return dict(
        title=title,
        type=extra.pop("type", "panel"),
        audience=audience,
        room=room,
        start=at(edition, day, hour),
        duration=minutes,
        **extra,
    )


def give_consent(session, speaker, consent):
    """Add a speaker; consent as the programme team records it for a guest, or as the speaker gives it."""
    if speaker.is_guest:
        return services.add_speaker(
            session, speaker, role="speaker", actor=None, consent_closed=consent, consent_public=consent
        )
    link = services.add_speaker(session, speaker, role="speaker", actor=None)
    if consent:
        link = services.speaker_set_consent(speaker.user, link=link, consent_closed=True, consent_public=True)
    return link


@pytest.fixture
def build_programme(edition, make_user):
    def build(publish=True):
        b = Built(edition)
        b.rooms["hall"] = Room.objects.create(edition=edition, name="Hall", capacity=200, is_closed=False)
        b.rooms["closed"] = Room.objects.create(edition=edition, name="Back room", capacity=30, is_closed=True)
        b.rooms["lab"] = Room.objects.create(edition=edition, name="Lab", capacity=10, is_closed=True)
        for key in ("open_consenting", "open_shy", "closed_trainer", "chatham_consenting", "chatham_shy", "hidden"):
            b.people[key] = make_user("speaker", edition=edition, public_name=f"Speaker {key.upper()}")
        set_hidden(b.people["hidden"], True, actor=b.people["hidden"])
        for key, user in b.people.items():
            b.speakers[key] = services.speaker_for_user(edition, user)
        b.speakers["guest"] = services.create_guest(edition, "Mrs Public Figure", "A public role.", actor=None)

        def add(key, title, speakers, **kw):
            session = services.save_session(edition, None, session_fields(edition, title, **kw), actor=None)
            for skey, consent in speakers:
                give_consent(session, b.speakers[skey], consent)
            b.sessions[key] = session

        add(
            "open_panel",
            "Open Panel Title",
            [("guest", True), ("open_consenting", True), ("open_shy", False), ("hidden", True)],
            room=b.rooms["hall"],
            hour=10,
        )
        add(
            "closed_training",
            "Closed Training Title",
            [("closed_trainer", False)],
            audience="closed",
            room=b.rooms["lab"],
            hour=9,
            type="training",
            seat_cap=2,
            day=2,
        )
        add(
            "chatham",
            "Chatham Strategy Title",
            [("chatham_consenting", True), ("chatham_shy", False)],
            audience="closed",
            room=b.rooms["closed"],
            hour=14,
            day=3,
            chatham_house=True,
        )
        add(
            "open_chatham",
            "Open Chatham Title",
            [("chatham_consenting", True)],
            room=b.rooms["hall"],
            hour=15,
            chatham_house=True,
        )
        if publish:
            services.publish(edition, "First", actor=None, approve_public_names=True)
        return b

    return build


# Strings that only some audiences may read.


def json_events(data: dict) -> list[dict]:
    """Every event of a schedule.json (frab/c3voc shape: days, then rooms by name)."""
    return [
        event for day in data["schedule"]["conference"]["days"] for events in day["rooms"].values() for event in events
    ]
