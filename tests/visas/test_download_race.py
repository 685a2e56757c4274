"""Two downloads of one single-use visa letter link at the same moment: exactly one file, one 404 and one audit
event. PostgreSQL, real threads; the control run takes the row lock away and shows the race (two files)."""

import time
from datetime import date

import pytest

from defdays.audit.models import AuditEvent
from defdays.registration.models import Participation, ParticipationStatus
from defdays.visas import services
from defdays.visas.models import LetterRequest
from tests.concurrency import at_once
from tests.visas.test_letters import _details

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def issued(make_user, edition):
    holder = make_user("defender", edition=edition, email="race-holder@example.org")
    Participation.objects.create(
        user=holder, edition=edition, role="defender", data_key=holder.data_key, status=ParticipationStatus.APPROVED
    )
    letter = services.letter_ask(user=holder, edition=edition)
    data = _details()
    details = services.Details(
        **{key: data[key] for key in ("passport_name", "passport_number", "nationality", "embassy")},
        birth_date=date.fromisoformat(data["birth_date"]),
        stay_from=date.fromisoformat(data["stay_from"]),
        stay_to=date.fromisoformat(data["stay_to"]),
    )
    services.letter_details_save(letter=letter, user=holder, details=details)
    stored = services.letter_issue(
        letter=LetterRequest.objects.get(pk=letter.pk), actor=make_user("travel", edition=edition)
    )
    return holder, stored.link_token


def _race(holder, token, monkeypatch, *, unlocked: bool):
    # Widen the gap between "is the link still unused?" and "mark it used", so an unlocked run races for sure.
    monkeypatch.setattr(services, "_race_window", lambda: time.sleep(0.5))
    if unlocked:
        original = services._claimable
        monkeypatch.setattr(services, "_claimable", lambda t, u, lock=True: original(t, u, lock=False))

    def attempt():
        stored = services.letter_download(token=token, user=holder)
        return "404" if stored is None else stored.content()[:5].decode()

    return sorted(at_once(attempt, times=2, timeout=30))


def test_two_downloads_of_one_link_give_one_file(issued, monkeypatch):
    holder, token = issued
    assert _race(holder, token, monkeypatch, unlocked=False) == ["%PDF-", "404"]
    assert AuditEvent.objects.filter(action="visas.downloaded").count() == 1


def test_control_without_the_row_lock_both_get_the_file(issued, monkeypatch):
    holder, token = issued
    assert _race(holder, token, monkeypatch, unlocked=True) == ["%PDF-", "%PDF-"]
    assert AuditEvent.objects.filter(action="visas.downloaded").count() == 2
