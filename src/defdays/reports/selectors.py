"""Reads of the country report. Who may read what is decided here, from the viewer, and nowhere else.

- `is_published(report)`: approved by an organiser AND the award announced (`award.embargo.is_announced`).
- `is_editor(viewer, report)`: its authors and the edition's organisers; they read every version, the comments
  and, before publication, the latest draft at the public addresses.
- `report_for_reader(viewer, edition)`: what `/<year>/award/report/` and `report.pdf` show that viewer, or None
  (the views answer 404, the same 404 as for an edition without a report, so nothing tells that one exists).

Cache keys (`pdf_of`): `reports:pdf:<version pk>:<published 0/1>:<generation>`: the built PDF of one version with
the bylines of that generation (an author hidden, erased, added or removed bumps it). The PDF is looked up only after
`report_for_reader` has allowed the viewer, so a cached copy never reaches someone the embargo keeps out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from defdays.accounts import visibility
from defdays.award.embargo import is_announced
from defdays.core import generation
from defdays.core.access import ORGANISERS
from defdays.core.markdown import Document, render_document
from defdays.reports.models import ORGANISATION_BYLINE, CountryReport, ReportAuthor, ReportVersion


def report_of(edition) -> CountryReport | None:
    return CountryReport.objects.filter(edition=edition).select_related("approved_version").first()


@dataclass(frozen=True)
class _Visit:
    user: object
    edition: object


def is_organiser(viewer, edition) -> bool:
    """The organisers' own access rule, asked of this viewer and edition (roles, superusers, second factor)."""
    return ORGANISERS.allows(_Visit(viewer, edition))


def is_author(viewer, report: CountryReport | None) -> bool:
    if report is None or not viewer.is_authenticated:
        return False
    return ReportAuthor.objects.filter(report=report, user=viewer).exists()


def is_editor(viewer, report: CountryReport | None) -> bool:
    return report is not None and (is_organiser(viewer, report.edition) or is_author(viewer, report))


def is_published(report: CountryReport | None) -> bool:
    return report is not None and report.approved_version_id is not None and is_announced(report.edition)


def bylines(report: CountryReport) -> tuple[str, ...]:
    """The names the report is signed with: authors' pseudonyms, and the organisation for every author without
    one. An author who chose "hide me" or was erased signs as the organisation: a pseudonym can identify too."""
    names: list[str] = []
    listed_ids = set(visibility.listed(ReportAuthor.objects.filter(report=report), "user").values_list("pk", flat=True))
    for author in ReportAuthor.objects.filter(report=report):
        name = author.pseudonym if author.pk in listed_ids and author.pseudonym else ORGANISATION_BYLINE
        if name not in names:
            names.append(name)
    return tuple(names) or (ORGANISATION_BYLINE,)


@dataclass(frozen=True)
class Reading:
    """One version of the report as a reader gets it: the rendered text, its headings, the bylines."""

    report: CountryReport
    version: ReportVersion
    document: Document
    bylines: tuple[str, ...]
    published: bool  # False: an editor's preview of a draft (the page says so)

    @property
    def edition(self):
        return self.report.edition


def reading_of(report: CountryReport, version: ReportVersion, *, published: bool) -> Reading:
    return Reading(
        report=report,
        version=version,
        document=render_document(version.body),
        bylines=bylines(report),
        published=published,
    )


def report_for_reader(viewer, edition) -> Reading | None:
    """The published version for everyone once published; before that the latest version for its editors
    alone; None for everyone else."""
    report = report_of(edition)
    if report is None:
        return None
    if is_published(report):
        return reading_of(report, report.approved_version, published=True)
    if not is_editor(viewer, report):
        return None
    latest = report.versions.first()
    return reading_of(report, latest, published=False) if latest is not None else None


PDF_CACHE_SECONDS = 24 * 3600


def pdf_of(reading: Reading) -> bytes:
    """The PDF of a reading `report_for_reader` returned (never call it before that check: the cache key does not
    know the viewer). Built once per version, published flag and generation: a byline that changes with "hide
    me", an erasure or an authorship bumps the generation."""
    key = f"reports:pdf:{reading.version.pk}:{int(reading.published)}:{generation.current()}"
    pdf = cache.get(key)
    if pdf is None:
        from defdays.reports.pdf import build_pdf  # WeasyPrint loads on the first PDF, not with every page

        pdf = build_pdf(reading)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def report_for_editor(viewer, edition) -> CountryReport | None:
    """The report of `edition` if the viewer is one of its editors (authors' and organisers' pages), else None."""
    report = report_of(edition)
    return report if is_editor(viewer, report) else None


def version_for_editor(viewer, edition, number: int) -> ReportVersion | None:
    report = report_for_editor(viewer, edition)
    if report is None:
        return None
    return report.versions.filter(number=number).select_related("saved_by").first()


def authorships_of(viewer):
    """The reports the viewer writes, newest edition first (for their /me/ page)."""
    if not viewer.is_authenticated:
        return ReportAuthor.objects.none()
    return ReportAuthor.objects.filter(user=viewer).select_related("report__edition").order_by("-report__edition__year")


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed", "gap" (unchanged lines left out)
    text: str


def version_diff(old: ReportVersion | None, new: ReportVersion, *, context: int = 2) -> list[DiffLine]:
    """What changed from `old` to `new`, line by line, title and country included, as the source text."""
    import difflib

    def lines(version):
        if version is None:
            return []
        return [f"# {version.title}", f"({version.country})", "", *version.body.splitlines()]

    before, after = lines(old), lines(new)
    result: list[DiffLine] = []
    for index, group in enumerate(
        difflib.SequenceMatcher(None, before, after, autojunk=False).get_grouped_opcodes(context)
    ):
        if index:
            result.append(DiffLine("gap", ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result.extend(DiffLine("same", line) for line in before[i1:i2])
                continue
            result.extend(DiffLine("removed", line) for line in before[i1:i2])
            result.extend(DiffLine("added", line) for line in after[j1:j2])
    return result
