"""Reads of the safety app, each taking the viewer. Only the safety team of an edition reads its reports."""

from __future__ import annotations

from dataclasses import dataclass

from defdays.accounts import visibility
from defdays.core.roles import RoleName
from defdays.safety.models import CodeOfConduct, IncidentReport
from defdays.safety.services import receipt_hash


def current_code_of_conduct(edition) -> CodeOfConduct | None:
    return CodeOfConduct.objects.filter(edition=edition).order_by("-version").first()


def code_of_conduct_versions(edition):
    return CodeOfConduct.objects.filter(edition=edition).order_by("-version")


def code_of_conduct_version(edition, version) -> CodeOfConduct | None:
    if not str(version).isdigit():
        return None
    return CodeOfConduct.objects.filter(edition=edition, version=int(version)).first()


def is_safety_team(viewer, edition) -> bool:
    return viewer.is_authenticated and RoleName.SAFETY in viewer.roles_in(edition)


def reports_for(viewer, edition):
    """Every report of the edition for its safety team; nothing for anyone else."""
    if not is_safety_team(viewer, edition):
        return IncidentReport.objects.none()
    return IncidentReport.objects.filter(edition=edition).select_related("data_key", "about", "reporter")


def report_for(viewer, edition, pk) -> IncidentReport | None:
    return reports_for(viewer, edition).filter(pk=pk).first()


@dataclass(frozen=True)
class PersonReports:
    """A person reports are about, beside the hidden state the safety team may change on the hidden-people page."""

    person: object
    hidden: bool
    reports: list


def reports_by_person(viewer, edition) -> list[PersonReports]:
    grouped: dict[int, list] = {}
    people = {}
    for report in reports_for(viewer, edition).filter(about__isnull=False):
        grouped.setdefault(report.about_id, []).append(report)
        people[report.about_id] = report.about
    return [
        PersonReports(people[pk], visibility.is_hidden(people[pk]), grouped[pk])
        for pk in sorted(grouped, key=lambda pk: (people[pk].public_name, pk))
    ]


def own_reports(viewer):
    """A signed reporter's own reports, every edition: what they wrote and where it stands (no internal notes)."""
    if not viewer.is_authenticated:
        return IncidentReport.objects.none()
    return IncidentReport.objects.filter(reporter=viewer).select_related("edition", "data_key")


def report_by_receipt(edition, code: str) -> IncidentReport | None:
    code = (code or "").strip()
    if not code or len(code) > 64:
        return None
    return IncidentReport.objects.filter(edition=edition, receipt_hash=receipt_hash(code)).first()
