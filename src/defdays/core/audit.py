"""The one way to write the audit log. Call with ids and types, never with names, emails or free text."""

from defdays.core.models import AuditEvent


class Action:
    LOGIN = "login"
    LOGIN_FAILED = "login.failed"
    LOGOUT = "logout"
    LOCKED_OUT = "login.locked"
    OTP_VERIFIED = "2fa.verified"
    OTP_FAILED = "2fa.failed"
    OTP_ENROLLED = "2fa.enrolled"
    RECOVERY_CODES_CREATED = "2fa.recovery_codes"
    RECOVERY_CODE_USED = "2fa.recovery_used"
    PASSWORD_CHANGED = "password.changed"
    PASSWORD_RESET_REQUESTED = "password.reset_requested"
    PASSWORD_RESET_DONE = "password.reset_done"
    ROLE_GRANTED = "role.granted"
    ROLE_REVOKED = "role.revoked"
    EXPORT = "export"
    RESTRICTED_READ = "restricted.read"
    EDITION_CHANGED = "edition.changed"
    BAD_REQUEST = "request.rejected"


def record(action, *, actor=None, request=None, target=None, edition=None, **detail) -> AuditEvent:
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    if edition is None and request is not None:
        edition = getattr(request, "edition", None)
    actor_roles = ""
    if actor is not None and edition is not None:
        actor_roles = ",".join(sorted(actor.roles_in(edition)))
    return AuditEvent.objects.create(
        actor=actor,
        actor_roles=actor_roles,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        edition=edition,
        detail=detail,
    )
