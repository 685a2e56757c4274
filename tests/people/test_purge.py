from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from defdays.audit.models import AuditEvent
from defdays.people import services, tasks

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def at(*args):
    return time_machine.travel(datetime(*args, tzinfo=STOCKHOLM), tick=False)


def run_purge(*options):
    from io import StringIO

    out = StringIO()
    call_command("purge", *options, stdout=out)
    return out.getvalue()


def test_nothing_is_due_before_the_retention_period_ends(edition, fakeapp):
    fakeapp.EDITION_RECORDS[2013] = 4
    with at(2013, 5, 5, 23, 59):  # 30 days after the last day (5 April), still within the period
        assert services.purge(dry_run=False) == []
    assert fakeapp.EDITION_RECORDS[2013] == 4


def test_travel_data_goes_after_30_days_registrations_after_90(edition, fakeapp):
    fakeapp.EDITION_RECORDS[2013] = 4
    with at(2013, 5, 6, 0, 1):
        results = services.purge(dry_run=False)
    assert [(r.edition.year, r.category) for r in results] == [(2013, "travel")]
    assert results[0].counts["fakeapp.bookings"] == 4
    assert fakeapp.EDITION_RECORDS[2013] == 0
    with at(2013, 7, 5, 0, 1):
        categories = [r.category for r in services.purge(dry_run=False)]
    assert categories == ["registrations", "travel"]


@override_settings(DEFDAYS_RETENTION_TRAVEL_DAYS=2, DEFDAYS_RETENTION_REGISTRATION_DAYS=400)
def test_the_periods_come_from_settings(edition, fakeapp):
    with at(2013, 4, 8, 12):
        assert [r.category for r in services.purge(dry_run=True)] == ["travel"]
    assert services.retention_days() == {"travel": 2, "registrations": 400}


def test_dry_run_prints_by_category_and_changes_nothing(edition, fakeapp):
    fakeapp.EDITION_RECORDS[2013] = 3
    with at(2013, 8, 1, 12):
        output = run_purge("--dry-run")
    assert "2013 travel: would destroy 3 fakeapp.bookings" in output
    assert "2013 registrations" in output and "Dry run: nothing was changed." in output
    assert fakeapp.EDITION_RECORDS[2013] == 3
    assert not AuditEvent.objects.filter(action="purge").exists()


def test_purge_is_idempotent_and_audited(edition, fakeapp):
    fakeapp.EDITION_RECORDS[2013] = 3
    with at(2013, 8, 1, 12):
        first = run_purge()
        second = run_purge()
    assert "2013 travel: destroyed 3 fakeapp.bookings" in first
    assert "2013 travel: destroyed 0 fakeapp.bookings" in second
    per_app = AuditEvent.objects.filter(action="purge", detail__app="fakeapp")
    assert per_app.count() == 1  # the second run destroyed nothing, so only its summary is logged
    assert per_app.get().detail == {"category": "travel", "app": "fakeapp", "counts": {"bookings": 3}}
    assert per_app.get().edition_id == edition.pk
    summaries = AuditEvent.objects.filter(action="purge", detail__has_key="destroyed")
    assert sorted(summaries.values_list("detail__destroyed", flat=True)) == [0, 3]


def test_editions_not_yet_over_are_never_purged(fakeapp, edition):
    from tests.factories import EditionFactory

    EditionFactory(year=2014)
    with at(2013, 12, 1, 12):
        assert {r.edition.year for r in services.purge(dry_run=True)} == {2013}


def test_the_daily_task_purges_and_queues_tomorrows_run(edition, fakeapp):
    fakeapp.EDITION_RECORDS[2013] = 2
    with override_settings(TASKS=DB_TASKS), time_machine.travel(datetime(2013, 8, 1, 10, tzinfo=STOCKHOLM), tick=False):
        assert tasks.daily_purge.call() == {"checked": 2, "destroyed": 2}
        queued = DBTaskResult.objects.get(task_path=tasks.daily_purge.module_path, status="READY")
        assert queued.run_after == datetime(2013, 8, 2, 3, tzinfo=ZoneInfo("UTC"))
        tasks.daily_purge.call()  # a second run (or `defdays purge --schedule`) queues no duplicate
        assert "next run" in run_purge("--schedule")
        assert DBTaskResult.objects.filter(task_path=tasks.daily_purge.module_path).count() == 1
    assert fakeapp.EDITION_RECORDS[2013] == 0


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection when it is done
def test_the_worker_runs_the_queued_task(edition, fakeapp):
    fakeapp.EDITION_RECORDS[2013] = 5
    with override_settings(TASKS=DB_TASKS):
        with at(2013, 8, 1, 1):
            assert tasks.schedule_daily_purge()
        with at(2013, 8, 1, 6):  # after 03:00 UTC: the worker picks it up
            call_command("db_worker", batch=True, reload=False, verbosity=0)
        done = DBTaskResult.objects.get(task_path=tasks.daily_purge.module_path, status="SUCCESSFUL")
        assert done.return_value == {"checked": 2, "destroyed": 5}
        assert DBTaskResult.objects.filter(task_path=tasks.daily_purge.module_path, status="READY").count() == 1


def test_without_a_deferring_backend_nothing_is_scheduled(edition):
    assert tasks.schedule_daily_purge() is False  # tests run tasks at once: no endless immediate loop
    assert "cron" in run_purge("--schedule")


def test_next_run_is_the_coming_0300_utc():
    utc = ZoneInfo("UTC")
    assert tasks.next_run_after(datetime(2013, 8, 1, 2, 59, tzinfo=utc)) == datetime(2013, 8, 1, 3, tzinfo=utc)
    assert tasks.next_run_after(datetime(2013, 8, 1, 3, 0, tzinfo=utc)) == datetime(2013, 8, 2, 3, tzinfo=utc)
    assert tasks.next_run_after(datetime(2013, 8, 1, 3, 0, tzinfo=utc) - timedelta(seconds=1)).day == 1


def test_one_failing_app_does_not_stop_the_purge_and_is_reported(edition, fakeapp, make_user):
    from django.core.management.base import CommandError

    from tests.factories import EditionFactory

    EditionFactory(year=2012)
    fakeapp.EDITION_RECORDS.update({2012: 2, 2013: 3})
    fakeapp.FAIL_PURGE.append(2012)
    with at(2013, 8, 1, 12):
        with pytest.raises(CommandError, match="could not be purged"):
            run_purge()
    assert fakeapp.EDITION_RECORDS == {2012: 2, 2013: 0}  # 2013 was purged all the same
    summary = AuditEvent.objects.get(action="purge", detail__has_key="failed")
    assert summary.detail["failed"] == ["fakeapp"]


def test_an_account_with_nothing_live_is_deleted_unless_kept_or_still_needed(edition, make_user, client):
    from django.urls import reverse

    from defdays.accounts.models import User
    from tests.conftest import sign_in
    from tests.factories import EditionFactory

    later = EditionFactory(year=2014)
    gone = make_user("defender", edition=edition)
    keeper = make_user("defender", edition=edition)
    returning = make_user("defender", edition=edition)
    organiser_later = make_user("organiser", edition=later)
    staff_and_speaker = make_user("speaker", "volunteer", edition=edition)
    from defdays.accounts.services import grant_role

    grant_role(returning, later, "stakeholder")
    sign_in(client, keeper)
    assert client.post(reverse("people:keep_account"), {"keep": ["0", "1"]}).status_code == 302
    keeper.refresh_from_db()
    assert keeper.keep_account
    with at(2013, 8, 1, 12):
        dry = {r.category: r.counts for r in services.purge(dry_run=True)}
        assert dry["registrations"]["people.accounts"] == 1
        services.purge(dry_run=False)
    assert not User.objects.filter(pk=gone.pk).exists()
    assert set(
        User.objects.filter(pk__in=[keeper.pk, returning.pk, staff_and_speaker.pk, organiser_later.pk]).values_list(
            "pk", flat=True
        )
    ) == {keeper.pk, returning.pk, staff_and_speaker.pk, organiser_later.pk}
    assert list(returning.roles.values_list("edition__year", "role")) == [(2014, "stakeholder")]
    assert list(staff_and_speaker.roles.values_list("role", flat=True)) == ["volunteer"]
    assert not keeper.roles.exists()
    # The audit log of 2013 names only its staff; the deleted person's own events point at nobody.
    assert not AuditEvent.objects.filter(actor_id=gone.pk).exists()
    assert set(AuditEvent.objects.filter(edition=edition, actor__isnull=False).values_list("actor_id", flat=True)) <= {
        staff_and_speaker.pk
    }
    assert (
        not AuditEvent.objects.filter(edition=edition, target_type="accounts.user")
        .exclude(target_id="")
        .exclude(target_id=str(staff_and_speaker.pk))
        .exists()
    )
    client.post(reverse("people:keep_account"), {"keep": "0"})
    keeper.refresh_from_db()
    assert not keeper.keep_account


def test_a_role_granted_while_the_purge_runs_keeps_the_account(edition, make_user, monkeypatch):
    """The purge lists the accounts to delete, then deletes them one by one under a row lock. A role in a later
    edition granted in between (an organiser inviting the person to 2014 that night) must keep the account."""
    from defdays.accounts.models import User
    from defdays.accounts.services import grant_role
    from tests.factories import EditionFactory

    later = EditionFactory(year=2014)
    person = make_user("defender", edition=edition)
    listed = services._account_stays
    granted = []

    def grant_once_listed(user, live, *, leaving_edition):
        stays = listed(user, live, leaving_edition=leaving_edition)
        if not granted:  # right after the listing: the organiser's grant lands before the purge locks the row
            granted.append(grant_role(user, later, "stakeholder"))
        return stays

    monkeypatch.setattr(services, "_account_stays", grant_once_listed)
    with at(2013, 8, 1, 12):
        services.purge(dry_run=False)
    assert granted and User.objects.filter(pk=person.pk).exists()
    assert list(person.roles.values_list("edition__year", "role")) == [(2014, "stakeholder")]


def test_a_speaker_on_the_programme_team_keeps_their_name_only_on_their_staff_work(edition, make_user):
    """Exempting staff as people kept a trainer's speaker side linked to them: `role.granted target=them
    role=speaker` and their own consent. The purge decides per event."""
    from defdays.accounts.services import grant_role
    from defdays.audit import services as audit

    organiser = make_user("organiser", edition=edition)
    trainer = make_user(edition=edition)
    grant_role(trainer, edition, "speaker", actor=organiser)
    grant_role(trainer, edition, "programme", actor=organiser)
    staff_work = audit.record(audit.Action.SESSION_CREATED, actor=trainer, target=edition, edition=edition)
    consent = audit.record(
        audit.Action.CONSENT_SET, actor=trainer, target=edition, edition=edition, consent_closed=True
    )
    agenda = audit.record(audit.Action.FEED_ROTATED, actor=trainer, target=trainer, edition=edition)
    with at(2013, 8, 1, 12):
        services.purge(dry_run=False)

    def reread(event):
        return AuditEvent.objects.get(pk=event.pk)

    assert reread(staff_work).actor_id == trainer.pk
    assert reread(consent).actor_id is None
    assert (reread(agenda).actor_id, reread(agenda).target_id) == (None, "")
    grants = {
        event.detail["role"]: event
        for event in AuditEvent.objects.filter(action="role.granted", edition=edition, actor=organiser)
    }
    assert grants["speaker"].target_id == ""  # the speaker role no longer points at them
    assert grants["programme"].target_id == str(trainer.pk)
    assert not AuditEvent.objects.filter(edition=edition, action="programme.consent_set", actor=trainer).exists()
    # A second run finds nothing more to reduce.
    with at(2013, 8, 1, 12):
        assert not services._purge_people(edition, dry_run=True)["audit events"]
