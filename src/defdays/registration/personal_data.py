"""What the registration app holds about a person (see defdays.people.registry for the contract)."""

from django.db import transaction

from defdays.core.crypto import DecryptionError
from defdays.registration.models import Participation

CATEGORY = "registrations"


def _access_needs(participation):
    try:
        return participation.access_needs
    except DecryptionError:
        return None


def export_for(user) -> dict:
    return {"participations": [
        {
            "edition": p.edition.year,
            "role": p.role,
            "status": p.status,
            "days": list(p.days),
            "photo_consent": p.photo_consent,
            "code_of_conduct": {"version": p.code_of_conduct_version,
                                "accepted_at": p.code_of_conduct_accepted_at.isoformat()
                                if p.code_of_conduct_accepted_at else None},
            "photo_policy": {"version": p.photo_policy_version,
                             "accepted_at": p.photo_policy_accepted_at.isoformat()
                             if p.photo_policy_accepted_at else None},
            "access_needs": _access_needs(p),
            "registered_at": p.created_at.isoformat(),
        }
        for p in Participation.objects.filter(user=user).select_related("edition", "data_key")
    ]}


def erase_for(user) -> None:
    with transaction.atomic():
        Participation.objects.filter(user=user).delete()


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    needs = Participation.objects.filter(edition=edition, access_needs_enc__isnull=False)
    counts = {"access_needs": needs.count()}
    if not dry_run:
        needs.update(access_needs_enc=None)
    return counts
