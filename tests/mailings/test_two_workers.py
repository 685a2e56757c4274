"""Two workers on one message (a retry task queued while the first run still sends, or a re-queued task of a
worker thought dead) send each recipient one email, not two: the delivery row is locked while its email is
sealed, and the sealed email is locked while it is sent. PostgreSQL, with a control run without the locks."""

import time
from collections import Counter

import pytest
from django.db.models import QuerySet

from defdays.mailings import audiences, services
from defdays.mailings.models import Audience
from defdays.registration.models import Participation
from defdays.registration.services import register
from tests.concurrency import at_once
from tests.smtp_sink import Sink

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queued(edition, make_user, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    sink = Sink().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    for name in ("alder", "birch", "cedar"):
        user = make_user("defender", edition=edition, public_name=name, email=f"{name}@example.org")
        register(
            user, edition, "defender", days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
    Participation.objects.update(status="approved")
    organiser = make_user("organiser", edition=edition)
    message = services.message_send(
        edition=edition, audience=Audience.APPROVED_DEFENDERS, title="t", body="b", actor=organiser
    )
    yield message, sink
    sink.stop()


def _two_workers(message, monkeypatch):
    original = audiences.still_reachable

    def slow(*args, **kwargs):  # widen the gap between reading the delivery and sealing its email
        time.sleep(0.2)
        return original(*args, **kwargs)

    monkeypatch.setattr(audiences, "still_reachable", slow)

    def work():
        services.deliveries_send(message_id=message.pk)
        return "sent"

    return at_once(work, times=2)


def test_two_workers_send_each_recipient_one_email(queued, monkeypatch):
    message, sink = queued
    assert _two_workers(message, monkeypatch) == ["sent", "sent"]
    assert Counter(item.recipients[0] for item in sink.received) == {
        "alder@example.org": 1,
        "birch@example.org": 1,
        "cedar@example.org": 1,
    }
    assert set(message.deliveries.values_list("status", flat=True)) == {"sent"}


def test_control_without_the_locks_a_recipient_gets_two(queued, monkeypatch):
    message, sink = queued
    monkeypatch.setattr(QuerySet, "select_for_update", lambda self, *args, **kwargs: self)
    _two_workers(message, monkeypatch)
    assert max(Counter(item.recipients[0] for item in sink.received).values()) == 2
