"""The programme team's pages: forms without JavaScript, conflicts before saving, bad input, publishing."""

import pytest
from django.urls import reverse

from defdays.programme import services
from defdays.programme.models import Room, ScheduleVersion, Session
from tests.programme.conftest import session_fields

pytestmark = pytest.mark.django_db


def form_data(room=None, **overrides):
    data = {
        "title": "Digital security",
        "abstract": "",
        "type": "training",
        "day": "2013-04-02",
        "starts": "09:00",
        "ends": "12:00",
        "language": "English",
        "audience": "closed",
        "action": "save",
    }
    if room:
        data["room"] = room.pk
    data.update(overrides)
    return data


@pytest.fixture
def team(client_as):
    return client_as("programme")


def new_url():
    return reverse("programme:orga_session_new", kwargs={"year": 2013})


def test_only_the_programme_team_gets_the_pages(client, client_as, edition):
    url = reverse("programme:orga_overview", kwargs={"year": 2013})
    assert client.get(url).status_code == 302
    client_as("defender")
    assert client.get(url).status_code == 403
    client_as("travel")
    assert client.get(url).status_code == 403
    client_as("organiser")
    assert client.get(url).status_code == 200
    client_as("programme")
    assert client.get(url).status_code == 200


def test_create_a_session_in_local_time(team, edition):
    room = Room.objects.create(edition=edition, name="Lab", capacity=20)
    response = team.post(new_url(), form_data(room, seat_cap="12"))
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.start.isoformat() == "2013-04-02T07:00:00+00:00" and session.duration == 180
    assert session.seat_cap == 12 and session.capacity is None  # seats open with the publish
    assert team.get(response["Location"]).status_code == 200


def test_conflicts_are_shown_before_saving_and_need_an_explicit_tick(team, edition):
    room = Room.objects.create(edition=edition, name="Lab", capacity=20)
    services.save_session(
        edition, None, session_fields(edition, "Existing", day=2, hour=10, room=room, audience="closed"), actor=None
    )
    check = team.post(new_url(), form_data(room, action="check"))
    assert check.status_code == 200 and "double-booked" in check.content.decode()
    assert Session.objects.count() == 1
    refused = team.post(new_url(), form_data(room))
    assert "Not saved" in refused.content.decode() and Session.objects.count() == 1
    assert 'value="Digital security"' in refused.content.decode()  # the input is kept
    accepted = team.post(new_url(), form_data(room, accept_conflicts="on"))
    assert accepted.status_code == 302 and Session.objects.count() == 2


def test_conflicts_page_lists_every_kind(team, edition, make_user):
    open_room = Room.objects.create(edition=edition, name="Hall", capacity=100, is_closed=False)
    small = Room.objects.create(edition=edition, name="Small", capacity=5, opens_at="09:00", closes_at="17:00")
    speaker = services.speaker_for_user(edition, make_user("speaker", edition=edition))
    a = services.save_session(
        edition,
        None,
        session_fields(
            edition, "Alpha", room=small, hour=16, minutes=120, type="training", seat_cap=8, audience="closed"
        ),
        actor=None,
    )
    b = services.save_session(
        edition, None, session_fields(edition, "Beta", room=small, hour=16, audience="closed"), actor=None
    )
    c = services.save_session(
        edition, None, session_fields(edition, "Gamma", room=open_room, hour=16, audience="closed"), actor=None
    )
    services.save_session(edition, None, session_fields(edition, "Delta", day=9, room=open_room), actor=None)
    for session in (a, c):
        services.add_speaker(session, speaker, role="speaker", actor=None)
    body = team.get(reverse("programme:orga_conflicts", kwargs={"year": 2013})).content.decode()
    for text in (
        "Small is double-booked",
        "A speaker is in two places",
        "outside the opening hours of Small",
        "has 8 seats but Small holds 5",
        "closed session in the open room Hall",
        "“Delta” is outside the edition",
    ):
        assert text in body, text
    assert "Beta" in body and b.pk


def test_a_session_ending_before_it_starts_is_refused_clearly(team, edition):
    response = team.post(new_url(), form_data(starts="12:00", ends="09:00"))
    assert response.status_code == 200
    assert "The session ends before it starts." in response.content.decode()
    assert not Session.objects.exists()


def test_a_100_kb_abstract_gets_a_message_and_keeps_the_input(team, edition):
    response = team.post(new_url(), form_data(abstract="x" * 100_000, title="Kept title"))
    body = response.content.decode()
    assert response.status_code == 200 and "The abstract is too long" in body
    assert 'value="Kept title"' in body and not Session.objects.exists()


def test_a_room_in_use_cannot_be_deleted(team, edition):
    used = Room.objects.create(edition=edition, name="Used", capacity=5)
    unused = Room.objects.create(edition=edition, name="Unused", capacity=5)
    services.save_session(edition, None, session_fields(edition, "Here", room=used, audience="closed"), actor=None)
    response = team.post(reverse("programme:orga_room_delete", kwargs={"year": 2013, "pk": used.pk}), follow=True)
    assert "is used by 1 session" in response.content.decode()
    assert Room.objects.filter(pk=used.pk).exists()
    team.post(reverse("programme:orga_room_delete", kwargs={"year": 2013, "pk": unused.pk}))
    assert not Room.objects.filter(pk=unused.pk).exists()


def test_a_stale_form_is_refused_without_losing_the_edits(team, edition):
    session = services.save_session(edition, None, session_fields(edition, "Original", audience="closed"), actor=None)
    url = reverse("programme:orga_session", kwargs={"year": 2013, "pk": session.pk})
    opened_revision = session.revision
    services.save_session(edition, session, {"title": "Changed by someone else"}, actor=None)
    services.publish(edition, "In between", actor=None)
    data = form_data(title="My edit", day="2013-04-04", starts="10:00", ends="11:00", revision=opened_revision)
    response = team.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200 and "Someone else saved this session" in body
    assert 'value="My edit"' in body
    assert Session.objects.get(pk=session.pk).title == "Changed by someone else"
    data["revision"] = Session.objects.get(pk=session.pk).revision  # what the re-shown form carries
    assert team.post(url, data).status_code == 302
    assert Session.objects.get(pk=session.pk).title == "My edit"


def test_publishing_from_a_stale_page_is_refused(team, edition):
    url = reverse("programme:orga_versions", kwargs={"year": 2013})
    assert team.post(url, {"name": "First", "expected_latest": 0, "confirm": "yes"}).status_code == 302
    response = team.post(url, {"name": "Again", "expected_latest": 0, "confirm": "yes"}, follow=True)
    assert "Someone published another version" in response.content.decode()
    assert list(ScheduleVersion.objects.values_list("number", flat=True)) == [1]


def test_changelog_lists_new_moved_room_change_and_cancelled(team, client, edition):
    r1 = Room.objects.create(edition=edition, name="Hall", capacity=100, is_closed=False)
    r2 = Room.objects.create(edition=edition, name="Annex", capacity=100, is_closed=False)
    moved = services.save_session(edition, None, session_fields(edition, "Moved one", room=r1, hour=9), actor=None)
    rooms = services.save_session(edition, None, session_fields(edition, "Room one", room=r1, hour=11), actor=None)
    gone = services.save_session(edition, None, session_fields(edition, "Gone one", room=r1, hour=13), actor=None)
    services.publish(edition, "One", actor=None)
    services.save_session(edition, moved, {"start": moved.start.replace(hour=13)}, actor=None)
    services.save_session(edition, rooms, {"room": r2}, actor=None)
    services.set_status(gone, "cancelled", actor=None)
    services.save_session(edition, None, session_fields(edition, "New one", room=r2, hour=15), actor=None)
    pending = team.get(reverse("programme:orga_versions", kwargs={"year": 2013})).content.decode()
    assert "New one" in pending and "Gone one" in pending
    services.publish(edition, "Two", actor=None)
    kinds = {c["title"]: c["kinds"] for c in ScheduleVersion.objects.get(number=2).changelog}
    assert kinds == {"Moved one": ["moved"], "Room one": ["room"], "Gone one": ["cancelled"], "New one": ["new"]}
    client.logout()
    public = client.get(reverse("programme:schedule_changes", kwargs={"year": 2013})).content.decode()
    assert "room change" in public and "was in Hall" in public and "cancelled" in public


def test_speakers_and_guests_are_added_with_consent(team, edition, make_user):
    session = services.save_session(edition, None, session_fields(edition, "Panel"), actor=None)
    trainer = make_user("speaker", edition=edition, public_name="Trainer T")
    guests = reverse("programme:orga_guests", kwargs={"year": 2013})
    assert team.post(guests, {"name": "Mr Famous", "bio": "Known."}).status_code == 302
    url = reverse("programme:orga_session_speakers", kwargs={"year": 2013, "pk": session.pk})
    page = team.get(url).content.decode()
    assert "Mr Famous" in page and "Trainer T" in page
    # Only a guest's consent is the team's to record; a speaker with an account answers on their own page.
    refused = team.post(url, {"person": f"u{trainer.pk}", "role": "speaker", "consent_public": "on"})
    assert refused.status_code == 200 and "to be named themselves" in refused.content.decode()
    team.post(url, {"person": f"u{trainer.pk}", "role": "speaker"})
    guest_value = [line for line in page.splitlines() if "Mr Famous" in line][0].split('value="')[1].split('"')[0]
    team.post(url, {"person": guest_value, "role": "moderator", "consent_public": "on"})
    links = {link.speaker.display_name: link.consent_public for link in session.speaker_links.all()}
    assert links == {"Trainer T": False, "Mr Famous": True}


def test_a_failed_add_leaves_no_speaker_profile_behind(team, edition, make_user, monkeypatch):
    """The account's speaker profile is made in the add's transaction: when the add fails at its last step (here
    the audit write, as a database refusing the write would), no profile of that person is left over."""
    from django.db import OperationalError

    from defdays.audit import services as audit
    from defdays.programme.models import Speaker

    session = services.save_session(edition, None, session_fields(edition, "Panel"), actor=None)
    trainer = make_user("speaker", edition=edition, public_name="Trainer T")
    real_record = audit.record

    def refuse(action, **kwargs):
        if action == "programme.speaker_set":
            raise OperationalError("database is locked")
        return real_record(action, **kwargs)

    monkeypatch.setattr(audit, "record", refuse)
    url = reverse("programme:orga_session_speakers", kwargs={"year": 2013, "pk": session.pk})
    with pytest.raises(OperationalError):
        team.post(url, {"person": f"u{trainer.pk}", "role": "speaker"})
    assert not Speaker.objects.filter(user=trainer).exists()
    assert not session.speaker_links.exists()


def test_room_form_bad_input_gets_messages(team, edition):
    Room.objects.create(edition=edition, name="Hall", capacity=5)
    url = reverse("programme:orga_rooms", kwargs={"year": 2013})
    duplicate = team.post(url, {"name": "hall", "capacity": 10, "position": 0})
    assert "already has a room with this name" in duplicate.content.decode()
    backwards = team.post(
        url, {"name": "Annex", "capacity": 10, "position": 0, "opens_at": "18:00", "closes_at": "09:00"}
    )
    assert "closes before it opens" in backwards.content.decode()
    assert list(Room.objects.values_list("name", flat=True)) == ["Hall"]


def test_unknown_ids_are_404_not_errors(team, edition):
    for name, kwargs in (
        ("orga_session", {"pk": 999}),
        ("orga_room", {"pk": 999}),
        ("orga_session_speakers", {"pk": 999}),
    ):
        assert team.get(reverse(f"programme:{name}", kwargs={"year": 2013, **kwargs})).status_code == 404
    services.publish(edition, "One", actor=None)
    assert team.get(reverse("programme:schedule_day", kwargs={"year": 2013, "day": 9})).status_code == 404
