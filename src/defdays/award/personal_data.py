"""What the award holds about people (see defdays.people.registry for the contract).

Nominees are mostly not account holders: their data lives under each nomination's own key. What an account
holder has here is what they submitted as a nominator (their contact) and, for jurors, their scores and notes
(staff work). The retention purge destroys every non-winner's nomination for good (key shredded, rows deleted);
the laureate's public profile stays, as the archive of laureates is public."""

from django.db import transaction

from defdays.audit import services as audit
from defdays.award.models import Nomination
from defdays.core.crypto import DecryptionError

CATEGORY = "registrations"


def _open(nomination, name):
    try:
        return getattr(nomination, name)
    except DecryptionError:
        return None


def export_for(user) -> dict:
    return {
        "nominations_submitted": [
            {
                "edition": nomination.cycle.edition.year,
                "submitted_at": nomination.created_at.isoformat(),
                "your_contact": _open(nomination, "nominator_contact"),
            }
            for nomination in Nomination.objects.filter(nominated_by=user).select_related("cycle__edition", "data_key")
        ]
    }


def erase_for(user) -> None:
    """The nominator's contact and the link to their account go; the nomination itself is the nominee's."""
    with transaction.atomic():
        Nomination.objects.filter(nominated_by=user).update(nominated_by=None, nominator_contact_enc=None)


def _non_winners(edition):
    nominations = Nomination.objects.filter(cycle__edition=edition).select_related("data_key", "cycle")
    return [n for n in nominations if n.cycle.laureate_id != n.pk or n.cycle.announced_at is None]


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    """A non-winner must never be exposed, now or from an old backup: their key is shredded and every row about
    them (files, scores, notes, conflicts) deleted. The announced laureate keeps their public profile; the
    nominator's contact and the jury's comments on them go."""
    rows = _non_winners(edition)
    counts = {"nominations": len(rows)}
    if dry_run:
        return counts
    with transaction.atomic():
        for nomination in rows:
            nomination.data_key.shred()
        ids = [nomination.pk for nomination in rows]
        audit.forget_targets(Nomination, ids)
        Nomination.objects.filter(pk__in=ids).delete()
        laureates = Nomination.objects.filter(cycle__edition=edition).exclude(pk__in=ids)
        for laureate in laureates:
            laureate.notes.all().delete()
            laureate.score_sheets.update(comments_enc=None)
        laureates.update(nominator_contact_enc=None, why_enc=None, risks_enc=None, nominated_by=None)
    return counts
