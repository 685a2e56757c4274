"""What the invitations app holds about a person (see defdays.people.registry for the contract)."""

from django.db import transaction
from django.db.models import Q

from defdays.accounts.models import User
from defdays.audit import services as audit
from defdays.core.crypto import DecryptionError
from defdays.invitations.models import ImportJob, ImportStatus, Invitation, InvitationStatus

CATEGORY = "registrations"


def _theirs(user):
    return Invitation.objects.filter(Q(user=user) | Q(email_index=user.email_index)).select_related(
        "edition", "data_key"
    )


def _open(invitation, name):
    try:
        return getattr(invitation, name)
    except DecryptionError:
        return None


def export_for(user) -> dict:
    return {
        "invitations": [
            {
                "edition": invitation.edition.year,
                "role": invitation.role,
                "public_name": _open(invitation, "public_name"),
                "language": invitation.language,
                "status": invitation.display_status(),
                "created_at": invitation.created_at.isoformat(),
                "used_at": invitation.used_at.isoformat() if invitation.used_at else None,
                "email": _open(invitation, "email"),
                "openpgp_key": _open(invitation, "pgp_key"),
                "internal_note": _open(invitation, "note"),
            }
            for invitation in _theirs(user)
        ]
    }


def _strip(queryset) -> int:
    """Null the restricted columns and the index; unredeemed ones are revoked so their link dies too."""
    count = 0
    for invitation in queryset.select_for_update():
        invitation.email_enc = invitation.pgp_key_enc = invitation.note_enc = None
        invitation.email_index = None
        invitation.public_name_enc = None
        if invitation.status in (InvitationStatus.PENDING, InvitationStatus.SENT):
            invitation.status, invitation.token_hash = InvitationStatus.REVOKED, None
        invitation.save(
            update_fields=[
                "email_enc",
                "pgp_key_enc",
                "note_enc",
                "email_index",
                "public_name_enc",
                "status",
                "token_hash",
            ]
        )
        count += 1
    return count


def erase_for(user) -> None:
    with transaction.atomic():
        _strip(_theirs(user))


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    """After the retention period nothing may say who was invited: every invitation of the edition is deleted
    (name, role, status, who redeemed it), the keys of never-redeemed ones are shredded first so an older backup
    cannot open their emails either, and import files go. A redeemed invitation's values are under the person's
    own key, which the account purge or erasure shreds."""
    invitations = Invitation.objects.filter(edition=edition)
    jobs = ImportJob.objects.filter(edition=edition, content_enc__isnull=False)
    counts = {
        "invitations": invitations.count(),
        "invitee_emails": invitations.exclude(status=InvitationStatus.REDEEMED).filter(email_enc__isnull=False).count(),
        "import_files": jobs.count(),
    }
    if dry_run:
        return counts
    with transaction.atomic():
        rows = list(invitations.select_related("data_key").select_for_update(of=("self",)))
        accounts_keys = set(
            User.objects.filter(data_key_id__in=[i.data_key_id for i in rows]).values_list("data_key_id", flat=True)
        )
        for invitation in rows:
            if invitation.data_key_id not in accounts_keys:  # the invitation's own key: nobody else's data
                invitation.data_key.shred()
        audit.forget_targets(Invitation, [invitation.pk for invitation in rows])
        Invitation.objects.filter(pk__in=[invitation.pk for invitation in rows]).delete()
        for job in jobs.select_related("data_key"):
            job.content_enc = None
            job.status = ImportStatus.CANCELLED if job.status != ImportStatus.DONE else job.status
            job.save(update_fields=["content_enc", "status"])
            job.data_key.shred()
    return counts
