"""CSV import: every row checked first, a report, nothing written before confirmation, then one transaction."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from defdays.invitations import importer, services
from defdays.invitations.models import ImportJob, ImportStatus, Invitation
from tests.invitations.helpers import invite

pytestmark = pytest.mark.django_db

HEADER = "public name,email,role,language,OpenPGP public key,internal note\n"


def check(edition, text):
    return importer.validate(edition, importer.read(text.encode("utf-8")))


def reasons(result):
    return {(e["row"], e["field"], e["reason"]) for e in result.errors}


def test_a_clean_file_validates(edition):
    result = check(
        edition,
        HEADER + "Swallow,swallow@example.org,defender,en,,met in Tbilisi\nFinch,finch@example.org,Stakeholder,sv,,\n",
    )
    assert result.total == 2 and not result.errors
    assert [row.role for row in result.valid] == ["defender", "stakeholder"]


def test_bom_and_semicolons_are_understood(edition):
    text = "\ufeffpublic name;email;role;language\nSwallow;swallow@example.org;speaker;en\n"
    result = importer.validate(edition, importer.read(text.encode("utf-8")))
    assert not result.errors and result.valid[0].email == "swallow@example.org"


def test_a_wrong_header_is_a_clear_file_error():
    with pytest.raises(importer.ImportFileError) as caught:
        importer.read(b"name,mail,function\nSwallow,swallow@example.org,defender\n")
    assert "Missing: email, role" in str(caught.value) and "mail" in str(caught.value)


def test_junk_and_binary_files_are_file_errors():
    with pytest.raises(importer.ImportFileError, match="larger than"):
        importer.read(b"x" * (10 * 1024 * 1024))
    with pytest.raises(importer.ImportFileError, match="not a text CSV"):
        importer.read(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(importer.ImportFileError, match="not UTF-8"):
        importer.read("public name,email,role\nS\xe9,a@example.org,defender\n".encode("latin-1"))


def test_every_kind_of_bad_row_is_reported_by_row_and_field(edition):
    invite(edition, "taken@example.org")
    text = (
        HEADER
        + "\n".join(
            [
                "Swallow,not-an-email,defender,en,,",  # 2 bad email
                "Finch,finch@example.org,minister,en,,",  # 3 unknown role
                "Finch again,FINCH@example.org,defender,en,,",  # 4 duplicate in file (case-insensitive)
                "Taken,taken@example.org,defender,en,,",  # 5 already invited
                '"=HYPERLINK(""http://evil.example"",""x"")",h@example.org,defender,en,,',  # 6 formula
                "Robin,robin@example.org,defender,en,-----BEGIN PGP PUBLIC KEY BLOCK----- junk,",  # 7 bad key
                "Lark,lark@example.org,defender,xx,,",  # 8 unknown language
                ",,defender,en,,",  # 9 required
                "Tit,tit@example.org,defender,en,,@SUM(1)",  # 10 formula in the note
            ]
        )
        + "\n"
    )
    result = check(edition, text)
    assert reasons(result) == {
        (2, "email", "bad_email"),
        (3, "role", "unknown_role"),
        (4, "email", "duplicate_in_file"),
        (5, "email", "already_invited"),
        (6, "public_name", "formula"),
        (7, "pgp_key", "bad_key"),
        (8, "language", "unknown_language"),
        (9, "public_name", "required"),
        (9, "email", "required"),
        (10, "note", "formula"),
    }
    assert result.valid == []


def test_the_report_never_carries_a_value_from_the_file(edition):
    result = check(edition, HEADER + "Secret Name,secret@,defender,en,,secret note\n")
    assert "secret" not in repr(result.errors).lower()


def _upload(client, year, content: bytes, name="people.csv"):
    return client.post(
        reverse("invitations:import", kwargs={"year": year}),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_web_import_reports_first_and_writes_only_after_confirmation(client_as, edition):
    client = client_as("organiser")
    content = (
        HEADER + "Swallow,swallow@example.org,defender,en,,note one\n"
        "Bad,bad-email,defender,en,,\n"
        "Finch,finch@example.org,speaker,sv,,\n"
    ).encode()
    response = _upload(client, 2013, content)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and str(job.uid) in response["Location"]
    assert job.status == ImportStatus.VALIDATED and job.valid_rows == 2 and job.error_count == 1
    assert Invitation.objects.count() == 0 and not mail.outbox  # nothing written before confirmation
    page = client.get(response["Location"])
    assert b"Not a valid email address." in page.content and b"Confirm and send" in page.content
    assert b'http-equiv="refresh"' not in page.content
    client.post(reverse("invitations:import_confirm", kwargs={"year": 2013, "job": job.uid}))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 2
    assert Invitation.objects.filter(edition=edition).count() == 2 and len(mail.outbox) == 2
    assert job.content_enc is None and job.data_key.shredded_at is not None  # the file is gone


def test_progress_page_refreshes_without_javascript_while_running(client_as, edition):
    client = client_as("organiser")
    job = services.start_import(edition, HEADER + "A,a@example.org,defender,en,,\n", actor=client.user)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.VALIDATING, processed_rows=0, total_rows=1)
    page = client.get(reverse("invitations:import_job", kwargs={"year": 2013, "job": job.uid}))
    assert b'<meta http-equiv="refresh" content="2">' in page.content and b"<script" not in page.content


def test_a_second_confirmation_writes_nothing_more(client_as, edition):
    client = client_as("organiser")
    _upload(client, 2013, (HEADER + "A,a@example.org,defender,en,,\n").encode())
    job = ImportJob.objects.get()
    url = reverse("invitations:import_confirm", kwargs={"year": 2013, "job": job.uid})
    client.post(url)
    client.post(url)
    assert Invitation.objects.count() == 1


def test_cancel_deletes_the_file_and_writes_nothing(client_as, edition):
    client = client_as("organiser")
    _upload(client, 2013, (HEADER + "A,a@example.org,defender,en,,\n").encode())
    job = ImportJob.objects.get()
    client.post(reverse("invitations:import_cancel", kwargs={"year": 2013, "job": job.uid}))
    job.refresh_from_db()
    assert job.status == ImportStatus.CANCELLED and job.content_enc is None and not Invitation.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"J" * (10 * 1024 * 1024), b"larger than 5 MB"),
        (b"name;mail\nx;y\n", b"must name the columns"),
        (b"\x00\x01\x02binary", b"not a text CSV"),
        (HEADER.encode(), b"header but no rows"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_stored(client_as, edition, content, message):
    client = client_as("organiser")
    response = _upload(client, 2013, content)
    assert response.status_code == 400 and message in response.content
    assert not ImportJob.objects.exists()


def test_only_organisers_of_the_edition_import(client_as, edition):
    client = client_as("programme")
    assert _upload(client, 2013, (HEADER + "A,a@example.org,defender,en,,\n").encode()).status_code == 403
    assert not ImportJob.objects.exists()


def test_cli_dry_run_writes_nothing_and_import_writes(edition, tmp_path):
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(HEADER + "A,a@example.org,defender,en,,\nB,bad,defender,en,,\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("invitations", "import", str(csv_file), "--year", "2013", "--dry-run", stdout=out, stderr=err)
    assert "row 3: email: Not a valid email address." in out.getvalue() and "Dry run" in out.getvalue()
    assert "checking" in err.getvalue()  # the tqdm progress bar
    assert not Invitation.objects.exists()
    call_command("invitations", "import", str(csv_file), "--year", "2013", stdout=out, stderr=err)
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_cli_refuses_a_bad_file_with_the_same_message(edition, tmp_path):
    csv_file = tmp_path / "junk.csv"
    csv_file.write_bytes(b"what,ever\n1,2\n")
    with pytest.raises(CommandError, match="must name the columns"):
        call_command("invitations", "import", str(csv_file), "--year", "2013")


@pytest.mark.slow
def test_five_thousand_rows_import(edition):
    rows = "".join(f"Person {n},person{n}@example.org,defender,en,,\n" for n in range(5000))
    parsed = importer.read((HEADER + rows).encode())
    result = importer.validate(edition, parsed)
    assert len(result.valid) == 5000 and not result.errors
    assert services.create_from_rows(edition, result.valid) == 5000
    assert Invitation.objects.filter(edition=edition, status="sent").count() == 5000
    assert len(mail.outbox) == 5000 and all(len(m.to) == 1 for m in mail.outbox)


def test_an_import_run_again_after_a_stopped_worker_says_so_and_writes_each_row_once(client_as, edition, monkeypatch):
    """The real kill -9 is in tests/stack; here the first attempt stops where a killed worker would, before its
    transaction commits, and the task runs again as the re-queued one does."""
    client = client_as("organiser")
    job = services.start_import(edition, HEADER + "A,a@example.org,defender,en,,\n", actor=client.user)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.IMPORTING)
    real = services.create_from_rows

    def stop_mid_way(*args, **kwargs):
        real(*args, **kwargs)
        raise SystemExit("worker killed")  # inside the transaction: everything it wrote rolls back

    monkeypatch.setattr(services, "create_from_rows", stop_mid_way)
    with pytest.raises(SystemExit):
        services.run_import(job.pk)
    assert Invitation.objects.count() == 0
    monkeypatch.setattr(services, "create_from_rows", real)
    services.run_import(job.pk)
    job.refresh_from_db()
    assert (job.status, job.attempts, Invitation.objects.count()) == (ImportStatus.DONE, 2, 1)
    page = client.get(reverse("invitations:import_job", kwargs={"year": 2013, "job": job.uid})).content.decode()
    assert "it was started again (2 attempts)" in page
