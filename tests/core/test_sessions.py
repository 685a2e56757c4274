"""Session rows are keyed by a keyed hash of the cookie value: a copy of the database opens no session."""

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from defdays.accounts.management.commands.totp_code import current_totp
from defdays.accounts.services import confirmed_totp_device
from defdays.core.sessions import StoredSession, stored_key
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME


def verified_organiser_client(make_user, edition):
    """An organiser signed in through the real pages: password, then the code from their authenticator."""
    organiser = make_user("organiser", edition=edition, email="dump-organiser@example.org")
    sign_in(Client(), organiser, verified=False)  # gives the account a confirmed authenticator
    client = Client()
    client.post(reverse("accounts:login"), {"email": "dump-organiser@example.org", "password": PASSWORD})
    response = client.post(reverse("accounts:verify"), {"token": current_totp(confirmed_totp_device(organiser))})
    assert response.status_code == 302
    return client


def raw_session_keys() -> list[str]:
    """What a dump holds in the session table's key column, read with plain SQL."""
    from importlib import import_module

    model = import_module(settings.SESSION_ENGINE).SessionStore.get_model_class()  # whichever engine is set
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT session_key FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def test_a_session_key_copied_from_the_database_opens_nothing(make_user, edition):
    client = verified_organiser_client(make_user, edition)
    orga = reverse("editions:orga_home", kwargs={"year": 2013})
    assert client.get(orga).status_code == 200
    cookie = client.cookies[COOKIE].value
    stored = raw_session_keys()
    assert stored_key(cookie) in stored and cookie not in stored
    from tests.people.dbdump import dump_database

    assert cookie.lower() not in dump_database()
    for value in stored:
        replay = Client()
        replay.cookies[COOKIE] = value
        response = replay.get(orga)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    again = Client()
    again.cookies[COOKIE] = cookie  # control: the real cookie still works, so the replay failed for its key
    assert again.get(orga).status_code == 200


def test_expired_sessions_are_deleted_by_the_nightly_task_and_by_clearsessions(make_user, edition):
    from defdays.core.tasks import clear_expired_sessions

    for role in ("defender", "organiser"):
        sign_in(Client(), make_user(role, edition=edition)).get(reverse("accounts:me"))  # staff: 30 min idle
    assert StoredSession.objects.count() == 2
    with time_machine.travel(timezone.now() + timedelta(hours=1)):  # past the staff idle time only
        assert clear_expired_sessions.call() == 1
    assert StoredSession.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        call_command("clearsessions")
    assert StoredSession.objects.count() == 0


def test_the_session_cleanup_queues_itself_once(edition):
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from defdays.core import tasks

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}):
        assert tasks.schedule_session_cleanup()
        assert tasks.schedule_session_cleanup()
        tasks.clear_expired_sessions.call()
        queued = DBTaskResult.objects.filter(task_path=tasks.clear_expired_sessions.module_path, status="READY")
        assert queued.count() == 1
