"""A training's seat cap changed in the working copy moves no live seat and emails nobody until it is published."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from defdays.audit.models import AuditEvent
from defdays.programme import seats, services
from defdays.programme.models import Session
from defdays.seats import capacity

pytestmark = pytest.mark.django_db


def _full_training(edition, make_user, build_programme):
    built = build_programme()
    training = Session.objects.get(pk=built.sessions["closed_training"].pk)
    people = [make_user("defender", edition=edition, email=f"d{i}@example.org") for i in range(3)]
    for person in people:
        seats.book(person, training)
    mail.outbox.clear()
    return training, people


def test_a_raised_cap_waits_for_the_publish(edition, make_user, build_programme):
    training, people = _full_training(edition, make_user, build_programme)
    services.save_session(edition, training, {"seat_cap": 3}, actor=None)
    counts = capacity.counts(training.capacity_id)
    assert (counts.total, counts.confirmed, counts.waitlisted) == (2, 2, 1)
    assert capacity.seat_of(training.capacity_id, seats.holder(people[2])).status == "waitlisted"
    assert mail.outbox == []

    services.publish(edition, "Two", actor=None)
    counts = capacity.counts(training.capacity_id)
    assert (counts.total, counts.confirmed, counts.waitlisted) == (3, 3, 0)
    assert [m.to[0] for m in mail.outbox] == ["d2@example.org"]


def test_an_edit_undone_before_publishing_never_reaches_anyone(edition, make_user, build_programme):
    training, _people = _full_training(edition, make_user, build_programme)
    training = services.save_session(edition, training, {"seat_cap": 10}, actor=None)
    services.save_session(edition, training, {"seat_cap": 2}, actor=None)
    with pytest.raises(services.NothingToPublish):  # undone, so nothing changed: there is no version to publish
        services.publish(edition, "Two", actor=None)
    assert capacity.counts(training.capacity_id).waitlisted == 1 and mail.outbox == []


def test_a_new_training_opens_its_seats_with_the_publish(edition, build_programme):
    build_programme()
    from tests.programme.conftest import session_fields

    new = services.save_session(
        edition,
        None,
        session_fields(edition, "New training", audience="closed", type="training", seat_cap=5),
        actor=None,
    )
    assert Session.objects.get(pk=new.pk).capacity_id is None
    services.publish(edition, "Two", actor=None)
    assert capacity.counts(Session.objects.get(pk=new.pk).capacity_id).total == 5


def test_a_cap_below_the_booked_seats_refuses_the_edit_and_the_publish(edition, make_user, build_programme):
    training, _people = _full_training(edition, make_user, build_programme)
    with pytest.raises(ValidationError):
        services.save_session(edition, training, {"seat_cap": 1}, actor=None)
    # Raised in the working copy while seats were free, then booked before the publish: the publish says no.
    training = services.save_session(edition, training, {"seat_cap": 2}, actor=None)
    Session.objects.filter(pk=training.pk).update(seat_cap=1)
    published = AuditEvent.objects.filter(action="programme.published").count()
    with pytest.raises(ValidationError):
        services.publish(edition, "Two", actor=None)
    assert AuditEvent.objects.filter(action="programme.published").count() == published
    assert capacity.counts(training.capacity_id).total == 2
