"""Writes of the safety app: code-of-conduct versions and incident reports, each in one transaction, audited."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from defdays.audit import services as audit
from defdays.core import generation
from defdays.core.models import DataKey
from defdays.registration.models import RegistrationSettings
from defdays.safety.models import CodeOfConduct, IncidentReport, ReportNote, ReportStatus

MAX_REPORT_CHARS = 20_000


def receipt_hash(code: str) -> str:
    # The code carries 128 random bits, so a plain hash cannot be reversed by guessing; a keyed hash would add
    # nothing but a dependency on a secret that rotates.
    return hashlib.sha256(code.strip().encode()).hexdigest()


@transaction.atomic
def code_of_conduct_publish(*, edition, text: str, actor) -> CodeOfConduct:
    """A new version of the edition's code of conduct. Registration records the current version number with each
    acceptance (RegistrationSettings.code_of_conduct_version), so from now on people accept this text."""
    text = text.strip()
    if not text:
        raise ValidationError(_("The code of conduct cannot be empty."))
    rules, _created = RegistrationSettings.objects.select_for_update().get_or_create(edition=edition)
    latest = CodeOfConduct.objects.filter(edition=edition).aggregate(v=Max("version"))["v"] or 0
    # Registration stored "1" before any text existed: the first published text is that version 1.
    version = latest + 1
    document = CodeOfConduct.objects.create(edition=edition, version=version, text=text, published_by=actor)
    rules.code_of_conduct_version = str(version)
    rules.save(update_fields=["code_of_conduct_version"])
    audit.record(audit.Action.CODE_OF_CONDUCT_PUBLISHED, actor=actor, target=document, edition=edition, version=version)
    generation.bump()  # the public page (and any cached copy) shows the new text on the next request
    return document


@dataclass(frozen=True)
class Submitted:
    report: IncidentReport
    receipt_code: str | None  # shown once to an anonymous reporter, never stored


@transaction.atomic
def report_submit(*, edition, body: str, reporter=None, about=None) -> Submitted:
    """Store a report. With `reporter=None` nothing about the sender is kept: the caller must not pass, and this
    function has no parameter for, an address, a user agent or a session."""
    body = body.strip()
    if not body:
        raise ValidationError(_("Please describe what happened."))
    if len(body) > MAX_REPORT_CHARS:
        raise ValidationError(_("Please keep the report under %(n)d characters.") % {"n": MAX_REPORT_CHARS})
    report = IncidentReport(edition=edition, data_key=DataKey.create(), reporter=reporter, about=about)
    report.body = body
    code = None
    if reporter is None:
        code = secrets.token_urlsafe(16)
        report.receipt_hash = receipt_hash(code)
    report.save()
    # The actor is the signed reporter or nobody; the event carries no text. It stays off the organisers' log
    # (audit.selectors.SAFETY_ONLY_ACTIONS).
    audit.record(audit.Action.INCIDENT_REPORTED, actor=reporter, target=report, edition=edition)
    return Submitted(report, code)


def report_read(*, report: IncidentReport, reader) -> None:
    """Every opening of a report by the safety team leaves a trace."""
    audit.record(audit.Action.INCIDENT_READ, actor=reader, target=report, edition=report.edition)


@transaction.atomic
def report_update(*, report: IncidentReport, actor, status: str | None = None, note: str = "", about=None,
                  clear_about: bool = False) -> IncidentReport:  # fmt: skip
    locked = IncidentReport.objects.select_for_update().select_related("data_key").get(pk=report.pk)
    changed = []
    if status and status != locked.status:
        locked.status = ReportStatus(status)
        locked.status_changed_at = timezone.now()
        changed.append("status")
    if about is not None and about.pk != locked.about_id:
        locked.about = about
        changed.append("about")
    elif clear_about and locked.about_id is not None:
        locked.about = None
        changed.append("about")
    if changed:
        locked.save(update_fields=[*changed, *(["status_changed_at"] if "status" in changed else [])])
    note = note.strip()
    if note:
        entry = ReportNote(report=locked, data_key=locked.data_key, author=actor)
        entry.body = note[:MAX_REPORT_CHARS]
        entry.save()
        changed.append("note")
    if changed:
        audit.record(
            audit.Action.INCIDENT_CHANGED,
            actor=actor,
            target=locked,
            edition=locked.edition,
            changed=changed,
            **({"status": locked.status} if "status" in changed else {}),
        )
    return locked


def purge_reports(reports) -> int:
    """Destroy reports for good: rows deleted and each report's key shredded (copies of the row in backups become
    unreadable). Shared by the retention purge and erasure; the caller holds the transaction."""
    ids, keys = [], []
    for report in reports.select_for_update().select_related("data_key"):
        ids.append(report.pk)
        keys.append(report.data_key)
    audit.forget_targets(IncidentReport, ids)
    IncidentReport.objects.filter(pk__in=ids).delete()
    for key in keys:
        key.shred()
    return len(ids)
