"""What the organisers' log page shows instead of codes: a readable name for each action, role and target."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from defdays.audit.services import Action
from defdays.core.roles import RoleName

A = Action
ACTION_LABELS = {
    A.LOGIN: _("Signed in"),
    A.LOGIN_FAILED: _("Sign-in failed"),
    A.LOGOUT: _("Signed out"),
    A.LOCKED_OUT: _("Locked out after failed sign-ins"),
    A.OTP_VERIFIED: _("Second factor accepted"),
    A.OTP_FAILED: _("Second factor refused"),
    A.OTP_ENROLLED: _("Authenticator app set up"),
    A.RECOVERY_CODES_CREATED: _("Recovery codes made"),
    A.RECOVERY_CODE_USED: _("Recovery code used"),
    A.PASSWORD_CHANGED: _("Password changed"),
    A.PASSWORD_RESET_REQUESTED: _("Password reset asked for"),
    A.PASSWORD_RESET_DONE: _("Password reset"),
    A.ROLE_GRANTED: _("Role granted"),
    A.ROLE_REVOKED: _("Role removed"),
    A.EXPORT: _("Data exported"),
    A.RESTRICTED_READ: _("Restricted data read"),
    A.BAD_REQUEST: _("Request refused"),
    A.EDITION_CHANGED: _("Edition changed"),
    A.PROFILE_CHANGED: _("Profile changed"),
    A.EMAIL_CHANGE_REQUESTED: _("Email change asked for"),
    A.HIDDEN: _("Hidden"),
    A.UNHIDDEN: _("Shown again"),
    A.ERASED: _("Erased"),
    A.PURGE: _("Retention purge"),
    A.INVITATION_CREATED: _("Invitation created"),
    A.INVITATION_IMPORTED: _("Invitations imported"),
    A.INVITATION_IMPORT_STARTED: _("Invitation import started"),
    A.INVITATION_IMPORT_CONFIRMED: _("Invitation import confirmed"),
    A.INVITATION_IMPORT_CANCELLED: _("Invitation import cancelled"),
    A.INVITATION_SENT: _("Invitation sent"),
    A.INVITATION_SEND_FAILED: _("Invitation could not be sent"),
    A.INVITATION_RESENT: _("Invitation sent again"),
    A.INVITATION_REVOKED: _("Invitation revoked"),
    A.INVITATION_REDEEMED: _("Invitation redeemed"),
    A.REGISTRATION_REGISTERED: _("Registered"),
    A.REGISTRATION_UPDATED: _("Registration changed"),
    A.REGISTRATION_WITHDRAWN: _("Withdrew"),
    A.REGISTRATION_REJOINED: _("Asked to come back"),
    A.REGISTRATION_APPROVED: _("Registration approved"),
    A.REGISTRATION_DECLINED: _("Registration declined"),
    A.REGISTRATION_CHECKED_IN: _("Checked in"),
    A.REGISTRATION_SETTINGS_CHANGED: _("Registration settings changed"),
    A.OPENSESSION_REQUESTED: _("Open-session sign-up asked for"),
    A.OPENSESSION_REQUESTED_AGAIN: _("Open-session sign-up asked for again"),
    A.OPENSESSION_BOOKED: _("Open-session booking confirmed"),
    A.OPENSESSION_RENAMED: _("Open-session booking renamed"),
    A.OPENSESSION_PROMOTED: _("Moved up from the waitlist"),
    A.OPENSESSION_CANCELLED: _("Open-session booking cancelled"),
    A.OPENSESSION_CAPACITY_CHANGED: _("Open-session seats changed"),
    A.OPENSESSION_SIGN_UP_TOGGLED: _("Open-session sign-up opened or closed"),
    A.SESSION_CREATED: _("Session created"),
    A.SESSION_CHANGED: _("Session changed"),
    A.SESSION_STATUS: _("Session status changed"),
    A.GUEST_CREATED: _("Guest speaker added"),
    A.SPEAKER_SET: _("Speaker added to a session"),
    A.SPEAKER_REMOVED: _("Speaker removed from a session"),
    A.CONSENT_SET: _("Speaker consent given or withdrawn"),
    A.ROOM_SAVED: _("Room saved"),
    A.ROOM_DELETED: _("Room deleted"),
    A.PROGRAMME_PUBLISHED: _("Programme published"),
    A.FEED_ROTATED: _("Calendar link replaced"),
    A.FEED_REVOKED: _("Calendar link revoked"),
    A.SEAT_CLAIMED: _("Training seat taken"),
    A.SEAT_RELEASED: _("Training seat given back"),
    A.MESSAGE_QUEUED: _("Message to participants written"),
    A.MESSAGE_SENT: _("Message to participants sent"),
    A.PHOTO_UPLOADED: _("Photo uploaded"),
    A.PHOTO_TAGGED: _("People in a photo changed"),
    A.PHOTO_PUBLISHED: _("Photo published"),
    A.PHOTO_UNPUBLISHED: _("Photo unpublished"),
    A.PHOTO_DELETED: _("Photo deleted"),
    A.CODE_OF_CONDUCT_PUBLISHED: _("Code of conduct published"),
    A.INCIDENT_REPORTED: _("Incident reported"),
    A.INCIDENT_READ: _("Incident report read"),
    A.INCIDENT_CHANGED: _("Incident report changed"),
}


def action_label(code: str) -> str:
    """The readable name; an action added without one still reads as words, not as a dotted code."""
    try:
        return str(ACTION_LABELS[Action(code)])
    except (KeyError, ValueError):
        return code.replace(".", ": ").replace("_", " ").capitalize()


def roles_label(codes: str) -> str:
    names = []
    for code in filter(None, codes.split(",")):
        names.append(str(RoleName(code).label) if code in RoleName.values else code)
    return ", ".join(names)


def kind_label(target_type: str) -> str:
    if not target_type:
        return ""
    try:
        return str(apps.get_model(target_type)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return target_type
