"""Award reads that depend on the viewer. One gate decides who may see a nomination: `nomination_for`. A juror
who declared a conflict with a nominee gets None for it everywhere (page, files, scores, notes): a 404, as for a
nomination that does not exist. Before the announcement the public reads (`public_laureate`, `laureates`) return
nothing at all: not the laureate, not the shortlist, not a count."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from defdays.accounts.models import User
from defdays.award import embargo
from defdays.award.models import AwardCycle, Conflict, FilePurpose, Nomination, NominationFile, ScoreSheet
from defdays.core.crypto import DecryptionError
from defdays.core.roles import RoleName


def _roles(viewer, edition) -> frozenset:
    if viewer is None or not viewer.is_authenticated:
        return frozenset()
    roles = viewer.roles_in(edition)
    return roles | {RoleName.ORGANISER} if viewer.is_superuser else roles


def is_organiser(viewer, edition) -> bool:
    return RoleName.ORGANISER in _roles(viewer, edition)


def is_juror(viewer, edition) -> bool:
    return RoleName.JURY in _roles(viewer, edition)


def nominations_for(viewer, edition):
    """The nominations this viewer may open: all for organisers, the unconflicted ones for jurors, else none."""
    base = Nomination.objects.filter(cycle__edition=edition).select_related("data_key", "cycle__edition")
    if is_organiser(viewer, edition):
        return base
    if is_juror(viewer, edition):
        return base.exclude(Exists(Conflict.objects.filter(nomination=OuterRef("pk"), juror=viewer)))
    return base.none()


def nomination_for(viewer, edition, pk) -> Nomination | None:
    return nominations_for(viewer, edition).filter(pk=pk).first()


def file_for(viewer, edition, nomination_pk, uid) -> NominationFile | None:
    nomination = nomination_for(viewer, edition, nomination_pk)
    if nomination is None:
        return None
    return nomination.files.filter(uid=uid, purpose=FilePurpose.EVIDENCE).select_related("data_key").first()


@dataclass(frozen=True)
class SheetView:
    juror_name: str
    mine: bool
    cells: list[tuple]  # (score, comment) in the order of the criteria
    comments: dict
    mean: float | None


def _sheet_view(sheet: ScoreSheet, viewer, criteria) -> SheetView:
    try:
        comments = json.loads(sheet.comments or "{}")
    except DecryptionError:
        comments = {}
    cells = [(sheet.values.get(key), comments.get(key, "")) for key in criteria]
    return SheetView(sheet.juror.public_name, sheet.juror_id == viewer.pk, cells, comments, sheet.mean)


def own_sheet(viewer, nomination) -> ScoreSheet | None:
    return ScoreSheet.objects.filter(nomination=nomination, juror=viewer).first()


def sheets_for(viewer, nomination) -> list[SheetView] | None:
    """The score sheets the viewer may read on a nomination they may open. A juror sees the others' only once they
    submitted their own (independent scoring); None means "score first"."""
    edition = nomination.cycle.edition
    sheets = list(nomination.score_sheets.select_related("juror", "nomination__data_key").order_by("submitted_at"))
    if not is_organiser(viewer, edition):
        if not any(sheet.juror_id == viewer.pk for sheet in sheets):
            return None
    return [_sheet_view(sheet, viewer, nomination.cycle.criteria) for sheet in sheets]


def notes_for(viewer, nomination) -> list[dict]:
    notes = []
    for note in nomination.notes.select_related("author", "nomination__data_key"):
        try:
            text = note.text
        except DecryptionError:
            text = ""
        notes.append({"author": note.author.public_name if note.author else "", "at": note.created_at, "text": text})
    return notes


def jurors(edition):
    return User.objects.filter(roles__edition=edition, roles__role=RoleName.JURY).order_by("pk").distinct()


@dataclass(frozen=True)
class RankRow:
    nomination: Nomination
    name: str
    country: str
    mean: float | None
    spread: float | None
    count: int
    missing: list[str]  # jurors without a conflict who have not scored
    conflicted: list[str]


def open_field(nomination, attribute) -> str:
    try:
        return getattr(nomination, attribute) or ""
    except DecryptionError:
        return ""


def ranking(edition) -> list[RankRow]:
    """Organisers' view: every nomination with the mean of its jurors' means, the spread (standard deviation)
    between jurors, how many scored and who has not; the highest mean first, unscored last."""
    panel = list(jurors(edition))
    rows = []
    nominations = Nomination.objects.filter(cycle__edition=edition).select_related("data_key")
    for nomination in nominations.prefetch_related("score_sheets", "conflicts"):
        means = [sheet.mean for sheet in nomination.score_sheets.all() if sheet.mean is not None]
        scored = {sheet.juror_id for sheet in nomination.score_sheets.all()}
        conflicted = {conflict.juror_id for conflict in nomination.conflicts.all()}
        rows.append(
            RankRow(
                nomination=nomination,
                name=open_field(nomination, "nominee_name"),
                country=open_field(nomination, "country"),
                mean=round(statistics.fmean(means), 2) if means else None,
                spread=round(statistics.pstdev(means), 2) if len(means) > 1 else (0.0 if means else None),
                count=len(means),
                missing=[j.public_name for j in panel if j.pk not in scored and j.pk not in conflicted],
                conflicted=[j.public_name for j in panel if j.pk in conflicted],
            )
        )
    rows.sort(key=lambda row: (row.mean is None, -(row.mean or 0), row.nomination.pk))
    return rows


# --- Public, after the announcement only ----------------------------------------------------------------------


@dataclass(frozen=True)
class Laureate:
    year: int
    name: str
    country: str
    field_of_work: str
    biography: str
    has_photo: bool


def _laureate_of(cycle: AwardCycle) -> Laureate | None:
    nomination = cycle.laureate
    if nomination is None:
        return None
    has_photo = nomination.photo_consent and nomination.files.filter(purpose=FilePurpose.PHOTO).exists()
    return Laureate(
        year=cycle.edition.year,
        name=open_field(nomination, "nominee_name"),
        country=open_field(nomination, "country"),
        field_of_work=open_field(nomination, "field_of_work"),
        biography=open_field(nomination, "biography"),
        has_photo=has_photo,
    )


def public_laureate(edition) -> Laureate | None:
    """The laureate as everyone may see them: None before the announcement, whoever asks."""
    if not embargo.is_announced(edition):
        return None
    cycle = AwardCycle.objects.select_related("edition", "laureate__data_key").get(edition=edition)
    return _laureate_of(cycle)


def laureates(visible_editions) -> list[Laureate]:
    """The archive: the announced laureates of the editions the viewer may see, newest first."""
    cycles = (
        AwardCycle.objects.filter(edition__in=visible_editions, laureate__isnull=False)
        .filter(Q(announced_at__isnull=False))
        .select_related("edition", "laureate__data_key")
        .order_by("-edition__year")
    )
    return [
        laureate
        for cycle in cycles
        if embargo.is_announced(cycle.edition) and (laureate := _laureate_of(cycle)) is not None
    ]


def public_photo(edition) -> NominationFile | None:
    if not embargo.is_announced(edition):
        return None
    cycle = AwardCycle.objects.select_related("laureate").get(edition=edition)
    if cycle.laureate is None or not cycle.laureate.photo_consent:
        return None
    return cycle.laureate.files.filter(purpose=FilePurpose.PHOTO).select_related("data_key").first()
