"""What the invitations app holds about a person (see defdays.people.registry for the contract)."""

from django.db import transaction
from django.db.models import Q

from defdays.core.crypto import DecryptionError
from defdays.invitations.models import ImportJob, ImportStatus, Invitation, InvitationStatus

CATEGORY = "registrations"


def _theirs(user):
    return Invitation.objects.filter(Q(user=user) | Q(email_index=user.email_index)).select_related(
        "edition", "data_key")


def _open(invitation, name):
    try:
        return getattr(invitation, name)
    except DecryptionError:
        return None


def export_for(user) -> dict:
    return {"invitations": [
        {
            "edition": invitation.edition.year,
            "role": invitation.role,
            "public_name": invitation.public_name,
            "language": invitation.language,
            "status": invitation.display_status(),
            "created_at": invitation.created_at.isoformat(),
            "used_at": invitation.used_at.isoformat() if invitation.used_at else None,
            "email": _open(invitation, "email"),
            "openpgp_key": _open(invitation, "pgp_key"),
            "internal_note": _open(invitation, "note"),
        }
        for invitation in _theirs(user)
    ]}


def _strip(queryset) -> int:
    """Null the restricted columns and the index; unredeemed ones are revoked so their link dies too."""
    count = 0
    for invitation in queryset.select_for_update():
        invitation.email_enc = invitation.pgp_key_enc = invitation.note_enc = None
        invitation.email_index = None
        invitation.public_name = ""
        if invitation.status in (InvitationStatus.PENDING, InvitationStatus.SENT):
            invitation.status, invitation.token_hash = InvitationStatus.REVOKED, None
        invitation.save(update_fields=["email_enc", "pgp_key_enc", "note_enc", "email_index", "public_name",
                                       "status", "token_hash"])
        count += 1
    return count


def erase_for(user) -> None:
    with transaction.atomic():
        _strip(_theirs(user))


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    """After the retention period: notes, keys and the emails of never-redeemed invitations, and import files."""
    invitations = Invitation.objects.filter(edition=edition)
    unredeemed = invitations.exclude(status=InvitationStatus.REDEEMED).filter(email_enc__isnull=False)
    jobs = ImportJob.objects.filter(edition=edition, content_enc__isnull=False)
    counts = {
        "internal_notes": invitations.filter(note_enc__isnull=False).count(),
        "openpgp_keys": invitations.filter(pgp_key_enc__isnull=False).count(),
        "invitee_emails": unredeemed.count(),
        "import_files": jobs.count(),
    }
    if dry_run:
        return counts
    with transaction.atomic():
        invitations.update(note_enc=None, pgp_key_enc=None)
        for invitation in unredeemed.select_related("data_key").select_for_update(of=("self",)):
            invitation.email_enc, invitation.email_index, invitation.token_hash = None, None, None
            if invitation.status != InvitationStatus.REVOKED:
                invitation.status = InvitationStatus.REVOKED
            invitation.save(update_fields=["email_enc", "email_index", "token_hash", "status"])
            invitation.data_key.shred()  # the invitation's own key: nobody else's data is under it
        for job in jobs.select_related("data_key"):
            job.content_enc = None
            job.status = ImportStatus.CANCELLED if job.status != ImportStatus.DONE else job.status
            job.save(update_fields=["content_enc", "status"])
            job.data_key.shred()
    return counts
