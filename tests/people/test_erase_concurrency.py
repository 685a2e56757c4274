"""Erasure under concurrency (PostgreSQL): a double click from two tabs, and erasure while another write runs."""

import threading

import pytest
from django.db import transaction

from defdays.accounts.models import User
from defdays.audit.models import AuditEvent
from defdays.people import services
from tests.concurrency import at_once, in_thread

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_simultaneous_erasures_erase_once(make_user):
    user = make_user(email="twice@example.org")

    def erase():
        return services.erase(User.objects.get(pk=user.pk))

    results = at_once(erase, times=2)
    outcomes = sorted(results, key=lambda value: value is None)
    assert isinstance(outcomes[0], dict) and outcomes[1] is None, results
    assert AuditEvent.objects.filter(action="people.erased").count() == 1


def test_erasure_waits_for_a_running_write_then_completes(make_user):
    """While another transaction (an import, an organiser's edit) holds the person's row, erasure waits:
    nothing of the other write is lost, and the erasure still happens."""
    user = make_user(email="busy@example.org", public_name="Busy")
    locked, release = threading.Event(), threading.Event()

    def other_write():
        with transaction.atomic():
            row = User.objects.select_for_update().get(pk=user.pk)
            row.language = "sv"
            row.save(update_fields=["language"])
            locked.set()
            release.wait(timeout=30)
        return "committed"

    writer = in_thread(other_write)
    assert locked.wait(timeout=30)
    eraser = in_thread(lambda: services.erase(User.objects.get(pk=user.pk)))
    eraser.join(timeout=1)
    assert eraser.is_alive()  # blocked on the row lock, not failed
    release.set()
    writer.join(timeout=30)
    eraser.join(timeout=30)
    assert not writer.is_alive() and not eraser.is_alive()
    assert writer.result == "committed" and isinstance(eraser.result, dict), (writer.result, eraser.result)
    erased = User.objects.get(pk=user.pk)
    assert not erased.is_active and erased.public_name == services.ERASED_PUBLIC_NAME
