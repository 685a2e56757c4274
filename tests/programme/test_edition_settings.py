"""The settings that only the demo used to set have organiser pages: tracks, session types and training seat rules,
the open session's details."""

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from defdays.opensession.models import OpenSession
from defdays.programme import seats, services
from defdays.programme.models import ProgrammeSettings, Room, Track
from defdays.registration.models import Participation, ParticipationStatus
from tests.programme.conftest import session_fields

pytestmark = pytest.mark.django_db


def test_organisers_add_and_delete_tracks(client_as, edition):
    client = client_as("organiser")
    url = reverse("programme:orga_tracks", kwargs={"year": 2013})
    assert client.post(url, {"name": "Digital security"}).status_code == 302
    track = Track.objects.get(edition=edition, name="Digital security")
    assert client.post(url, {"name": "Digital security"}).status_code == 400  # once per edition
    client.post(reverse("programme:orga_track_delete", kwargs={"year": 2013, "pk": track.pk}))
    assert not Track.objects.filter(pk=track.pk).exists()


def test_session_types_and_seat_rules_shape_the_session_form_and_the_bookings(client_as, edition, make_user):
    client = client_as("organiser")
    response = client.post(
        reverse("programme:orga_settings", kwargs={"year": 2013}),
        {"session_types": ["panel", "training"], "training_seats": "12", "trainings_per_person": "1"},
    )
    assert response.status_code == 302
    rules = ProgrammeSettings.for_edition(edition)
    assert rules.session_types == ["panel", "training"] and rules.trainings_per_person == 1

    form = client.get(reverse("programme:orga_session_new", kwargs={"year": 2013})).context["form"]
    assert [value for value, _label in form.fields["type"].choices] == ["panel", "training"]

    lab = Room.objects.create(edition=edition, name="Lab", capacity=30, is_closed=True)
    first, second = (
        services.save_session(
            edition,
            None,
            session_fields(edition, title, type="training", audience="closed", room=lab, hour=hour),
            actor=None,
        )
        for title, hour in (("Training one", 9), ("Training two", 14))
    )
    assert first.seat_cap == 12  # a new training without a number gets the edition's
    services.publish(edition, "First", actor=None, approve_public_names=True)
    first.refresh_from_db()
    second.refresh_from_db()
    person = make_user("defender", edition=edition)
    Participation.objects.create(
        user=person, edition=edition, role="defender", data_key=person.data_key, status=ParticipationStatus.APPROVED
    )
    seats.book(person, first)
    with pytest.raises(ValidationError):
        seats.book(person, second)
    seats.cancel(person, first)
    seats.book(person, second)  # a seat given back makes room under the limit


def test_organisers_create_and_change_the_open_session(client_as, edition):
    client = client_as("organiser")
    fields = {
        "title": "Open session",
        "description": "A public evening.",
        "day": "2013-04-04",
        "starts": "18:00",
        "ends": "20:00",
        "place": "Kulturhuset",
        "seats": "150",
    }
    assert client.post(reverse("opensession:orga_new", kwargs={"year": 2013}), fields).status_code == 302
    session = OpenSession.objects.get(edition=edition)
    assert session.capacity.total == 150 and not session.sign_up_open
    assert session.starts_at == datetime(2013, 4, 4, 18, tzinfo=edition.tz)
    changed = {**fields, "place": "Stadsteatern", "ends": "21:00"}
    url = reverse("opensession:orga_details", kwargs={"year": 2013, "pk": session.pk})
    assert client.post(url, changed).status_code == 302
    session.refresh_from_db()
    assert session.place == "Stadsteatern" and session.ends_at.astimezone(edition.tz).hour == 21
    assert session.capacity.total == 150  # seats change on the bookings page, with the waitlist


def test_a_session_keeps_a_type_the_edition_stops_offering(client_as, edition):
    client = client_as("organiser")
    session = services.save_session(edition, None, session_fields(edition, "Award night", type="award"), actor=None)
    services.save_programme_settings(
        edition, session_types=["panel"], training_seats=None, trainings_per_person=None, actor=None
    )
    url = reverse("programme:orga_session", kwargs={"year": 2013, "pk": session.pk})
    form = client.get(url).context["form"]
    assert [value for value, _label in form.fields["type"].choices] == ["panel", "award"]
    posted = {
        "title": "Award night, renamed",
        "type": "award",
        "audience": "open",
        "language": "English",
        "duration": 60,
        "revision": session.revision,
    }
    response = client.post(url, posted)
    assert response.status_code == 302, response.context["form"].errors
    session.refresh_from_db()
    assert session.title == "Award night, renamed" and session.type == "award"
