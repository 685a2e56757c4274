"""Asking to change one's email tells nobody whether the new address has an account: same work, a limit."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from defdays.mail.outbox import OutgoingEmail
from defdays.people.tasks import send_email_change_link
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
_VALUES = re.compile(r"'[^']*'|\b\d+(\.\d+)?\b")


def _shape(queries) -> list[str]:
    return [_VALUES.sub("?", query["sql"]) for query in queries]


def _post(client, email):
    return client.post(reverse("people:email"), {"email": email, "password": PASSWORD})


@pytest.fixture
def person(make_user, edition):
    return make_user("defender", edition=edition, email="wren.canary@example.org")


@override_settings(TASKS=DB_TASKS)
def test_the_request_does_the_same_work_for_a_taken_and_a_free_address(client, person, make_user):
    make_user(email="taken@example.org")
    sign_in(client, person)
    _post(client, "warm-up@example.org")  # first-request work (sessions, caches) out of the comparison
    shapes = []
    for email in ("taken@example.org", "free@example.org"):
        tasks, outbox = DBTaskResult.objects.count(), OutgoingEmail.objects.count()
        with CaptureQueriesContext(connection) as queries:
            response = _post(client, email)
        assert response.status_code == 302
        shapes.append(_shape(queries.captured_queries))
        assert (DBTaskResult.objects.count() - tasks, OutgoingEmail.objects.count() - outbox) == (1, 0)
    assert shapes[0] == shapes[1]
    assert mail.outbox == []
    for row in DBTaskResult.objects.all():
        assert "@" not in str(row.args_kwargs) and "example" not in str(row.args_kwargs)  # sealed, never clear


@override_settings(TASKS=DB_TASKS)
def test_the_worker_sends_for_a_free_address_and_nothing_for_a_taken_one(client, person, make_user):
    make_user(email="taken@example.org")
    sign_in(client, person)
    _post(client, "free@example.org")
    _post(client, "taken@example.org")
    _post(client, "Wren.Canary@example.org")  # already this person's
    results = [
        send_email_change_link.call(**row.args_kwargs["kwargs"]) for row in DBTaskResult.objects.order_by("enqueued_at")
    ]
    assert results == [True, False, False]
    assert OutgoingEmail.objects.count() == 1  # the link, on its way to the free address only


def test_requests_are_limited_per_account(client, person, make_user):
    sign_in(client, person)
    statuses = [_post(client, f"probe{n}@example.org").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    page = _post(client, "probe9@example.org")
    assert page.status_code == 429 and "Nothing was sent" in page.content.decode()
    assert len(mail.outbox) == 5
    other = make_user(email="other@example.org")
    sign_in(client, other)
    assert _post(client, "probe9@example.org").status_code == 302  # the limit is per account
