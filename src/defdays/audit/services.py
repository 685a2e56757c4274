"""The one way to write the audit log. Call with ids and types, never with names, emails or free text."""

import enum
from contextlib import contextmanager

from django.db import connection, models, transaction

from defdays.audit.models import AuditEvent


class Action(enum.StrEnum):
    """Every action the audit log knows, in one place. The log page filters by these names and keeps the safety
    team's actions out by name, so a name spelt differently at one call site would slip past both; `record`
    refuses a name that is not here."""

    # Accounts: sign-in, second factor, passwords, roles
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
    BAD_REQUEST = "request.rejected"
    # Editions
    EDITION_CHANGED = "edition.changed"
    # People: own data, "hide me", erasure, the retention purge
    PROFILE_CHANGED = "profile.changed"
    EMAIL_CHANGE_REQUESTED = "people.email_change_requested"
    HIDDEN = "people.hidden"
    UNHIDDEN = "people.unhidden"
    ERASED = "people.erased"
    PURGE = "purge"
    # Invitations
    INVITATION_CREATED = "invitation.created"
    INVITATION_IMPORTED = "invitation.imported"
    INVITATION_IMPORT_STARTED = "invitation.import_started"
    INVITATION_IMPORT_CONFIRMED = "invitation.import_confirmed"
    INVITATION_IMPORT_CANCELLED = "invitation.import_cancelled"
    INVITATION_SENT = "invitation.sent"
    INVITATION_SEND_FAILED = "invitation.send_failed"
    INVITATION_RESENT = "invitation.resend"
    INVITATION_REVOKED = "invitation.revoked"
    INVITATION_REDEEMED = "invitation.redeemed"
    # Registration (the organisers' steps are named after TRANSITIONS in registration.services)
    REGISTRATION_REGISTERED = "registration.registered"
    REGISTRATION_UPDATED = "registration.updated"
    REGISTRATION_WITHDRAWN = "registration.withdrawn"
    REGISTRATION_REJOINED = "registration.rejoined"
    REGISTRATION_APPROVED = "registration.approve"
    REGISTRATION_DECLINED = "registration.decline"
    REGISTRATION_CHECKED_IN = "registration.check_in"
    REGISTRATION_SETTINGS_CHANGED = "registration.settings_changed"
    # Open session
    OPENSESSION_REQUESTED = "opensession.requested"
    OPENSESSION_REQUESTED_AGAIN = "opensession.requested_again"
    OPENSESSION_BOOKED = "opensession.booked"
    OPENSESSION_RENAMED = "opensession.renamed"
    OPENSESSION_PROMOTED = "opensession.promoted"
    OPENSESSION_CANCELLED = "opensession.cancelled"
    OPENSESSION_CAPACITY_CHANGED = "opensession.capacity_changed"
    OPENSESSION_SIGN_UP_TOGGLED = "opensession.sign_up_toggled"
    # Programme
    SESSION_CREATED = "programme.session_created"
    SESSION_CHANGED = "programme.session_changed"
    SESSION_STATUS = "programme.session_status"
    GUEST_CREATED = "programme.guest_created"
    SPEAKER_SET = "programme.speaker_set"
    SPEAKER_REMOVED = "programme.speaker_removed"
    CONSENT_SET = "programme.consent_set"
    ROOM_SAVED = "programme.room_saved"
    ROOM_DELETED = "programme.room_deleted"
    PROGRAMME_PUBLISHED = "programme.published"
    FEED_ROTATED = "programme.feed_rotated"
    FEED_REVOKED = "programme.feed_revoked"
    SEAT_CLAIMED = "programme.seat_claimed"
    SEAT_RELEASED = "programme.seat_released"
    # News
    NEWS_SAVED = "news.saved"
    NEWS_PUBLISHED = "news.published"
    NEWS_UNPUBLISHED = "news.unpublished"
    NEWS_IMAGE_ADDED = "news.image_added"
    # Contact
    CONTACT_RECEIVED = "contact.received"
    CONTACT_ANSWERED = "contact.answered"
    CONTACT_SETTINGS_CHANGED = "contact.settings_changed"
    # Next year's edition: the settings organisers set (and a new edition copies)
    TRACK_SAVED = "programme.track_saved"
    TRACK_DELETED = "programme.track_deleted"
    PROGRAMME_SETTINGS_CHANGED = "programme.settings_changed"
    OPENSESSION_SAVED = "opensession.saved"
    # Messages to participants
    MESSAGE_QUEUED = "mailings.queued"
    MESSAGE_SENT = "mailings.sent"
    # Exports under two keys
    EXPORT_REQUESTED = "export.requested"
    EXPORT_APPROVED = "export.approved"
    EXPORT_REFUSED = "export.refused"
    EXPORT_DOWNLOADED = "export.downloaded"
    # Speakers' own pages
    SPEAKER_DEADLINE_SET = "programme.speaker_deadline_set"
    SPEAKER_EDITED = "programme.speaker_edited"
    MATERIAL_ADDED = "programme.material_added"
    MATERIAL_REMOVED = "programme.material_removed"
    # Award: nominations, jury, decision, announcement (ids only: never a nominee's name)
    AWARD_SETTINGS_CHANGED = "award.settings_changed"
    NOMINATOR_LINK_CREATED = "award.nominator_link_created"
    NOMINATION_SUBMITTED = "award.nomination_submitted"
    NOMINATION_READ = "award.nomination_read"
    NOMINATION_FILE_READ = "award.nomination_file_read"
    CONFLICT_DECLARED = "award.conflict_declared"
    SCORE_SUBMITTED = "award.score_submitted"
    DELIBERATION_NOTE_ADDED = "award.note_added"
    SHORTLIST_CHANGED = "award.shortlist_changed"
    AWARD_DECIDED = "award.decided"
    LAUREATE_PROFILE_CHANGED = "award.laureate_profile_changed"
    AWARD_ANNOUNCED = "award.announced"
    # Country report
    REPORT_AUTHOR_ADDED = "reports.author_added"
    REPORT_AUTHOR_REMOVED = "reports.author_removed"
    REPORT_SAVED = "reports.saved"
    REPORT_COMMENTED = "reports.commented"
    REPORT_APPROVED = "reports.approved"
    REPORT_PUBLISHED = "reports.published"
    # Participants' directory and meetings (ids only: never who met whom by name, never a note)
    NETWORKING_PROFILE_SAVED = "networking.profile_saved"
    MEETING_REQUESTED = "networking.meeting_requested"
    MEETING_ACCEPTED = "networking.meeting_accepted"
    MEETING_DECLINED = "networking.meeting_declined"
    MEETING_CANCELLED = "networking.meeting_cancelled"
    PERSON_BLOCKED = "networking.person_blocked"
    PERSON_UNBLOCKED = "networking.person_unblocked"
    PERSON_REPORTED = "networking.person_reported"
    PERSON_REPORTS_READ = "networking.person_reports_read"
    NETWORKING_SETTINGS_CHANGED = "networking.settings_changed"
    # Photos
    PHOTO_UPLOADED = "photos.uploaded"
    PHOTO_TAGGED = "photos.tagged"
    PHOTO_PUBLISHED = "photos.published"
    PHOTO_UNPUBLISHED = "photos.unpublished"
    PHOTO_DELETED = "photos.deleted"
    # Safety: code of conduct and incident reports
    CODE_OF_CONDUCT_PUBLISHED = "safety.code_of_conduct_published"
    INCIDENT_REPORTED = "safety.incident_reported"
    INCIDENT_READ = "safety.incident_read"
    INCIDENT_CHANGED = "safety.incident_changed"
    # Visa letters and travel
    VISA_LETTER_ASKED = "visas.asked"
    VISA_DETAILS_GIVEN = "visas.details_given"
    VISA_LETTER_ISSUED = "visas.issued"
    VISA_LETTER_DOWNLOADED = "visas.downloaded"
    HOTEL_BLOCK_SAVED = "travel.hotel_block_saved"
    ITINERARY_SAVED = "travel.itinerary_saved"
    ITINERARY_CONFIRMED = "travel.itinerary_confirmed"
    ITINERARY_CHANGE_ASKED = "travel.change_asked"
    GRANT_SAVED = "travel.grant_saved"
    RECEIPT_ADDED = "travel.receipt_added"
    # Badges and check-in (participation ids only, never a badge code)
    BADGES_BATCH_STARTED = "badges.batch_started"
    BADGES_DOWNLOADED = "badges.downloaded"
    BADGE_CHECKED_IN = "badges.checked_in"
    BADGE_SCAN_REPEATED = "badges.scan_repeated"
    BADGE_SCAN_REFUSED = "badges.scan_refused"
    TRAINING_CHECKED_IN = "badges.training_checked_in"
    CERTIFICATE_DOWNLOADED = "badges.certificate_downloaded"


# What a person does only as staff of an edition (organising, programme, check-in). The retention purge keeps
# the actor on these alone: a speaker who is also on the programme team keeps their name on the sessions they
# edited, not on their consent, registration, agenda or seats. An allow-list, so an action added later and not
# sorted here loses its actor at the purge rather than keeping a closed-part person's name.
STAFF_ACTIONS = frozenset(
    {
        Action.ROLE_GRANTED,
        Action.ROLE_REVOKED,
        Action.EXPORT,
        Action.RESTRICTED_READ,
        Action.EDITION_CHANGED,
        Action.INVITATION_CREATED,
        Action.INVITATION_IMPORTED,
        Action.INVITATION_IMPORT_STARTED,
        Action.INVITATION_IMPORT_CONFIRMED,
        Action.INVITATION_IMPORT_CANCELLED,
        Action.INVITATION_SENT,
        Action.INVITATION_SEND_FAILED,
        Action.INVITATION_RESENT,
        Action.INVITATION_REVOKED,
        Action.REGISTRATION_APPROVED,
        Action.REGISTRATION_DECLINED,
        Action.REGISTRATION_CHECKED_IN,
        Action.REGISTRATION_SETTINGS_CHANGED,
        Action.OPENSESSION_CAPACITY_CHANGED,
        Action.OPENSESSION_SIGN_UP_TOGGLED,
        Action.SESSION_CREATED,
        Action.SESSION_CHANGED,
        Action.SESSION_STATUS,
        Action.GUEST_CREATED,
        Action.SPEAKER_SET,
        Action.SPEAKER_REMOVED,
        Action.ROOM_SAVED,
        Action.ROOM_DELETED,
        Action.PROGRAMME_PUBLISHED,
        Action.PURGE,
        Action.NEWS_SAVED,
        Action.NEWS_PUBLISHED,
        Action.NEWS_UNPUBLISHED,
        Action.NEWS_IMAGE_ADDED,
        Action.CONTACT_ANSWERED,
        Action.CONTACT_SETTINGS_CHANGED,
        Action.TRACK_SAVED,
        Action.TRACK_DELETED,
        Action.PROGRAMME_SETTINGS_CHANGED,
        Action.OPENSESSION_SAVED,
        Action.MESSAGE_QUEUED,
        Action.EXPORT_REQUESTED,
        Action.EXPORT_APPROVED,
        Action.EXPORT_REFUSED,
        Action.EXPORT_DOWNLOADED,
        Action.SPEAKER_DEADLINE_SET,
        Action.AWARD_SETTINGS_CHANGED,
        Action.NOMINATOR_LINK_CREATED,
        Action.NOMINATION_READ,
        Action.NOMINATION_FILE_READ,
        Action.CONFLICT_DECLARED,
        Action.SCORE_SUBMITTED,
        Action.DELIBERATION_NOTE_ADDED,
        Action.SHORTLIST_CHANGED,
        Action.AWARD_DECIDED,
        Action.LAUREATE_PROFILE_CHANGED,
        Action.AWARD_ANNOUNCED,
        Action.REPORT_AUTHOR_ADDED,
        Action.REPORT_AUTHOR_REMOVED,
        Action.REPORT_APPROVED,
        Action.NETWORKING_SETTINGS_CHANGED,
        Action.PERSON_REPORTS_READ,
        Action.PHOTO_UPLOADED,
        Action.PHOTO_TAGGED,
        Action.PHOTO_PUBLISHED,
        Action.PHOTO_UNPUBLISHED,
        Action.PHOTO_DELETED,
        Action.CODE_OF_CONDUCT_PUBLISHED,
        Action.INCIDENT_READ,
        Action.INCIDENT_CHANGED,
        Action.VISA_LETTER_ISSUED,
        Action.HOTEL_BLOCK_SAVED,
        Action.ITINERARY_SAVED,
        Action.GRANT_SAVED,
        Action.BADGES_BATCH_STARTED,
        Action.BADGES_DOWNLOADED,
        Action.BADGE_CHECKED_IN,
        Action.BADGE_SCAN_REPEATED,
        Action.BADGE_SCAN_REFUSED,
        Action.TRAINING_CHECKED_IN,
    }
)


def record(action: Action, *, actor=None, request=None, target=None, edition=None, **detail) -> AuditEvent:
    action = Action(action)  # ValueError for a name the enum does not know
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


@contextmanager
def _reduction_allowed():
    """Open the database's one exception to append-only (see core migration 0006) for this block only, and
    close it again before anything else in the same transaction can write."""
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('defdays.audit_reduction', 'on', true)")
        try:
            yield
        finally:
            if postgres:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('defdays.audit_reduction', 'off', true)")


def reduce_events(events, *, forget_actor: bool = False, forget_target: bool = False, drop_keys=()) -> int:
    """Keep what happened, when, in which edition and under which roles; forget who: the actor link, the target
    id and the named detail keys. Only the retention purge calls this, after a person's retention period.

    The log stays append-only for every other write: AuditEvent.save and the queryset's update refuse, and on
    PostgreSQL the trigger refuses any UPDATE that is not this reduction. Returns the number of events."""
    changes = {}
    if forget_actor:
        changes["actor"] = None
    if forget_target:
        changes["target_id"] = ""
    ids = list(events.values_list("pk", flat=True))
    if not ids:
        return 0
    with _reduction_allowed():
        rows = AuditEvent.objects.filter(pk__in=ids)
        if changes:
            # The application's own guard (AppendOnlyQuerySet.update) is stepped over here, and only here.
            models.QuerySet.update(rows, **changes)
        for key in drop_keys:
            for pk, detail in rows.filter(detail__has_key=key).values_list("pk", "detail"):
                kept = {name: value for name, value in detail.items() if name != key}
                models.QuerySet.update(AuditEvent.objects.filter(pk=pk), detail=kept)
    return len(ids)


def forget_targets(model, ids, *, drop_keys=()) -> int:
    """Reduce the events about rows the retention purge is removing: their ids would still point at a person
    in an older backup or beside another table."""
    ids = [str(pk) for pk in ids]
    if not ids:
        return 0
    return reduce_events(
        AuditEvent.objects.filter(target_type=model._meta.label_lower, target_id__in=ids),
        forget_target=True,
        drop_keys=drop_keys,
    )
