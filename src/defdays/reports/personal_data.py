"""What the country report holds about a person: authorships (with the pseudonym), the versions they saved and
their review comments. The people app discovers this module (export, erasure, retention purge).

The published text itself is public content signed by pseudonyms or the organisation; it stays after an erasure
or the purge, without the link to whoever saved it."""

from django.db import transaction

from defdays.audit import services as audit
from defdays.core import generation
from defdays.reports.models import ReportAuthor, ReportVersion, ReviewComment

CATEGORY = "registrations"


def export_for(user) -> dict:
    return {
        "authorships": [
            {"edition": a.report.edition.year, "listed_as": a.byline, "since": a.created_at.isoformat()}
            for a in ReportAuthor.objects.filter(user=user).select_related("report__edition")
        ],
        "versions_saved": [
            {"edition": v.report.edition.year, "version": v.number, "saved_at": v.saved_at.isoformat()}
            for v in ReportVersion.objects.filter(saved_by=user).select_related("report__edition")
        ],
        "review_comments": [
            {
                "edition": c.version.report.edition.year,
                "version": c.version.number,
                "comment": c.body,
                "written_at": c.created_at.isoformat(),
            }
            for c in ReviewComment.objects.filter(author=user).select_related("version__report__edition")
        ],
    }


def erase_for(user) -> None:
    with transaction.atomic():
        ReviewComment.objects.filter(author=user).delete()
        ReportVersion.objects.filter(saved_by=user).update(saved_by=None)
        if ReportAuthor.objects.filter(user=user).delete()[0]:
            generation.bump()  # the byline on the page and in cached PDFs changes


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    """After the registration period: who wrote and who commented is no longer needed; the published versions
    stay, signed as they were (the byline becomes the organisation's once no author is left)."""
    authors = ReportAuthor.objects.filter(report__edition=edition)
    comments = ReviewComment.objects.filter(version__report__edition=edition)
    versions = ReportVersion.objects.filter(report__edition=edition, saved_by__isnull=False)
    counts = {"report authors": authors.count(), "review comments": comments.count()}
    if not dry_run and (counts["report authors"] or counts["review comments"] or versions.exists()):
        with transaction.atomic():
            audit.forget_targets(ReportAuthor, list(authors.values_list("pk", flat=True)))
            audit.forget_targets(ReviewComment, list(comments.values_list("pk", flat=True)))
            authors.delete()
            comments.delete()
            versions.update(saved_by=None)
            generation.bump()
    return counts
