"""Two bookings of one person sent at the same moment, with a limit of one training each: one wins, the other is
refused. The person's row lock orders them; the control run without it shows both getting a seat."""

import functools
import time

import pytest
from django.core.exceptions import ValidationError

from defdays.programme import seats, services
from defdays.programme.models import Room, Session
from defdays.registration.models import Participation, ParticipationStatus
from defdays.seats import capacity
from tests.concurrency import at_once
from tests.programme.conftest import session_fields


def _book_both_at_once(edition, make_user):
    lab = Room.objects.create(edition=edition, name="Lab", capacity=30, is_closed=True)
    trainings = [
        services.save_session(
            edition,
            None,
            session_fields(edition, title, type="training", audience="closed", room=lab, hour=hour, seat_cap=5),
            actor=None,
        )
        for title, hour in (("Training one", 9), ("Training two", 14))
    ]
    services.save_programme_settings(edition, session_types=[], training_seats=None, trainings_per_person=1, actor=None)
    services.publish(edition, "First", actor=None, approve_public_names=True)
    person = make_user("defender", edition=edition)
    Participation.objects.create(
        user=person, edition=edition, role="defender", data_key=person.data_key, status=ParticipationStatus.APPROVED
    )

    def book(pk):
        try:
            seats.book(person, Session.objects.select_related("edition").get(pk=pk))
            return "booked"
        except ValidationError:
            return "refused"

    return sorted(at_once(*(functools.partial(book, t.pk) for t in trainings)))


@pytest.fixture
def slow_claims(monkeypatch):
    # Hold each booking's transaction open between the count and the new seat, as a busy server does.
    monkeypatch.setattr(capacity.race_hooks, "after_count", lambda: time.sleep(0.3))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_person_booking_two_trainings_at_once_gets_one(edition, make_user, slow_claims):
    assert _book_both_at_once(edition, make_user) == ["booked", "refused"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_control_without_the_persons_lock_both_bookings_pass(edition, make_user, slow_claims, monkeypatch):
    monkeypatch.setattr(seats, "_lock_person", lambda user: None)
    assert _book_both_at_once(edition, make_user) == ["booked", "booked"]
