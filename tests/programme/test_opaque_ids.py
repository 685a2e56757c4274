"""Public URLs and export ids say nothing of a person's names, and public slugs nothing of closed sessions."""

import json
import uuid
import zlib

import pytest
from django.apps import apps
from django.urls import reverse

from defdays.accounts import visibility
from defdays.people.services import update_profile
from defdays.programme import services
from defdays.programme.models import Room, ScheduleVersion, Session, Speaker
from tests.programme.conftest import give_consent, json_events, session_fields

pytestmark = pytest.mark.django_db

# The namespace the exports used to hash slugs with: it is in the public source, so such ids could be tested.
OLD_NAMESPACE = uuid.UUID("6f4a2d0c-2b1e-4d52-9b6e-0d5f2f8f4a11")


def _named_speaker(edition, make_user, name, title="Open Panel"):
    user = make_user("speaker", edition=edition, public_name=name)
    speaker = services.speaker_for_user(edition, user)
    room, _ = Room.objects.get_or_create(edition=edition, name="Hall", defaults={"capacity": 100, "is_closed": False})
    session = services.save_session(edition, None, session_fields(edition, title, room=room), actor=None)
    give_consent(session, speaker, True)
    services.publish(edition, "v", actor=None, approve_public_names=True)
    return user, speaker


def _exports(client):
    return {
        kind: client.get(reverse(f"programme:schedule_{kind}", kwargs={"year": 2013})).content.decode()
        for kind in ("ics", "xml", "json")
    }


def test_a_renamed_speaker_is_not_reachable_under_the_old_name(client, edition, make_user):
    user, speaker = _named_speaker(edition, make_user, "Alice Original")
    assert "alice" not in speaker.slug and "original" not in speaker.slug
    page = reverse("programme:speaker", kwargs={"year": 2013, "slug": speaker.slug})
    assert "Alice Original" in client.get(page).content.decode()

    update_profile(user, public_name="Pseudo Nym", language=user.language)
    assert client.get(reverse("programme:speaker", kwargs={"year": 2013, "slug": "alice-original"})).status_code == 404
    body = client.get(page).content.decode()  # the same opaque URL, now under the pseudonym only
    assert "Pseudo Nym" in body and "Alice Original" not in body
    Speaker.objects.get(pk=speaker.pk)  # and the slug did not change with the name
    assert Speaker.objects.get(pk=speaker.pk).slug == speaker.slug


def test_published_versions_change_only_through_the_rename_service(edition, make_user):
    """Saving the account row is not a rename of a speaker: published versions are rewritten by one explicit
    call (the profile change), never by whichever code happens to save a User."""
    from defdays.core import generation

    user, speaker = _named_speaker(edition, make_user, "Alice Original")

    def published_name():
        return ScheduleVersion.objects.get(edition=edition).snapshot["speakers"][str(speaker.pk)]["name"]

    user.public_name = "Saved Elsewhere"
    user.save()
    assert published_name() == "Alice Original"
    before = generation.current()
    update_profile(user, public_name="Pseudo Nym", language=user.language)
    assert published_name() == "Pseudo Nym"
    assert generation.current() != before


def test_export_ids_cannot_be_computed_from_a_name(client, edition, make_user):
    _named_speaker(edition, make_user, "Alice Original")
    exports = _exports(client)
    data = json.loads(exports["json"])
    persons = [p for s in json_events(data) for p in s["persons"]]
    assert [p["name"] for p in persons] == ["Alice Original"]
    for candidate in ("alice-original", "alice-original-2"):
        guesses = {
            candidate,
            str(zlib.crc32(candidate.encode())),
            str(uuid.uuid5(OLD_NAMESPACE, f"speaker-{candidate}")),
        }
        for kind, body in exports.items():
            for guess in guesses:
                assert guess not in body, (kind, guess)


def test_a_hidden_namesake_leaves_no_number_in_the_visible_speakers_url(client, edition, make_user):
    hidden = make_user("speaker", edition=edition, public_name="Sam Same")
    visibility.set_hidden(hidden.pk, True, by="person")
    services.speaker_for_user(edition, hidden)
    _user, visible = _named_speaker(edition, make_user, "Sam Same")
    assert not visible.slug.endswith("-2") and "sam" not in visible.slug


def test_a_closed_session_of_the_same_title_does_not_change_the_open_ones_slug(client, edition):
    closed = services.save_session(
        edition, None, session_fields(edition, "Digital Security", audience="closed"), actor=None
    )
    opened = services.save_session(edition, None, session_fields(edition, "Digital Security", hour=14), actor=None)
    assert opened.slug == "digital-security" and closed.slug != "digital-security-2"
    services.publish(edition, "v", actor=None)
    body = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert "digital-security-2" not in body and closed.slug not in body


def test_an_open_session_made_closed_gives_up_its_public_slug(edition):
    first = services.save_session(edition, None, session_fields(edition, "Lobbying"), actor=None)
    first = services.save_session(edition, first, {"audience": "closed"}, actor=None)
    assert first.slug != "lobbying"
    second = services.save_session(edition, None, session_fields(edition, "Lobbying", hour=15), actor=None)
    assert second.slug == "lobbying"


def test_the_migration_replaces_name_based_slugs_in_rows_and_published_snapshots(client, edition, make_user):
    from importlib import import_module

    migration = import_module("defdays.programme.migrations.0002_opaque_ids_two_consents")
    user, speaker = _named_speaker(edition, make_user, "Alice Original")
    closed = services.save_session(
        edition, None, session_fields(edition, "Open Panel", audience="closed", hour=16), actor=None
    )
    services.publish(edition, "v2", actor=None)
    # The state before the fix: name-based slugs, and an open session numbered because of a closed one.
    Speaker.objects.filter(pk=speaker.pk).update(slug="alice-original")
    open_session = Session.objects.get(audience="open")
    Session.objects.filter(pk=open_session.pk).update(slug="open-panel-2")
    Session.objects.filter(pk=closed.pk).update(slug="open-panel")
    for version in ScheduleVersion.objects.all():
        version.snapshot["speakers"][str(speaker.pk)]["slug"] = "alice-original"
        for s in version.snapshot["sessions"]:
            s["slug"] = "open-panel-2" if s["id"] == open_session.pk else "open-panel"
        version.save()

    migration.forwards(apps, None)
    from django.core.cache import cache

    cache.clear()
    assert client.get(reverse("programme:speaker", kwargs={"year": 2013, "slug": "alice-original"})).status_code == 404
    new_slug = Speaker.objects.get(pk=speaker.pk).slug
    assert "alice" not in new_slug
    assert client.get(reverse("programme:speaker", kwargs={"year": 2013, "slug": new_slug})).status_code == 200
    assert Session.objects.get(pk=open_session.pk).slug == "open-panel"
    assert Session.objects.get(pk=closed.pk).slug.startswith("open-panel-")
    for version in ScheduleVersion.objects.all():
        assert "alice-original" not in json.dumps(version.snapshot)
