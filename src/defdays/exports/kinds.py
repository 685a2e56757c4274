"""The export kinds of today. Travel and check-in lists register here the same way when those apps exist."""

from django.utils.translation import gettext_lazy as _

from defdays.accounts.models import User
from defdays.core.roles import RoleName
from defdays.exports.registry import Column, ExportKind, register
from defdays.registration import selectors as registration
from defdays.registration.models import Participation


def _participants(edition):
    # pipeline() lists through accounts.visibility: hidden and erased people are not in any export.
    return registration.pipeline(edition).select_related("user__data_key", "data_key")


PARTICIPANTS = register(
    ExportKind(
        key="participants",
        label=_("Participants"),
        roles=frozenset({RoleName.ORGANISER}),
        columns=(
            Column("public_name", _("public name"), User, "public_name", lambda p: p.user.public_name),
            Column("role", _("role"), Participation, "role", lambda p: p.role),
            Column("status", _("status"), Participation, "status", lambda p: p.status),
            Column("days", _("days"), Participation, "days", lambda p: " ".join(p.days)),
            Column("photo_consent", _("photo consent"), Participation, "photo_consent", lambda p: p.photo_consent),
            Column(
                "code_of_conduct",
                _("code of conduct version"),
                Participation,
                "code_of_conduct_version",
                lambda p: p.code_of_conduct_version,
            ),
            Column(
                "registered_at", _("registered at"), Participation, "created_at", lambda p: p.created_at.isoformat()
            ),
            Column("email", _("email"), User, "email_enc", lambda p: p.user.email or ""),
            Column(
                "access_needs", _("access needs"), Participation, "access_needs_enc", lambda p: p.access_needs or ""
            ),
        ),
        rows=_participants,
        default=("public_name", "role", "status", "days"),
    )
)
