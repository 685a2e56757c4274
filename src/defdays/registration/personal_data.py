"""What the registration app holds about a person (see defdays.people.registry for the contract)."""

from django.db import transaction
from django.db.models import Count, F

from defdays.audit import services as audit
from defdays.core.crypto import DecryptionError
from defdays.registration.models import Participation, RetainedCount

CATEGORY = "registrations"


def _access_needs(participation):
    try:
        return participation.access_needs
    except DecryptionError:
        return None


def export_for(user) -> dict:
    return {
        "participations": [
            {
                "edition": p.edition.year,
                "role": p.role,
                "status": p.status,
                "days": list(p.days),
                "photo_consent": p.photo_consent,
                "code_of_conduct": {
                    "version": p.code_of_conduct_version,
                    "accepted_at": p.code_of_conduct_accepted_at.isoformat() if p.code_of_conduct_accepted_at else None,
                },
                "photo_policy": {
                    "version": p.photo_policy_version,
                    "accepted_at": p.photo_policy_accepted_at.isoformat() if p.photo_policy_accepted_at else None,
                },
                "access_needs": _access_needs(p),
                "registered_at": p.created_at.isoformat(),
            }
            for p in Participation.objects.filter(user=user).select_related("edition", "data_key")
        ]
    }


def erase_for(user) -> None:
    with transaction.atomic():
        Participation.objects.filter(user=user).delete()


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    """After the retention period nothing of the registrations may say who came: each participation (public name
    through the account, role, status, days, consents, access needs) is deleted and only its count remains, by
    role and status (RetainedCount), for the organisers' page."""
    participations = Participation.objects.filter(edition=edition)
    counts = {
        "access_needs": participations.filter(access_needs_enc__isnull=False).count(),
        "participations": participations.count(),
    }
    if dry_run or not counts["participations"]:
        return counts
    with transaction.atomic():
        ids = list(participations.select_for_update().values_list("pk", flat=True))
        tally = participations.values_list("role", "status").annotate(n=Count("id")).order_by()
        for role, status, n in tally:
            row, _created = RetainedCount.objects.get_or_create(edition=edition, role=role, status=status)
            RetainedCount.objects.filter(pk=row.pk).update(number=F("number") + n)
        audit.forget_targets(Participation, ids)
        Participation.objects.filter(pk__in=ids).delete()
    return counts
