"""Invitation reads for staff. A redeemed invitation of a hidden or erased person is never listed."""

from django.db.models import Q
from django.utils import timezone

from defdays.accounts import visibility
from defdays.core.crypto import email_index
from defdays.invitations.models import EXPIRED, FILTER_CHOICES, ImportJob, Invitation, InvitationStatus


def visible_invitations(edition):
    listable = Q(user__isnull=True) | visibility.listed_q("user")
    return Invitation.objects.filter(edition=edition).filter(listable)


def invitation_list(edition, *, status="", role="", email=""):
    rows = visible_invitations(edition)
    if status:
        rows = rows.with_display_status(status)
    if role:
        rows = rows.filter(role=role)
    if email:
        # Names and addresses are sealed per invitation: only a whole address is found, by its keyed index.
        rows = rows.filter(email_index=email_index(email))
    # The name is opened under each invitation's key: the key comes in the same query.
    return rows.select_related("data_key").only(
        "id",
        "uid",
        "role",
        "public_name_enc",
        "language",
        "status",
        "expires_at",
        "created_at",
        "sent_count",
        "last_sent_at",
        "pgp_key_enc",
        "edition_id",
        "user_id",
        "data_key__kek_id",
        "data_key__wrapped",
        "data_key__shredded_at",
    )


def counts(edition) -> dict[str, int]:
    now = timezone.now()
    base = visible_invitations(edition)
    result = {}
    for value, _label in FILTER_CHOICES:
        result[value] = base.with_display_status(value, now).count()
    return result


def invitations_for_staff(edition, pks):
    """The visible invitations of this edition among the chosen ones (a bulk action's selection)."""
    return visible_invitations(edition).select_related("data_key").filter(pk__in=list(pks)).order_by("-created_at")


def invitation_for_staff(edition, pk):
    return visible_invitations(edition).filter(pk=pk).first()


def import_job(edition, uid):
    return ImportJob.objects.filter(edition=edition, uid=uid).first()


def counts_by_state(edition) -> dict[str, int]:
    """How many invitations of the edition are in each state the list shows (expired included), in one query;
    counted over the invitations the list may show, so the numbers match it."""
    from django.db.models import Count

    now = timezone.now()
    sent = Q(status=InvitationStatus.SENT)
    found = visible_invitations(edition).aggregate(
        **{
            InvitationStatus.PENDING.value: Count("id", filter=Q(status=InvitationStatus.PENDING)),
            InvitationStatus.SENT.value: Count("id", filter=sent & Q(expires_at__gt=now)),
            EXPIRED: Count("id", filter=sent & Q(expires_at__lte=now)),
            InvitationStatus.REDEEMED.value: Count("id", filter=Q(status=InvitationStatus.REDEEMED)),
            InvitationStatus.REVOKED.value: Count("id", filter=Q(status=InvitationStatus.REVOKED)),
        }
    )
    return {value: found[value] for value, _label in FILTER_CHOICES}
