"""Exports under two keys: request, approve, download once. Every step audited with ids and column keys only.

A restricted column (an email, access needs) leaves the platform only when
1. the requester typed a current TOTP code on the request page (a session's sign-in from hours ago, or a laptop
   left open, is not enough),
2. a second organiser, not the requester, approved it with their own current code, and
3. the requester downloads it once, within VALID_FOR of the request; the second download is a 404 like any
   unknown export, so a link left in a browser history or forwarded opens nothing.
An export without restricted columns needs none of this but is still a one-time download, audited the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from defdays.accounts import services as accounts
from defdays.audit import services as audit
from defdays.core.roles import RoleName
from defdays.core.spreadsheets import csv_text, xlsx_bytes
from defdays.exports import registry
from defdays.exports.models import ExportFormat, ExportRequest

VALID_FOR = timedelta(hours=24)


class ExportRefused(Exception):
    """The request, approval or download is not allowed; the message is for the person who tried."""


class CodeNotAccepted(ExportRefused):
    """The TOTP code was wrong, reused or throttled."""


def roles_for_export(user, edition) -> frozenset:
    roles = user.roles_in(edition)
    if user.is_superuser:  # the access engine lets a platform administrator act as an organiser
        roles |= {RoleName.ORGANISER}
    return roles


def _current_totp(user, code: str) -> bool:
    """A current code from the person's authenticator (never a recovery code: those are for a lost device).
    django-otp's own check refuses a code already used and throttles repeated failures."""
    device = accounts.confirmed_totp_device(user)
    code = (code or "").replace(" ", "").strip()
    if device is None or not (code.isdigit() and len(code) == 6):
        return False
    allowed, _ = device.verify_is_allowed()
    return bool(allowed and device.verify_token(code))


def _check_code(user, code: str, step: str) -> None:
    if not _current_totp(user, code):
        audit.record(audit.Action.OTP_FAILED, actor=user, target=user, step=step)
        raise CodeNotAccepted


def expired(export: ExportRequest, now=None) -> bool:
    return (now or timezone.now()) - export.requested_at > VALID_FOR


def request_export(
    *, actor, edition, kind_key: str, columns: list[str], file_format: str, code: str = ""
) -> ExportRequest:
    export_kind = registry.kind(kind_key)
    allowed = (
        {c.key: c for c in registry.exportable_columns(export_kind, roles_for_export(actor, edition))}
        if (export_kind)
        else {}
    )
    if not columns or any(key not in allowed for key in columns) or file_format not in ExportFormat.values:
        raise ExportRefused
    restricted = any(allowed[key].restricted for key in columns)
    now = timezone.now()
    if restricted:
        _check_code(actor, code, "export.request")
    with transaction.atomic():
        export = ExportRequest.objects.create(
            edition=edition,
            kind=kind_key,
            columns=list(columns),
            file_format=file_format,
            restricted=restricted,
            requested_by=actor,
            requested_at=now,
            second_factor_at=now if restricted else None,
            # One key is enough where nothing restricted is asked for.
            approved_at=None if restricted else now,
        )
        audit.record(
            audit.Action.EXPORT_REQUESTED,
            actor=actor,
            target=export,
            edition=edition,
            kind=kind_key,
            fields=list(columns),
            restricted=restricted,
        )
    return export


def _locked_pending(edition, uid) -> ExportRequest:
    export = ExportRequest.objects.select_for_update().filter(edition=edition, uid=uid).first()
    if (
        export is None
        or not export.restricted
        or export.approved_at
        or export.refused_at
        or export.downloaded_at
        or expired(export)
    ):
        raise ExportRefused
    return export


def approve_export(*, approver, edition, uid, code: str) -> ExportRequest:
    """The second key. Never the requester's own: one person, however verified, holds only one key."""
    if RoleName.ORGANISER not in roles_for_export(approver, edition):
        raise ExportRefused
    pending = ExportRequest.objects.filter(edition=edition, uid=uid).first()
    if pending is not None and pending.requested_by_id == approver.pk:
        audit.record(audit.Action.EXPORT_REFUSED, actor=approver, target=pending, edition=edition, reason="own-request")
        raise ExportRefused
    _check_code(approver, code, "export.approve")
    with transaction.atomic():
        export = _locked_pending(edition, uid)
        if export.requested_by_id == approver.pk:
            raise ExportRefused
        export.approved_by, export.approved_at = approver, timezone.now()
        export.save(update_fields=["approved_by", "approved_at"])
        audit.record(
            audit.Action.EXPORT_APPROVED,
            actor=approver,
            target=export,
            edition=edition,
            requested_by=export.requested_by_id,
            fields=list(export.columns),
        )
    return export


def refuse_export(*, actor, edition, uid) -> ExportRequest:
    """Another organiser says no, or the requester withdraws the request."""
    with transaction.atomic():
        export = _locked_pending(edition, uid)
        export.refused_at = timezone.now()
        export.save(update_fields=["refused_at"])
        audit.record(audit.Action.EXPORT_REFUSED, actor=actor, target=export, edition=edition, reason="declined")
    return export


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str  # kind and year only: the name of a file says nothing about who is in it


def _render(export: ExportRequest) -> tuple[ExportFile, int]:
    export_kind = registry.kind(export.kind)
    columns = [export_kind.column(key) for key in export.columns]
    header = [str(c.label) for c in columns]
    rows = [[c.value(obj) for c in columns] for obj in export_kind.rows(export.edition)]
    name = f"{export.kind}-{export.edition.year}.{export.file_format}"
    if export.file_format == ExportFormat.XLSX:
        content = xlsx_bytes(header, rows, title=export.kind)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, mime = csv_text(header, rows).encode(), "text/csv; charset=utf-8"
    return ExportFile(content, mime, name), len(rows)


def download_export(*, actor, edition, uid) -> ExportFile | None:
    """The file, once. None (the view answers 404) for anything but the requester's approved, unused, unexpired
    export. The claim is one conditional UPDATE, so two downloads racing each other cannot both win; the file is
    made inside the same transaction, so a failure leaves the download unused."""
    now = timezone.now()
    with transaction.atomic():
        claimed = ExportRequest.objects.filter(
            edition=edition,
            uid=uid,
            requested_by=actor,
            approved_at__isnull=False,
            refused_at__isnull=True,
            downloaded_at__isnull=True,
            requested_at__gte=now - VALID_FOR,
        ).update(downloaded_at=now)
        if not claimed:
            return None
        export = ExportRequest.objects.select_related("edition").get(edition=edition, uid=uid)
        if registry.kind(export.kind) is None or any(
            key
            not in {
                c.key for c in registry.exportable_columns(registry.kind(export.kind), roles_for_export(actor, edition))
            }
            for key in export.columns
        ):
            # The requester lost the role since asking: the approval was for a person who may no longer export.
            transaction.set_rollback(True)
            return None
        file, rows = _render(export)
        audit.record(
            audit.Action.EXPORT_DOWNLOADED,
            actor=actor,
            target=export,
            edition=edition,
            kind=export.kind,
            fields=list(export.columns),
            approved_by=export.approved_by_id,
            restricted=export.restricted,
            rows=rows,
        )
    return file
