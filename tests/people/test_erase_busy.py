"""SQLite (the demo's database) allows one writer: an erasure that meets a long write (an import) must answer
clearly and lose nothing. PostgreSQL waits for the row lock instead (test_erase_concurrency)."""

import threading

import pytest
from django.db import connection, transaction
from django.urls import reverse

from defdays.accounts.models import User
from defdays.core.models import DataKey
from tests.concurrency import in_thread
from tests.conftest import PASSWORD, sign_in


@pytest.mark.django_db(transaction=True)
def test_an_erasure_during_another_write_says_so_and_keeps_everything(client, make_user):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL waits for the lock")
    person = make_user(email="busy.person@example.org", public_name="Busy Person")
    sign_in(client, person)
    holding, release = threading.Event(), threading.Event()

    def long_write():  # a CSV import writing its rows (each invitation gets a data key) in one transaction
        with transaction.atomic():
            DataKey.create()
            holding.set()
            release.wait(timeout=30)
        return "written"

    writer = in_thread(long_write)
    try:
        assert holding.wait(timeout=30)
        response = client.post(reverse("people:erase"), {"password": PASSWORD, "confirm": "on"})
    finally:
        release.set()
        writer.join(timeout=30)
    assert writer.result == "written"
    assert response.status_code == 200
    assert "Nothing was changed" in response.content.decode()
    person = User.objects.get(pk=person.pk)
    assert person.is_active and person.email == "busy.person@example.org"
    from defdays.accounts.models import HiddenPeople

    # The person's (not shredded) and the one the import wrote; the sealed hidden set has its own.
    assert DataKey.objects.exclude(pk__in=HiddenPeople.objects.values("data_key")).count() == 2
    # Once the other write is done, the same request goes through.
    assert client.post(reverse("people:erase"), {"password": PASSWORD, "confirm": "on"}).status_code == 302
