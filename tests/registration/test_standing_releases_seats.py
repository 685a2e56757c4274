"""Losing closed-part standing (declined, withdrawn) gives back closed training seats; the waitlist moves up."""

import pytest
from django.core import mail

from defdays.audit.models import AuditEvent
from defdays.programme import seats
from defdays.programme import services as programme_services
from defdays.registration import services
from defdays.registration.models import Participation, ParticipationStatus
from defdays.seats import capacity
from tests.programme.conftest import build_programme, session_fields  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(build_programme):  # noqa: F811
    built = build_programme()
    session = built.sessions["closed_training"]
    session.refresh_from_db()
    return session


def _participant(make_user, edition, email):
    person = make_user("defender", edition=edition, email=email)
    Participation.objects.create(
        user=person, edition=edition, role="defender", data_key=person.data_key, status=ParticipationStatus.APPROVED
    )
    return person


def _status(session, person):
    seat = capacity.seat_of(session.capacity_id, seats.holder(person))
    return seat.status if seat else None


@pytest.mark.parametrize("lose_standing", ["decline", "withdraw"])
def test_losing_standing_releases_the_seat_and_the_next_in_line_gets_it(edition, make_user, training, lose_standing):
    holder, other, waiting = (_participant(make_user, edition, f"{n}@example.org") for n in ("a", "b", "c"))
    for person in (holder, other, waiting):
        seats.book(person, training)
    assert [_status(training, p) for p in (holder, other, waiting)] == ["confirmed", "confirmed", "waitlisted"]
    mail.outbox.clear()
    organiser = make_user("organiser", edition=edition)
    participation = Participation.objects.get(user=holder)
    if lose_standing == "decline":
        services.decide(participation, "decline", actor=organiser)
    else:
        services.withdraw(participation, actor=holder)
    assert _status(training, holder) == "cancelled"
    assert _status(training, waiting) == "confirmed"
    seat_mail = [m for m in mail.outbox if m.subject == "Your booking"]
    assert [m.to for m in seat_mail] == [["c@example.org"]]
    assert AuditEvent.objects.filter(action="programme.seat_released").count() == 1


def test_a_declined_person_on_the_waitlist_leaves_it(edition, make_user, training):
    people = [_participant(make_user, edition, f"{n}@example.org") for n in ("a", "b", "c", "d")]
    for person in people:
        seats.book(person, training)
    services.decide(Participation.objects.get(user=people[2]), "decline", actor=make_user("organiser", edition=edition))
    assert _status(training, people[2]) == "cancelled"
    assert capacity.waitlist_position(capacity.seat_of(training.capacity_id, seats.holder(people[3]))) == 1
    assert capacity.counts(training.capacity_id).confirmed == 2


def test_seats_in_open_trainings_stay(edition, make_user, training):
    open_training = programme_services.save_session(
        edition, None, session_fields(edition, "Open Training", type="training", seat_cap=5, day=3), actor=None
    )
    programme_services.publish(edition, "with the open training", actor=None)  # seat caps take effect at publish
    open_training.refresh_from_db()
    person = _participant(make_user, edition, "a@example.org")
    seats.book(person, open_training)
    services.withdraw(Participation.objects.get(user=person), actor=person)
    assert _status(open_training, person) == "confirmed"
