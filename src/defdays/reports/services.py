"""Every write to the country report: validate, lock, write, audit, in one transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from defdays.audit import services as audit
from defdays.award.embargo import is_announced, on_announcement
from defdays.core import generation
from defdays.core.markdown import MAX_SOURCE_CHARS
from defdays.reports.models import CountryReport, ReportAuthor, ReportVersion, ReviewComment


class StaleEdit(Exception):
    """Someone saved a newer version since the form was opened; the caller shows the form again, text kept."""


def _locked_report(edition) -> CountryReport:
    # The row lock serialises saves of one report: two authors saving at once get numbers n+1 and n+2 (or the
    # second is told it is stale), never the same number or a lost edit.
    report, _created = CountryReport.objects.get_or_create(edition=edition)
    return CountryReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def author_add(*, edition, user, pseudonym: str, by) -> ReportAuthor:
    report = _locked_report(edition)
    author, created = ReportAuthor.objects.get_or_create(
        report=report, user=user, defaults={"pseudonym": pseudonym.strip()}
    )
    if not created and author.pseudonym != pseudonym.strip():
        author.pseudonym = pseudonym.strip()
        author.save(update_fields=["pseudonym"])
    audit.record(audit.Action.REPORT_AUTHOR_ADDED, actor=by, target=author, edition=edition)
    # The byline is part of the published page and the cached PDF.
    generation.bump()
    return author


@transaction.atomic
def author_remove(*, edition, author_id: int, by) -> None:
    report = _locked_report(edition)
    author = ReportAuthor.objects.filter(report=report, pk=author_id).first()
    if author is None:
        return
    audit.record(audit.Action.REPORT_AUTHOR_REMOVED, actor=by, target=author, edition=edition)
    author.delete()
    generation.bump()


@transaction.atomic
def version_save(*, edition, title: str, country: str, body: str, base_number: int, by) -> ReportVersion:
    """Save the text as a new version. `base_number` is the version the editor started from (0 for none): if
    another one was saved since, StaleEdit, so one author's save never silently replaces another's."""
    if len(body) > MAX_SOURCE_CHARS:
        raise ValidationError(_("The text is too long."))
    report = _locked_report(edition)
    latest = report.versions.aggregate(n=Max("number"))["n"] or 0
    if base_number != latest:
        raise StaleEdit
    version = ReportVersion.objects.create(
        report=report, number=latest + 1, title=title.strip(), country=country.strip(), body=body, saved_by=by
    )
    audit.record(audit.Action.REPORT_SAVED, actor=by, target=version, edition=edition, number=version.number)
    return version


@transaction.atomic
def comment_add(*, version: ReportVersion, body: str, by) -> ReviewComment:
    comment = ReviewComment.objects.create(version=version, body=body.strip(), author=by)
    audit.record(audit.Action.REPORT_COMMENTED, actor=by, target=comment, edition=version.report.edition)
    return comment


@transaction.atomic
def version_approve(*, edition, number: int, by) -> ReportVersion:
    """An organiser approves one version: it is what the public reads once the award is announced (at once if
    it already is)."""
    report = _locked_report(edition)
    version = report.versions.filter(number=number).first()
    if version is None:
        raise ValidationError(_("There is no such version."))
    report.approved_version = version
    report.approved_at = timezone.now()
    report.save(update_fields=["approved_version", "approved_at"])
    audit.record(audit.Action.REPORT_APPROVED, actor=by, target=version, edition=edition, number=number)
    if is_announced(edition):
        audit.record(audit.Action.REPORT_PUBLISHED, target=version, edition=edition, number=number)
    generation.bump()
    return version


@on_announcement
def publish_with_announcement(edition) -> None:
    """Called inside the announcement's transaction. Publication itself needs no write (it is "approved and
    announced", asked of the embargo); this records that the approved version went out with it."""
    report = CountryReport.objects.filter(edition=edition, approved_version__isnull=False).first()
    if report is not None:
        audit.record(
            audit.Action.REPORT_PUBLISHED,
            target=report.approved_version,
            edition=edition,
            number=report.approved_version.number,
        )
