"""What the safety app holds about a person (see defdays.people.registry for the contract).

A person's signed reports are theirs: exported and destroyed with their erasure. Reports about a person are the
reporter's, so erasure only unlinks the person from them. The retention purge destroys every report of the edition.
"""

from django.db import transaction

from defdays.core.crypto import DecryptionError
from defdays.safety.models import IncidentReport
from defdays.safety.services import purge_reports

CATEGORY = "registrations"


def _body(report):
    try:
        return report.body
    except DecryptionError:
        return None


def export_for(user) -> dict:
    return {
        "incident_reports": [
            {"edition": r.edition.year, "status": r.status, "text": _body(r), "sent_at": r.created_at.isoformat()}
            for r in IncidentReport.objects.filter(reporter=user).select_related("edition", "data_key")
        ]
    }


def erase_for(user) -> None:
    with transaction.atomic():
        purge_reports(IncidentReport.objects.filter(reporter=user))
        IncidentReport.objects.filter(about=user).update(about=None)


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    reports = IncidentReport.objects.filter(edition=edition)
    counts = {"incident_reports": reports.count()}
    if dry_run or not counts["incident_reports"]:
        return counts
    with transaction.atomic():
        purge_reports(reports)
    return counts
