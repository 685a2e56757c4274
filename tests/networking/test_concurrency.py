"""Two acceptances at once for one person and one slot (PostgreSQL): one meeting, the other refused. The control
run, with the profile-row lock off and the check slowed, shows both accepted: the lock is what prevents it."""

import functools
import time

import pytest

from defdays.networking import selectors, services
from defdays.networking.models import MeetingRequest, RequestStatus
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(edition, recipient, requests):
    def accept(meeting):
        try:
            return services.request_answer(user=recipient, edition=edition, uid=meeting.uid, accept=True).status
        except services.Refused as exc:
            return str(exc)

    return at_once(*(functools.partial(accept, meeting) for meeting in requests))


def _world(people, edition, places):
    (slot, _later), point = places
    recipient, first, second = people(name="Busy Bee"), people(name="Asker One"), people(name="Asker Two")
    uid = selectors.own_profile(recipient, edition).uid
    requests = [
        services.request_create(sender=sender, edition=edition, profile_uid=uid, slot_id=slot.pk, point_id=point.pk)
        for sender in (first, second)
    ]
    return recipient, requests


def _slow_busy(monkeypatch):
    original = services._busy

    def slow(*args, **kwargs):
        found = original(*args, **kwargs)
        time.sleep(0.5)  # both transactions have read "free" before either writes
        return found

    monkeypatch.setattr(services, "_busy", slow)


def test_two_acceptances_for_one_slot_give_one_meeting(people, edition, places, monkeypatch):
    recipient, requests = _world(people, edition, places)
    _slow_busy(monkeypatch)
    results = _race(edition, recipient, requests)
    assert sorted(results) == [
        "One of you already has a meeting at this time.",
        RequestStatus.ACCEPTED,
    ], results
    assert MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED).count() == 1


def test_control_without_the_lock_both_are_accepted(people, edition, places, monkeypatch):
    recipient, requests = _world(people, edition, places)
    _slow_busy(monkeypatch)
    monkeypatch.setattr(services, "_lock_people", lambda edition, user_ids: None)
    results = _race(edition, recipient, requests)
    assert MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED).count() == 2, results
