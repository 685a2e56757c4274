"""What the networking app holds about a person (see defdays.people.registry for the contract).

The export names no other participant: the other side of a meeting or a block may have chosen "hide me" since,
and a file the person downloads travels further than the platform.
"""

from django.db import transaction
from django.db.models import Q

from defdays.audit import services as audit
from defdays.core.crypto import DecryptionError
from defdays.networking.models import Block, MeetingRequest, PersonReport, Profile

CATEGORY = "registrations"
MODELS = (Profile, MeetingRequest, Block, PersonReport)


def _open(row, attribute):
    try:
        return getattr(row, attribute)
    except DecryptionError:
        return None


def export_for(user) -> dict:
    requests = (
        MeetingRequest.objects.filter(Q(sender=user) | Q(recipient=user))
        .select_related("edition", "slot", "point", "point__room", "data_key")
        .order_by("created_at")
    )
    return {
        "profiles": [
            {
                "edition": p.edition.year,
                "listed": p.listed,
                **{name: _open(p, name) for name in ("languages", "areas", "about", "country", "organisation")},
            }
            for p in Profile.objects.filter(user=user).select_related("edition", "data_key")
        ],
        "meeting_requests": [
            {
                "edition": r.edition.year,
                "direction": "sent" if r.sender_id == user.pk else "received",
                "status": r.status,
                "starts_at": r.slot.starts_at.isoformat(),
                "meeting_point": r.point.label,
                "note": _open(r, "note"),
                "created_at": r.created_at.isoformat(),
            }
            for r in requests
        ],
        "blocks": [
            {"edition": b.edition.year, "since": b.created_at.isoformat()}
            for b in Block.objects.filter(blocker=user).select_related("edition")
        ],
        "reports_to_safety_team": [
            {"edition": r.edition.year, "text": _open(r, "text"), "sent_at": r.created_at.isoformat()}
            for r in PersonReport.objects.filter(reporter=user).select_related("edition", "data_key")
        ],
    }


def erase_for(user) -> None:
    with transaction.atomic():
        Profile.objects.filter(user=user).delete()
        MeetingRequest.objects.filter(Q(sender=user) | Q(recipient=user)).delete()
        Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
        # A report about the person stays with the safety team (it is the reporter's), no longer pointing at them.
        PersonReport.objects.filter(reporter=user).delete()
        PersonReport.objects.filter(reported=user).update(reported=None)


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    counts = {model._meta.model_name: model.objects.filter(edition=edition).count() for model in MODELS}
    if dry_run or not any(counts.values()):
        return counts
    with transaction.atomic():
        for model in MODELS:
            rows = model.objects.filter(edition=edition)
            audit.forget_targets(model, list(rows.values_list("pk", flat=True)))
            rows.delete()
    return counts
