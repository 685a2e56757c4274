"""Two downloads of one single-use visa letter link at the same moment: exactly one file, one 404 and one audit
event. PostgreSQL, real threads; the control run takes the row lock away and shows the race (two files)."""

import threading
import time
from datetime import date

import pytest
from django.db import connection

from defdays.audit.models import AuditEvent
from defdays.registration.models import Participation, ParticipationStatus
from defdays.visas import services
from defdays.visas.models import LetterRequest
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
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt():
        try:
            barrier.wait()
            stored = services.letter_download(token=token, user=holder)
            outcomes.append("404" if stored is None else stored.content()[:5].decode())
        except Exception as exc:  # noqa: BLE001 - the control run must see what broke
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    return sorted(outcomes)


def test_two_downloads_of_one_link_give_one_file(issued, monkeypatch):
    holder, token = issued
    assert _race(holder, token, monkeypatch, unlocked=False) == ["%PDF-", "404"]
    assert AuditEvent.objects.filter(action="visas.downloaded").count() == 1


def test_control_without_the_row_lock_both_get_the_file(issued, monkeypatch):
    holder, token = issued
    assert _race(holder, token, monkeypatch, unlocked=True) == ["%PDF-", "%PDF-"]
    assert AuditEvent.objects.filter(action="visas.downloaded").count() == 2
