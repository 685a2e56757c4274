"""Incident reports: anonymous ones keep nothing that points at the sender (not in the database, not in the logs);
only the safety team of the edition sees reports, and everyone else gets 404, as for a report that does not exist."""

import logging

import pytest
from django.db import connection
from django.test import Client

from defdays.audit.models import AuditEvent
from defdays.audit.services import Action
from defdays.core.models import DataKey
from defdays.people import services as people
from defdays.safety import services
from defdays.safety.models import IncidentReport, ReportStatus
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "CANARY-AGENT/7.1 (Reporter's phone)"
TEXT = "CANARY-REPORT-TEXT someone photographed me in the hallway"


def _dump() -> bytes:
    """Every value of every table, as bytes: what a copy of the database would show."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    chunks.append(bytes(value) if isinstance(value, (bytes, memoryview)) else str(value).encode())
    return b"\n".join(chunks)


def test_an_anonymous_report_stores_no_user_address_or_user_agent_and_the_logs_hold_none(edition, caplog):
    client = Client(HTTP_USER_AGENT=AGENT, REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=ADDRESS)
    with caplog.at_level(logging.DEBUG):
        form = client.get("/2013/safety/report/")
        response = client.post("/2013/safety/report/", {"body": TEXT})
    assert form.status_code == 200 and 'name="signed"' not in form.content.decode()
    assert response.status_code == 200
    page = response.content.decode()
    report = IncidentReport.objects.get()
    assert report.reporter_id is None and report.body == TEXT and report.is_anonymous
    assert report.data_key_id not in set(DataKey.objects.exclude(pk=report.data_key_id).values_list("pk", flat=True))

    # The receipt code is on the page once; only its hash is stored, and it shows the status.
    code = page.split('<p class="receipt-code"><code>')[1].split("</code>")[0]
    assert len(code) >= 20 and report.receipt_hash == services.receipt_hash(code)
    event = AuditEvent.objects.get(action=Action.INCIDENT_REPORTED)
    assert event.actor_id is None

    dump = _dump()
    for canary in (ADDRESS, "203.0.113", AGENT, "CANARY-AGENT", code, TEXT):
        assert canary.encode() not in dump, canary
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.__dict__}" for r in caplog.records)
    for canary in (ADDRESS, "203.0.113", AGENT, "CANARY-AGENT", code, "CANARY-REPORT"):
        assert canary not in logged, canary

    status = client.post("/2013/safety/report/status/", {"code": code}).content.decode()
    assert "The report is: New." in status
    assert (
        "No report has this receipt code"
        in client.post("/2013/safety/report/status/", {"code": "x" * 22}).content.decode()
    )


def test_a_signed_reporter_sees_their_own_reports_and_status_on_their_page(client, make_user, edition):
    reporter = make_user("defender", edition=edition)
    sign_in(client, reporter)
    assert 'name="signed"' in client.get("/2013/safety/report/").content.decode()
    client.post("/2013/safety/report/", {"body": TEXT, "signed": "1"})
    report = IncidentReport.objects.get()
    assert report.reporter == reporter and report.receipt_hash is None
    services.report_update(report=report, actor=make_user("safety", edition=edition), status=ReportStatus.IN_PROGRESS,
                           note="CANARY-INTERNAL-NOTE")  # fmt: skip
    mine = client.get("/me/reports/").content.decode()
    assert "In progress" in mine and "CANARY-REPORT-TEXT" in mine and "CANARY-INTERNAL-NOTE" not in mine
    assert "In progress" in client.get("/me/").content.decode()
    # Someone else signed in sees none of it.
    sign_in(client, make_user("defender", edition=edition))
    assert "CANARY-REPORT-TEXT" not in client.get("/me/reports/").content.decode()


def test_only_the_safety_team_reads_reports_every_read_is_audited_and_other_staff_get_404(client, make_user, edition):
    report = services.report_submit(edition=edition, body=TEXT).report
    urls = ["/orga/2013/safety/reports/", f"/orga/2013/safety/reports/{report.pk}/"]
    for role in ("organiser", "programme", "travel", "jury", "volunteer", "defender", "speaker"):
        sign_in(client, make_user(role, edition=edition))
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404, (role, url)
            assert b"CANARY" not in response.content
        assert client.post(urls[1], {"status": "closed"}).status_code == 404
    # The safety team of another edition is other staff here.
    from tests.factories import EditionFactory

    sign_in(client, make_user("safety", edition=EditionFactory(year=2014)))
    assert client.get(urls[1]).status_code == 404

    safety = make_user("safety", edition=edition)
    sign_in(client, safety)
    assert "Report" in client.get(urls[0]).content.decode()
    assert TEXT in client.get(urls[1]).content.decode()
    client.get(urls[1])
    assert AuditEvent.objects.filter(action=Action.INCIDENT_READ, actor=safety, target_id=str(report.pk)).count() == 2
    response = client.post(urls[1], {"status": "closed", "note": "CANARY-NOTE followed up", "about": ""})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED and report.notes.get().body == "CANARY-NOTE followed up"
    # The organisers' audit log does not show that reports exist.
    sign_in(client, make_user("organiser", edition=edition))
    log = client.get("/orga/2013/audit/").content.decode()
    assert "Incident" not in log


def test_reports_about_a_person_are_shown_beside_their_hidden_state(client, make_user, edition):
    person = make_user("defender", edition=edition, public_name="CANARY-Person")
    services.report_submit(edition=edition, body=TEXT, about=person)
    people.set_hidden(person, True, actor=person)
    sign_in(client, make_user("safety", edition=edition))
    page = client.get("/orga/2013/safety/reports/").content.decode()
    section = page[page.index("Reports about a person") :]
    assert "CANARY-Person" in section and "hidden" in section


def test_erasure_and_the_retention_purge_destroy_reports(make_user, edition):
    reporter = make_user("defender", edition=edition)
    signed = services.report_submit(edition=edition, body=TEXT, reporter=reporter).report
    services.report_submit(edition=edition, body=TEXT, about=reporter)
    key = signed.data_key
    people.erase(reporter)
    key.refresh_from_db()
    assert key.shredded_at is not None and not IncidentReport.objects.filter(pk=signed.pk).exists()
    assert IncidentReport.objects.get().about_id is None

    from defdays.safety import personal_data

    assert personal_data.purge_edition(edition, dry_run=False) == {"incident_reports": 1}
    assert not IncidentReport.objects.exists()
