"""What the programme holds about a person: agenda entries, calendar-feed tokens, speaker profiles and consent,
training seats. The people app discovers this module (export, erasure, retention purge)."""

from django.db import transaction

from defdays.audit import services as audit
from defdays.audit.models import AuditEvent
from defdays.programme import seats, selectors
from defdays.programme.models import AgendaEntry, AgendaFeedToken, ScheduleVersion, Session, SessionSpeaker, Speaker
from defdays.seats import capacity

CATEGORY = "registrations"


def export_for(user) -> dict:
    agenda = [
        {"edition": e.session.edition.year, "session": e.session.title, "added_at": e.created_at.isoformat()}
        for e in AgendaEntry.objects.filter(user=user).select_related("session__edition")
    ]
    feeds = [
        {"edition": f.edition.year, "created_at": f.created_at.isoformat()}
        for f in AgendaFeedToken.objects.filter(user=user).select_related("edition")
    ]
    speaking = [
        {
            "edition": link.session.edition.year,
            "session": link.session.title,
            "role": link.role,
            "named_in_closed_part": link.consent_closed,
            "named_publicly": link.consent_public,
        }
        for link in SessionSpeaker.objects.filter(speaker__user=user).select_related("session__edition")
    ]
    profiles = [
        {
            "edition": sp.edition.year,
            "name_on_programme": sp.public_name,
            "bio": sp.bio,
            "materials": [{"session": m.session.title, "title": m.title, "bytes": m.size} for m in sp.materials.all()],
        }
        for sp in Speaker.objects.filter(user=user).select_related("edition").prefetch_related("materials__session")
    ]
    training_seats = []
    for session in Session.objects.filter(capacity__isnull=False).select_related("edition"):
        seat = capacity.seat_of(session.capacity_id, seats.holder(user))
        if seat is not None and seat.status != capacity.SeatStatus.CANCELLED:
            training_seats.append(
                {
                    "edition": session.edition.year,
                    "session": session.title,
                    "status": seat.status,
                    "since": seat.queued_at.isoformat(),
                }
            )
    return {
        "agenda": agenda,
        "calendar_feeds": feeds,
        "speaking": speaking,
        "speaker_profiles": profiles,
        "training_seats": training_seats,
    }


def _scrub_snapshots(speaker_ids: dict) -> None:
    """Remove the person from every published snapshot (their name is frozen there)."""
    for edition_id, ids in speaker_ids.items():
        for version in ScheduleVersion.objects.select_for_update().filter(edition_id=edition_id):
            snapshot = version.snapshot
            for sid in ids:
                snapshot["speakers"].pop(str(sid), None)
            for session in snapshot["sessions"]:
                session["speakers"] = [row for row in session["speakers"] if row[0] not in ids]
            version.save(update_fields=["snapshot"])


def public_name_changed(user) -> None:
    """people.registry: the person's new public name replaces the old one in every published version, and every
    cached programme retires with the generation bumped in the same transaction."""
    rename_in_snapshots(user)
    selectors.invalidate()


def rename_in_snapshots(user) -> int:
    """A speaker's public name is frozen into published versions: follow a change of it there too (someone who
    moves to a pseudonym must not stay public under the old name). Returns the versions rewritten."""
    speakers = list(Speaker.objects.filter(user=user).values_list("pk", "edition_id", "public_name"))
    rewritten = 0
    with transaction.atomic():
        for edition_id in {edition_id for _pk, edition_id, _name in speakers}:
            # A name the speaker chose for the programme stays where it was published (it follows their own edits
            # and the next version); every other copy of a name of theirs follows the account's new one.
            kept = {str(pk): name for pk, e, name in speakers if e == edition_id}
            for version in ScheduleVersion.objects.select_for_update().filter(edition_id=edition_id):
                published = version.snapshot["speakers"]
                stale = [
                    published[sid]
                    for sid, chosen in kept.items()
                    if sid in published and published[sid]["name"] not in (user.public_name, chosen or None)
                ]
                if stale:
                    for entry in stale:
                        entry["name"] = user.public_name
                    version.save(update_fields=["snapshot"])
                    rewritten += 1
    return rewritten


def erase_for(user) -> None:
    with transaction.atomic():
        for session in Session.objects.filter(capacity__isnull=False):
            if capacity.seat_of(session.capacity_id, seats.holder(user)):
                seats.cancel(user, session)  # the waitlist moves up
        AgendaEntry.objects.filter(user=user).delete()
        AgendaFeedToken.objects.filter(user=user).delete()
        speaker_ids = {}
        for sp in Speaker.objects.filter(user=user):
            speaker_ids.setdefault(sp.edition_id, set()).add(sp.pk)
        _scrub_snapshots(speaker_ids)
        Speaker.objects.filter(user=user).delete()  # cascades to the consent rows
        selectors.invalidate()  # no cached programme may still name the erased person


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    """After the edition: who planned to attend what, and who held training seats, is no longer needed. After the
    registration period, speakers with an account (closed-part people: they hold the speaker role) are deleted
    and leave every published version of the edition; guest speakers (public figures, no account) stay named."""
    agenda = AgendaEntry.objects.filter(session__edition=edition)
    feeds = AgendaFeedToken.objects.filter(edition=edition)
    seat_rows = capacity.Seat.objects.filter(
        capacity_id__in=Session.objects.filter(edition=edition, capacity__isnull=False).values("capacity_id")
    )
    people = Speaker.objects.filter(edition=edition, user__isnull=False)
    counts = {
        "agenda entries": agenda.count(),
        "calendar feeds": feeds.count(),
        "training seats": seat_rows.count(),
        "speakers": people.count(),
    }
    if not dry_run:
        with transaction.atomic():
            agenda.delete()
            feeds.delete()
            seat_rows.delete()
            ids = set(people.values_list("pk", flat=True))
            if ids:
                _scrub_snapshots({edition.pk: ids})
                audit.forget_targets(Speaker, ids)
                # "speaker set/removed" events keep the session and the change, not whose it was.
                audit.reduce_events(
                    AuditEvent.objects.filter(edition=edition, detail__speaker__in=sorted(ids)), drop_keys=("speaker",)
                )
                Speaker.objects.filter(pk__in=ids).delete()  # cascades to the consent rows
    return counts
