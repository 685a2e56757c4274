"""What the account itself holds about a person: the section every export starts with."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from defdays.accounts import visibility
from defdays.audit.models import AuditEvent


def export_for(user) -> dict:
    roles = user.roles.select_related("edition").order_by("edition__year", "role")
    return {
        "public_name": user.public_name,
        "email": user.email,
        "preferred_language": user.language,
        "joined": user.date_joined.isoformat(),
        "last_sign_in": user.last_login.isoformat() if user.last_login else None,
        "hidden_from_lists": visibility.is_hidden(user),
        "hidden_since": since.isoformat() if (since := visibility.hidden_since(user)) else None,
        "keep_account_after_edition": user.keep_account,
        "roles": [
            {"edition": role.edition.year, "role": role.role, "since": role.granted_at.isoformat()} for role in roles
        ],
        "two_factor_enrolled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        # Only what the person did themselves, and only ids and actions: the log never holds free text.
        "activity": [
            {"id": event["id"], "at": event["at"].isoformat(), "action": event["action"]}
            for event in AuditEvent.objects.filter(actor=user).order_by("at", "id").values("id", "at", "action")
        ],
    }
