"""Exports in the demo: a second organiser (exports under two keys need two), and one restricted request of
theirs that waits for the demo organiser's approval."""

import secrets
import uuid

from defdays.accounts import services as accounts
from defdays.accounts.demo import _confirmed_device, _demo_user
from defdays.accounts.views import totp_secret_base32
from defdays.core.roles import RoleName
from defdays.exports.kinds import PARTICIPANTS
from defdays.exports.models import ExportFormat, ExportRequest

SECOND_ORGANISER = ("organiser-2", "organiser2.demo@example.org", "Second organiser (demo)")


def build(ctx):
    key, email, public_name = SECOND_ORGANISER
    user = _demo_user(email, public_name)
    accounts.grant_role(user, ctx.edition, RoleName.ORGANISER)
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.save(update_fields=["password"])
    ctx.users[key] = user
    ctx.logins.append((f"{RoleName.ORGANISER.label} 2", email, password, totp_secret_base32(_confirmed_device(user))))
    if not ExportRequest.objects.filter(edition=ctx.edition, requested_by=user).exists():
        # Made as services.request_export would after a correct code; the demo has no code to type.
        ExportRequest.objects.create(
            edition=ctx.edition,
            kind=PARTICIPANTS.key,
            columns=["public_name", "role", "status", "email", "access_needs"],
            file_format=ExportFormat.XLSX,
            restricted=True,
            requested_by=user,
        )
    ctx.notes.append("Exports: the second organiser's restricted export waits for the organiser's approval.")


def url_examples(ctx) -> dict:
    year = ctx.edition.year
    export = ExportRequest.objects.filter(edition=ctx.edition).first()
    uid = export.uid if export else uuid.uuid4()
    return {
        "exports:detail": {"year": year, "uid": uid},
        "exports:download": {"year": year, "uid": uid},
    }
