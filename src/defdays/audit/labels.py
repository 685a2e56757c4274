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
    A.NEWS_SAVED: _("News item saved"),
    A.NEWS_PUBLISHED: _("News item published"),
    A.NEWS_UNPUBLISHED: _("News item unpublished"),
    A.NEWS_IMAGE_ADDED: _("Image added to a news item"),
    A.CONTACT_RECEIVED: _("Contact message received"),
    A.CONTACT_ANSWERED: _("Contact message answered"),
    A.CONTACT_SETTINGS_CHANGED: _("Contact settings changed"),
    A.TRACK_SAVED: _("Track saved"),
    A.TRACK_DELETED: _("Track deleted"),
    A.PROGRAMME_SETTINGS_CHANGED: _("Programme settings changed"),
    A.OPENSESSION_SAVED: _("Open session saved"),
    A.EXPORT_REQUESTED: _("Export asked for"),
    A.EXPORT_APPROVED: _("Export approved"),
    A.EXPORT_REFUSED: _("Export refused"),
    A.EXPORT_DOWNLOADED: _("Export downloaded"),
    A.SPEAKER_DEADLINE_SET: _("Speaker deadline set"),
    A.SPEAKER_EDITED: _("Speaker details changed"),
    A.MATERIAL_ADDED: _("Session material added"),
    A.MATERIAL_REMOVED: _("Session material removed"),
    A.AWARD_SETTINGS_CHANGED: _("Award settings changed"),
    A.NOMINATOR_LINK_CREATED: _("Nominator link created"),
    A.NOMINATION_SUBMITTED: _("Nomination submitted"),
    A.NOMINATION_READ: _("Nomination read"),
    A.NOMINATION_FILE_READ: _("Nomination file read"),
    A.CONFLICT_DECLARED: _("Conflict of interest declared"),
    A.SCORE_SUBMITTED: _("Nomination scored"),
    A.DELIBERATION_NOTE_ADDED: _("Deliberation note added"),
    A.SHORTLIST_CHANGED: _("Shortlist changed"),
    A.AWARD_DECIDED: _("Laureate decided"),
    A.LAUREATE_PROFILE_CHANGED: _("Laureate profile changed"),
    A.AWARD_ANNOUNCED: _("Laureate announced"),
    A.REPORT_AUTHOR_ADDED: _("Report author added"),
    A.REPORT_AUTHOR_REMOVED: _("Report author removed"),
    A.REPORT_SAVED: _("Report saved"),
    A.REPORT_COMMENTED: _("Report commented on"),
    A.REPORT_APPROVED: _("Report approved"),
    A.REPORT_PUBLISHED: _("Report published"),
    A.NETWORKING_PROFILE_SAVED: _("Networking profile saved"),
    A.MEETING_REQUESTED: _("Meeting asked for"),
    A.MEETING_ACCEPTED: _("Meeting accepted"),
    A.MEETING_DECLINED: _("Meeting declined"),
    A.MEETING_CANCELLED: _("Meeting cancelled"),
    A.PERSON_BLOCKED: _("Person blocked"),
    A.PERSON_UNBLOCKED: _("Person unblocked"),
    A.PERSON_REPORTED: _("Person reported"),
    A.PERSON_REPORTS_READ: _("Reports about a person read"),
    A.NETWORKING_SETTINGS_CHANGED: _("Networking settings changed"),
    A.VISA_LETTER_ASKED: _("Visa letter asked for"),
    A.VISA_DETAILS_GIVEN: _("Visa letter details given"),
    A.VISA_LETTER_ISSUED: _("Visa letter issued"),
    A.VISA_LETTER_DOWNLOADED: _("Visa letter downloaded"),
    A.HOTEL_BLOCK_SAVED: _("Hotel block saved"),
    A.ITINERARY_SAVED: _("Itinerary saved"),
    A.ITINERARY_CONFIRMED: _("Itinerary confirmed"),
    A.ITINERARY_CHANGE_ASKED: _("Itinerary change asked for"),
    A.GRANT_SAVED: _("Travel grant saved"),
    A.RECEIPT_ADDED: _("Travel receipt added"),
    A.BADGES_BATCH_STARTED: _("Badge printing started"),
    A.BADGES_DOWNLOADED: _("Badges downloaded"),
    A.BADGE_CHECKED_IN: _("Checked in with a badge"),
    A.BADGE_SCAN_REPEATED: _("Badge scanned again"),
    A.BADGE_SCAN_REFUSED: _("Badge scan refused"),
    A.TRAINING_CHECKED_IN: _("Checked in to a training"),
    A.CERTIFICATE_DOWNLOADED: _("Certificate downloaded"),
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
