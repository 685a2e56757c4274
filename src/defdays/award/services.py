"""Award writes: the cycle's settings, nominations (with their files), conflicts, scores, notes, shortlist,
decision, laureate profile and the announcement. Each validates, locks what it changes, writes and audits in one
transaction; audit events carry ids, never a nominee's name."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from defdays.audit import services as audit
from defdays.award import embargo
from defdays.award.models import (
    SCORE_MAX,
    SCORE_MIN,
    AwardCycle,
    Conflict,
    DeliberationNote,
    FilePurpose,
    Nomination,
    NominationFile,
    NominatorLink,
    ScoreSheet,
    Source,
)
from defdays.core import generation
from defdays.core.models import DataKey
from defdays.core.uploads import CleanFile
from defdays.invitations import tokens  # one token mechanism for every single-use link

LINK_VALIDITY = timedelta(days=30)


class NominationsClosed(Exception):
    """The period is closed, the deadline passed, or the link is used, expired or unknown: one answer for all."""


def ceremony_start(edition) -> datetime | None:
    """The start of the edition's award ceremony session, if the programme has one."""
    from defdays.programme.models import Session, SessionType

    session = (
        Session.objects.filter(edition=edition, type=SessionType.AWARD, start__isnull=False).order_by("start").first()
    )
    return session.start if session else None


def cycle_for(edition) -> AwardCycle:
    """The edition's cycle, made on first use with the announcement at the ceremony's start."""
    cycle = AwardCycle.objects.filter(edition=edition).first()
    if cycle is None:
        cycle, _created = AwardCycle.objects.get_or_create(
            edition=edition, defaults={"announce_at": ceremony_start(edition)}
        )
    return cycle


def _locked(cycle: AwardCycle) -> AwardCycle:
    return AwardCycle.objects.select_for_update().select_related("edition").get(pk=cycle.pk)


def save_settings(
    cycle: AwardCycle,
    *,
    nominations_open: bool,
    deadline: datetime | None,
    public_form: bool,
    criteria: list[str],
    announce_at: datetime | None,
    actor,
) -> AwardCycle:
    with transaction.atomic():
        locked = _locked(cycle)
        locked.nominations_open, locked.deadline, locked.public_form = nominations_open, deadline, public_form
        locked.criteria = [c for c in (c.strip() for c in criteria) if c] or locked.criteria
        moved = locked.announce_at != announce_at
        locked.announce_at = announce_at
        locked.save()
        audit.record(audit.Action.AWARD_SETTINGS_CHANGED, actor=actor, edition=locked.edition, moved=moved)
        if moved:
            schedule_announcement(locked)
    return locked


def create_nominator_link(cycle: AwardCycle, *, actor) -> str:
    """A single-use link for one invited nominator. Returns the raw token (shown once, never stored)."""
    raw, digest = tokens.new_token()
    with transaction.atomic():
        link = NominatorLink.objects.create(
            cycle=cycle, token_hash=digest, expires_at=timezone.now() + LINK_VALIDITY, created_by=actor
        )
        audit.record(audit.Action.NOMINATOR_LINK_CREATED, actor=actor, target=link, edition=cycle.edition)
    return raw


def usable_link(cycle: AwardCycle, raw_token: str, *, lock=False) -> NominatorLink | None:
    if not tokens.well_formed(raw_token):
        return None
    queryset = NominatorLink.objects.filter(cycle=cycle, token_hash=tokens.hash_token(raw_token))
    if lock:
        queryset = queryset.select_for_update()
    link = queryset.first()
    if link is None or link.used_at is not None or link.expires_at <= timezone.now():
        return None
    return link


def _race_window():
    """Test hook: a concurrency test widens the gap between checking the link and spending it here."""


def submit_nomination(
    cycle: AwardCycle,
    *,
    nominee_name: str,
    country: str,
    field_of_work: str,
    why: str,
    risks: str,
    nominator_contact: str,
    files: list[CleanFile],
    source: str,
    token: str = "",
    nominated_by=None,
) -> Nomination:
    """Store a nomination and its (already cleaned) files in one transaction: a refused file leaves nothing.

    An invited nomination spends its link in the same transaction: of two submissions with one link one wins."""
    with transaction.atomic():
        locked = _locked(cycle)
        if not locked.accepting():
            raise NominationsClosed
        if source == Source.INVITED:
            link = usable_link(locked, token, lock=True)
            if link is None:
                raise NominationsClosed
            _race_window()
            link.used_at, link.token_hash = timezone.now(), None
            link.save(update_fields=["used_at", "token_hash"])
        elif source == Source.PUBLIC and not locked.public_form:
            raise NominationsClosed
        nomination = Nomination(cycle=locked, data_key=DataKey.create(), source=source, nominated_by=nominated_by)
        nomination.nominee_name = nominee_name.strip()
        nomination.country = country.strip()
        nomination.field_of_work = field_of_work.strip()
        nomination.why = why.strip()
        nomination.risks = risks.strip()
        nomination.nominator_contact = nominator_contact.strip()
        nomination.save()
        for clean in files:
            _store_file(nomination, clean, FilePurpose.EVIDENCE)
        audit.record(
            audit.Action.NOMINATION_SUBMITTED,
            actor=nominated_by,
            target=nomination,
            edition=locked.edition,
            source=source,
            files=len(files),
        )
    return nomination


def _store_file(nomination: Nomination, clean: CleanFile, purpose: str) -> NominationFile:
    stored = NominationFile(nomination=nomination, data_key=nomination.data_key, purpose=purpose)
    stored.seal(clean)
    stored.save()
    return stored


def record_read(viewer, nomination: Nomination, *, what: str = "page", file: NominationFile | None = None) -> None:
    """Every read of a nomination or its files is in the audit log: who opened which nominee, when."""
    if file is not None:
        audit.record(
            audit.Action.NOMINATION_FILE_READ,
            actor=viewer,
            target=file,
            edition=nomination.cycle.edition,
            nomination=nomination.pk,
        )
    else:
        audit.record(
            audit.Action.NOMINATION_READ, actor=viewer, target=nomination, edition=nomination.cycle.edition, part=what
        )


def declare_conflict(nomination: Nomination, *, juror) -> bool:
    with transaction.atomic():
        _conflict, created = Conflict.objects.get_or_create(nomination=nomination, juror=juror)
        if created:
            # A conflict declared after scoring takes the score out too: it must not steer the ranking.
            ScoreSheet.objects.filter(nomination=nomination, juror=juror).delete()
            audit.record(
                audit.Action.CONFLICT_DECLARED, actor=juror, target=nomination, edition=nomination.cycle.edition
            )
    return created


def submit_scores(nomination: Nomination, *, juror, values: dict[str, int], comments: dict[str, str]) -> ScoreSheet:
    criteria = nomination.cycle.criteria
    if set(values) != set(criteria) or any(not SCORE_MIN <= int(v) <= SCORE_MAX for v in values.values()):
        raise ValidationError(_("Give every criterion a score from 1 to 5."))
    with transaction.atomic():
        if Conflict.objects.filter(nomination=nomination, juror=juror).exists():
            raise PermissionError("conflicted")
        sheet = ScoreSheet.objects.select_for_update().filter(nomination=nomination, juror=juror).first()
        sheet = sheet or ScoreSheet(nomination=nomination, juror=juror)
        sheet.values = {key: int(values[key]) for key in criteria}
        sheet.comments = json.dumps({key: comments.get(key, "").strip() for key in criteria})
        sheet.submitted_at = timezone.now()
        sheet.save()
        audit.record(audit.Action.SCORE_SUBMITTED, actor=juror, target=nomination, edition=nomination.cycle.edition)
    return sheet


def add_note(nomination: Nomination, *, author, text: str) -> DeliberationNote:
    with transaction.atomic():
        note = DeliberationNote(nomination=nomination, author=author)
        note.text = text.strip()
        note.save()
        audit.record(
            audit.Action.DELIBERATION_NOTE_ADDED, actor=author, target=nomination, edition=nomination.cycle.edition
        )
    return note


def set_shortlisted(nomination: Nomination, *, shortlisted: bool, actor) -> None:
    with transaction.atomic():
        if _locked(nomination.cycle).announced_at is not None:
            raise ValidationError(_("The laureate has been announced; the shortlist cannot change any more."))
        Nomination.objects.filter(pk=nomination.pk).update(shortlisted=shortlisted)
        audit.record(
            audit.Action.SHORTLIST_CHANGED,
            actor=actor,
            target=nomination,
            edition=nomination.cycle.edition,
            shortlisted=shortlisted,
        )


def record_decision(
    cycle: AwardCycle, *, laureate: Nomination, votes_for: int, votes_against: int, votes_abstained: int, actor
) -> AwardCycle:
    with transaction.atomic():
        locked = _locked(cycle)
        if locked.announced_at is not None:
            raise ValidationError(_("The laureate has been announced; the decision cannot change any more."))
        if laureate.cycle_id != locked.pk or not laureate.shortlisted:
            raise ValidationError(_("The laureate must be on the shortlist."))
        locked.laureate = laureate
        locked.votes_for, locked.votes_against, locked.votes_abstained = votes_for, votes_against, votes_abstained
        locked.decided_at = timezone.now()
        locked.save()
        audit.record(
            audit.Action.AWARD_DECIDED,
            actor=actor,
            target=laureate,
            edition=locked.edition,
            votes_for=votes_for,
            votes_against=votes_against,
            votes_abstained=votes_abstained,
        )
    return locked


def save_laureate_profile(
    cycle: AwardCycle, *, biography: str, photo: CleanFile | None, photo_consent: bool, actor
) -> None:
    """What the laureate agreed to publish. Without their public consent no photo is kept at all."""
    with transaction.atomic():
        locked = _locked(cycle)
        if locked.laureate_id is None:
            raise ValidationError(_("Name the laureate first."))
        laureate = Nomination.objects.select_for_update().select_related("data_key").get(pk=locked.laureate_id)
        laureate.biography = biography.strip()
        laureate.photo_consent = photo_consent
        laureate.save(update_fields=["biography_enc", "photo_consent"])
        if photo is not None or not photo_consent:
            laureate.files.filter(purpose=FilePurpose.PHOTO).delete()
        if photo is not None and photo_consent:
            _store_file(laureate, photo, FilePurpose.PHOTO)
        if locked.announced_at is not None:
            generation.bump()  # the public pages show the profile: no cached copy outlives the change
        audit.record(audit.Action.LAUREATE_PROFILE_CHANGED, actor=actor, target=laureate, edition=locked.edition)


# --- The announcement ------------------------------------------------------------------------------------------


def announce(cycle: AwardCycle, *, actor=None) -> bool:
    """Lift the embargo: set announced_at, retire every cached page and let the apps that publish with the
    announcement do so, all in one transaction (a report that fails to publish keeps the laureate secret too).
    False when already announced or when no laureate is named."""
    with transaction.atomic():
        locked = _locked(cycle)
        if locked.announced_at is not None or locked.laureate_id is None:
            return False
        locked.announced_at = timezone.now()
        locked.save(update_fields=["announced_at"])
        generation.bump()
        for hook in embargo.announcement_hooks():
            hook(locked.edition)
        audit.record(audit.Action.AWARD_ANNOUNCED, actor=actor, edition=locked.edition, by_hand=actor is not None)
    return True


def announce_if_due(cycle_id: int) -> bool:
    """The worker's step: announce when the time has come. A time moved later has its own task, queued by
    `save_settings`; this one then does nothing."""
    cycle = AwardCycle.objects.filter(pk=cycle_id).first()
    if cycle is None or cycle.announced_at is not None or cycle.announce_at is None:
        return False
    if cycle.announce_at > timezone.now():
        return False
    return announce(cycle)


def schedule_announcement(cycle: AwardCycle) -> bool:
    """Queue the worker's announcement at the cycle's time (after the commit). False when the backend cannot
    defer: tests call the task themselves under a moved clock."""
    from django_tasks import default_task_backend

    from defdays.award.tasks import announce_due

    if cycle.announce_at is None or cycle.announced_at is not None or not default_task_backend.supports_defer:
        return False
    transaction.on_commit(
        lambda: announce_due.using(run_after=cycle.announce_at).enqueue(cycle_id=cycle.pk), robust=True
    )
    return True


def schedule_all_announcements() -> None:
    """At worker start: queue every announcement still to come (a queued one that was lost comes back)."""
    for cycle in AwardCycle.objects.filter(announced_at__isnull=True, announce_at__isnull=False):
        schedule_announcement(cycle)
