"""Every write to the programme: validate, lock, write, audit, enqueue email, in one transaction."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from defdays.accounts.models import User
from defdays.accounts.selectors import listable_users
from defdays.audit import services as audit
from defdays.core.links import absolute_url
from defdays.core.roles import RoleName
from defdays.mail.services import send_templated
from defdays.programme import seats, signals
from defdays.programme.models import (
    AgendaEntry,
    AgendaFeedToken,
    ProgrammeSettings,
    Room,
    ScheduleVersion,
    Session,
    SessionAudience,
    SessionSpeaker,
    SessionType,
    Speaker,
    Track,
    closed_session_slug,
    numbered_slug,
    slug_base,
)
from defdays.programme.selectors import audience_for
from defdays.programme.snapshot import (
    build_snapshot,
    carry_history,
    diff_snapshots,
    publicly_named,
    with_local_dates,
)

CHANGES_SUBJECT = gettext_lazy("Programme changes")


class StaleEdit(Exception):
    """The session changed since the form was opened; the caller shows the form again with the input kept."""


def session_slug(edition, title: str, audience: str, *, exclude_pk=None) -> str:
    """Open sessions: the title, numbered among the edition's slugs; closed sessions: the title and a random tail
    (models.closed_session_slug), so what the public sees never depends on a closed session's title."""
    base = slug_base(title)
    existing = Session.objects.filter(edition=edition)
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    if audience == SessionAudience.CLOSED:
        slug = closed_session_slug(base)
        while existing.filter(slug=slug).exists():
            slug = closed_session_slug(base)
        return slug
    return numbered_slug(base, set(existing.filter(slug__startswith=base).values_list("slug", flat=True)))


# --- Sessions ---------------------------------------------------------------------------------------------


def save_session(edition, session: Session | None, fields: dict, *, actor, expected_revision=None) -> Session:
    """Create or update a working-copy session. Refuses (StaleEdit) when someone saved it in between."""
    with transaction.atomic():
        if session is None:
            session = Session(edition=edition, **fields)
            if session.type == SessionType.TRAINING and not session.seat_cap:
                session.seat_cap = ProgrammeSettings.for_edition(edition).training_seats
            session.slug = session_slug(edition, fields["title"], session.audience)
            session.full_clean()
            session.save()
            action = audit.Action.SESSION_CREATED
        else:
            session = Session.objects.select_for_update().get(pk=session.pk, edition=edition)
            if expected_revision is not None and session.revision != expected_revision:
                raise StaleEdit
            audience_before, chatham_before = session.audience, session.chatham_house
            for name, value in fields.items():
                setattr(session, name, value)
            if (session.audience, session.chatham_house) != (audience_before, chatham_before):
                # Consent was given for the session as it was: naming someone in a setting they did not agree to
                # (a closed session made open, a Chatham House session made ordinary) waits for them to confirm.
                _ask_consent_again(session)
            if session.audience != audience_before:
                # An open session made closed must not keep holding its public slug (a new open session of the
                # same title would get "-2"); a closed one made open drops the random tail it no longer needs.
                session.slug = session_slug(edition, session.title, session.audience, exclude_pk=session.pk)
            session.revision += 1
            session.updated_at = timezone.now()
            session.full_clean()
            session.save()
            action = audit.Action.SESSION_CHANGED
        seats.check_cap(session)  # the cap itself is applied by publish()
        audit.record(action, actor=actor, target=session, edition=edition)
    return session


CONSENT_SUBJECT = gettext_lazy("Your sessions as a speaker")


def _ask_consent_again(session: Session) -> None:
    """Reset both consents of everyone on the session; tell those with an account who had said yes to anything."""
    links = SessionSpeaker.objects.filter(session=session)
    asked = list(
        listable_users().filter(
            speaker_profiles__session_links__in=links.filter(Q(consent_closed=True) | Q(consent_public=True))
        )
    )
    links.update(consent_closed=False, consent_public=False)
    url = absolute_url(reverse("programme:speaking", kwargs={"year": session.edition.year}))
    for user in asked:
        send_templated(
            user.email,
            CONSENT_SUBJECT,
            "programme/email/consent_asked",
            {"user": user, "session": session, "url": url},
            language=user.language,
        )


def set_status(session: Session, status: str, *, actor) -> Session:
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        session.status = status
        session.revision += 1
        session.save(update_fields=["status", "revision"])
        audit.record(audit.Action.SESSION_STATUS, actor=actor, target=session, edition=session.edition, status=status)
    return session


def speaker_for_user(edition, user) -> Speaker:
    speaker = Speaker.objects.filter(edition=edition, user=user).first()
    if speaker is None:
        speaker = Speaker.objects.create(edition=edition, user=user)
    return speaker


def create_guest(edition, name: str, bio: str, *, actor) -> Speaker:
    """A guest speaker: a public figure known by a public name, with no account."""
    with transaction.atomic():
        speaker = Speaker(edition=edition, guest_name=name.strip(), bio=bio)
        speaker.full_clean()
        speaker.save()
        audit.record(audit.Action.GUEST_CREATED, actor=actor, target=speaker, edition=edition)
    return speaker


def check_team_consent(*, is_guest: bool, consent_closed: bool, consent_public: bool) -> None:
    """The programme team may record a guest's consent, never that of a speaker with an account."""
    if not is_guest and (consent_closed or consent_public):
        raise ValidationError(
            _("A speaker with an account gives their consent to be named themselves, on their own page.")
        )


def add_speaker(
    session: Session,
    speaker: Speaker | User,
    *,
    role: str,
    actor,
    consent_closed: bool = False,
    consent_public: bool = False,
) -> SessionSpeaker:
    """Add a speaker or change their role. Given an account, its speaker profile is made in the same transaction,
    so an add that fails leaves no profile behind. Consents are recorded here for guests only (public figures
    without an account); a person with an account gives them on their own page, never a member of the programme
    team."""
    with transaction.atomic():
        if isinstance(speaker, User):
            speaker = speaker_for_user(session.edition, speaker)
        if speaker.edition_id != session.edition_id:
            raise ValidationError(_("This speaker belongs to another edition."))
        check_team_consent(is_guest=speaker.is_guest, consent_closed=consent_closed, consent_public=consent_public)
        defaults = {"role": role}
        if speaker.is_guest:
            defaults |= {"consent_closed": consent_closed, "consent_public": consent_public}
        link, _created = SessionSpeaker.objects.update_or_create(session=session, speaker=speaker, defaults=defaults)
        audit.record(
            audit.Action.SPEAKER_SET,
            actor=actor,
            target=session,
            edition=session.edition,
            speaker=speaker.pk,
            consent_closed=link.consent_closed,
            consent_public=link.consent_public,
        )
    return link


def speaker_set_consent(user, *, link: SessionSpeaker, consent_closed: bool, consent_public: bool) -> SessionSpeaker:
    """A speaker's own answer: may the closed part, may the public, read their name on this session?"""
    with transaction.atomic():
        link = SessionSpeaker.objects.select_for_update().select_related("session__edition", "speaker").get(pk=link.pk)
        if link.speaker.user_id != user.pk:
            raise PermissionDenied
        link.consent_closed, link.consent_public = consent_closed, consent_public
        link.save(update_fields=["consent_closed", "consent_public"])
        audit.record(
            audit.Action.CONSENT_SET,
            actor=user,
            target=link.session,
            edition=link.session.edition,
            consent_closed=consent_closed,
            consent_public=consent_public,
        )
    return link


def remove_speaker(session: Session, speaker_id: int, *, actor) -> None:
    with transaction.atomic():
        SessionSpeaker.objects.filter(session=session, speaker_id=speaker_id).delete()
        audit.record(
            audit.Action.SPEAKER_REMOVED, actor=actor, target=session, edition=session.edition, speaker=speaker_id
        )


# --- Rooms ------------------------------------------------------------------------------------------------

ROOM_FIELDS = ("name", "capacity", "accessibility", "is_closed", "opens_at", "closes_at", "position")


def save_room(edition, room: Room | None, *, fields: dict, actor) -> Room:
    """Create (room None) or change a room of the edition's working copy."""
    with transaction.atomic():
        room = (
            Room(edition=edition) if room is None else Room.objects.select_for_update().get(pk=room.pk, edition=edition)
        )
        for name in ROOM_FIELDS:
            if name in fields:
                setattr(room, name, fields[name])
        room.full_clean()
        room.save()
        audit.record(audit.Action.ROOM_SAVED, actor=actor, target=room, edition=edition)
    return room


def delete_room(room: Room, *, actor) -> None:
    """Refused while sessions use the room: deleting it would silently unplace them (and their audiences)."""
    with transaction.atomic():
        room = Room.objects.select_for_update().get(pk=room.pk)
        used = room.sessions.count()
        if used:
            raise ValidationError(
                _("%(room)s is used by %(n)d session(s). Move them to another room first.")
                % {"room": room.name, "n": used}
            )
        audit.record(audit.Action.ROOM_DELETED, actor=actor, target=room, edition=room.edition)
        room.delete()


def save_track(edition, *, name: str, actor) -> Track:
    with transaction.atomic():
        track = Track(edition=edition, name=name.strip())
        track.full_clean()
        track.save()
        audit.record(audit.Action.TRACK_SAVED, actor=actor, target=track, edition=edition)
    return track


def delete_track(track: Track, *, actor) -> None:
    """Sessions of the track keep their place and lose only the label (the foreign key sets it empty); the next
    published version shows that."""
    with transaction.atomic():
        audit.record(audit.Action.TRACK_DELETED, actor=actor, target=track, edition=track.edition)
        track.delete()


def save_programme_settings(
    edition, *, session_types: list[str], training_seats: int | None, trainings_per_person: int | None, actor
) -> ProgrammeSettings:
    with transaction.atomic():
        rules, _created = ProgrammeSettings.objects.select_for_update().get_or_create(edition=edition)
        rules.session_types = sorted(session_types)
        rules.training_seats, rules.trainings_per_person = training_seats, trainings_per_person
        rules.full_clean()
        rules.save()
        audit.record(audit.Action.PROGRAMME_SETTINGS_CHANGED, actor=actor, target=rules, edition=edition)
    return rules


def carry_over(source, target) -> None:
    """Next year's edition starts with this year's rooms, tracks and programme rules; sessions, speakers, versions,
    agendas and seats stay behind (they name or count people). Called by editions.services.new_edition_from in its
    transaction."""
    Room.objects.bulk_create(
        [
            Room(edition=target, **{name: getattr(room, name) for name in ROOM_FIELDS})
            for room in Room.objects.filter(edition=source)
        ]
    )
    Track.objects.bulk_create([Track(edition=target, name=t.name) for t in Track.objects.filter(edition=source)])
    rules = ProgrammeSettings.objects.filter(edition=source).first()
    if rules is not None:
        ProgrammeSettings.objects.create(
            edition=target,
            session_types=rules.session_types,
            training_seats=rules.training_seats,
            trainings_per_person=rules.trainings_per_person,
        )


def export_sessions_csv(edition, *, actor) -> str:
    """The staff CSV of the working copy; every export is recorded (who took the programme's working data)."""
    from defdays.programme.exports import staff_csv
    from defdays.programme.selectors import orga_sessions

    sessions = orga_sessions(edition).annotate(agenda_count=Count("agenda_entries"))
    audit.record(audit.Action.EXPORT, actor=actor, edition=edition, kind="programme.sessions_csv")
    return staff_csv(sessions)


# --- Publishing -------------------------------------------------------------------------------------------


class StalePublish(Exception):
    """Someone published a version after this page was opened."""


class NeedsApproval(Exception):
    """The version names someone publicly for the first time: an organiser must approve it."""

    def __init__(self, newly_named: set[tuple[int, int]]):
        super().__init__(f"{len(newly_named)} new public naming(s)")
        self.newly_named = newly_named


class NothingToPublish(Exception):
    """The working copy is the published version: a new version would change nothing and email nobody."""


def _next_snapshot(edition, previous: ScheduleVersion | None, published_at) -> dict:
    """The working copy as the next version would hold it, calendar history and cancellations included."""
    snapshot = build_snapshot(edition)
    left_out = dict(
        Session.objects.filter(edition=edition)
        .exclude(pk__in=[s["id"] for s in snapshot["sessions"]])
        .values_list("pk", "audience")
    )
    carry_history(previous.snapshot if previous else None, snapshot, published_at, left_out=left_out)
    return snapshot


def _same_programme(previous: dict | None, working: dict) -> bool:
    """Would a new version change nothing anyone can see? Only the calendar stamps may differ."""
    if previous is None:
        return False

    def content(snapshot):
        stamps = ("sequence", "modified")
        return (
            {key: snapshot.get(key) for key in ("rooms", "tracks", "speakers")},
            [{k: v for k, v in s.items() if k not in stamps} for s in snapshot["sessions"]],
            sorted((c["id"], c["audience"]) for c in snapshot.get("cancelled", [])),
        )

    return content(previous) == content(working)


@dataclass(frozen=True)
class PublishPreview:
    """What the publish button would do now: the changes, and how many people it would email."""

    changes: list[dict]
    recipients: int
    nothing_to_publish: bool


def publish_preview(edition) -> PublishPreview:
    previous = ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()
    working = _next_snapshot(edition, previous, timezone.now())
    changes = diff_snapshots(previous.snapshot if previous else None, working)
    recipients = 0
    if previous is not None:
        recipients = len(_change_recipients(edition, previous.snapshot, working, {c["session"] for c in changes}))
    return PublishPreview(
        changes=changes,
        recipients=recipients,
        nothing_to_publish=_same_programme(previous.snapshot if previous else None, working),
    )


def may_approve_public_names(actor, edition) -> bool:
    """Organisers approve; the programme team prepares. None is the system itself (management commands, tests)."""
    return actor is None or actor.is_superuser or RoleName.ORGANISER in actor.roles_in(edition)


def newly_named(snapshot: dict, previous: ScheduleVersion | None) -> set[tuple[int, int]]:
    """(session id, speaker id) that this snapshot names publicly and the previous version did not."""
    return publicly_named(snapshot) - publicly_named(previous.snapshot if previous else None)


def publish(
    edition, name: str, *, actor, expected_latest: int | None = None, approve_public_names: bool = False
) -> ScheduleVersion:
    """Freeze the working copy as the next version; email each participant whose agenda sessions changed.

    A version that names someone publicly for the first time needs an organiser's explicit approval
    (NeedsApproval otherwise): one programme-team member alone can no longer put a name on the public site, where
    copies, caches and schedule apps keep it whatever is unpublished later."""
    with transaction.atomic():
        # Lock the edition row: two publishes at once must not both become "version N".
        type(edition).objects.select_for_update().get(pk=edition.pk)
        previous = ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()
        latest = previous.number if previous else 0
        if expected_latest is not None and expected_latest != latest:
            raise StalePublish
        published_at = timezone.now()
        snapshot = _next_snapshot(edition, previous, published_at)
        if _same_programme(previous.snapshot if previous else None, snapshot):
            raise NothingToPublish
        named = newly_named(snapshot, previous)
        if named and not (approve_public_names and may_approve_public_names(actor, edition)):
            raise NeedsApproval(named)
        changelog = diff_snapshots(previous.snapshot if previous else None, snapshot)
        # Seat caps take effect now, with the version that shows them (a cap too low refuses the whole publish).
        for session in Session.objects.filter(pk__in=[s["id"] for s in snapshot["sessions"] if s["seat_cap"]]):
            seats.sync_capacity(session)
        version = ScheduleVersion.objects.create(
            edition=edition,
            number=latest + 1,
            name=name.strip() or _("Version %(n)d") % {"n": latest + 1},
            published_by=actor,
            published_at=published_at,
            snapshot=snapshot,
            changelog=changelog,
        )
        audit.record(
            audit.Action.PROGRAMME_PUBLISHED,
            actor=actor,
            target=version,
            edition=edition,
            number=version.number,
            changes=len(changelog),
            newly_named=len(named),
        )
        if previous is not None:
            _email_changes(edition, previous.snapshot, snapshot, {c["session"] for c in changelog})
        signals.version_published(edition.pk)
    return version


def _change_recipients(edition, old: dict, new: dict, changed_ids: set[int]) -> list[tuple]:
    """[(user, their changes)]: each person with a changed session in their agenda, and only the changes their
    audience may see (a person whose changes are all invisible to them gets no email)."""
    entries = (
        AgendaEntry.objects.filter(session_id__in=changed_ids, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    per_user = {}
    for entry in entries:
        per_user.setdefault(entry.user_id, (entry.user, set()))[1].add(entry.session_id)
    diffs, out = {}, []
    for user, session_ids in per_user.values():
        audience = audience_for(user, edition, second_factor_done=True)
        if audience not in diffs:
            diffs[audience] = diff_snapshots(old, new, audience)
        mine = [with_local_dates(c, edition.tz) for c in diffs[audience] if c["session"] in session_ids]
        if mine:
            out.append((user, mine))
    return out


def _email_changes(edition, old: dict, new: dict, changed_ids: set[int]) -> int:
    """One email per person with a changed session in their agenda, listing only what their audience may see."""
    recipients = _change_recipients(edition, old, new, changed_ids)
    for user, mine in recipients:
        send_templated(
            user.email,
            CHANGES_SUBJECT,
            "programme/email/changes",
            {"user": user, "edition": edition, "changes": mine},
            language=user.language,
        )
    return len(recipients)


# --- Agenda -----------------------------------------------------------------------------------------------


def agenda_add(user, session_id: int) -> bool:
    """Add a session the caller has already checked the person may see. Adding twice is not an error."""
    _entry, created = AgendaEntry.objects.get_or_create(user=user, session_id=session_id)
    return created


def agenda_remove(user, session_id: int) -> bool:
    deleted, _count = AgendaEntry.objects.filter(user=user, session_id=session_id).delete()
    return bool(deleted)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate_feed(user, edition) -> str:
    """A new private calendar token; the old one stops working. Only its hash is stored: shown once."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        AgendaFeedToken.objects.update_or_create(
            user=user, edition=edition, defaults={"token_hash": hash_token(token), "created_at": timezone.now()}
        )
        audit.record(audit.Action.FEED_ROTATED, actor=user, target=user, edition=edition)
    return token


def revoke_feed(user, edition) -> None:
    with transaction.atomic():
        AgendaFeedToken.objects.filter(user=user, edition=edition).delete()
        audit.record(audit.Action.FEED_REVOKED, actor=user, target=user, edition=edition)
