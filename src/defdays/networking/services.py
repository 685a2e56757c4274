"""Writes of the directory and meetings: each in one transaction, audited with ids only.

Every person named by a participant is resolved through selectors.profile_for (the viewer's own view of the
directory), so a request, block or report aimed at oneself, an unlisted, blocked, hidden or foreign person fails
with the one `NotFound` the view turns into the 404 of a missing page: the answer never tells which it was.
Emails say that something is waiting and link to the platform; the name, time and place stay on the platform,
where the reader has signed in (an email is read on shared phones and kept by mail providers).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from defdays.audit import services as audit
from defdays.audit.services import Action
from defdays.core.links import absolute_url
from defdays.mail.services import send_templated
from defdays.networking import selectors
from defdays.networking.models import (
    SHORT_MAX,
    TEXT_MAX,
    Block,
    MeetingPoint,
    MeetingRequest,
    NetworkingSlot,
    PersonReport,
    Profile,
)
from defdays.networking.models import RequestStatus as Status

SUBJECT_NEW_REQUEST = _("You have a new meeting request")
SUBJECT_ANSWER = _("A meeting request has changed")


class NotFound(Exception):
    """The person, request, slot or meeting point is not there for this viewer (answer 404)."""


class Refused(Exception):
    """A request the viewer may make, but not now (the slot is taken); the message says why."""


def _clip(value: str, limit: int) -> str | None:
    value = (value or "").strip()[:limit]
    return value or None


def profile_save(
    *,
    user,
    edition,
    listed: bool,
    languages: str,
    areas: str,
    about: str,
    country: str = "",
    organisation: str = "",
) -> Profile:
    if not selectors.in_closed_part(user, edition):
        raise NotFound
    with transaction.atomic():
        profile = Profile.objects.select_for_update().filter(user=user, edition=edition).first()
        if profile is None:
            profile = Profile(user=user, edition=edition, data_key=user.data_key)
        profile.listed = bool(listed)
        profile.languages = _clip(languages, SHORT_MAX)
        profile.areas = _clip(areas, SHORT_MAX)
        profile.about = _clip(about, TEXT_MAX)
        # Country and organisation can identify a defender on their own: stored only when the person adds them.
        profile.country = _clip(country, SHORT_MAX)
        profile.organisation = _clip(organisation, SHORT_MAX)
        profile.updated_at = timezone.now()
        profile.save()
        audit.record(Action.NETWORKING_PROFILE_SAVED, actor=user, target=profile, edition=edition)
    return profile


def _home_link(edition) -> str:
    return absolute_url(reverse("networking:home", kwargs={"year": edition.year}))


def _notify(user, subject, template, edition) -> None:
    send_templated(user.email, subject, template, {"url": _home_link(edition)}, language=user.language)


def request_create(*, sender, edition, profile_uid, slot_id, point_id, note: str = "") -> MeetingRequest:
    profile = selectors.profile_for(sender, edition, profile_uid)
    if profile is None:
        raise NotFound
    slot = NetworkingSlot.objects.filter(edition=edition, pk=slot_id).first()
    point = MeetingPoint.objects.filter(edition=edition, pk=point_id).first()
    if slot is None or point is None:
        raise NotFound
    recipient = profile.user
    with transaction.atomic():
        # Two requests sent at once for one pair and slot: the two profile rows serialise them.
        _lock_people(edition, {sender.pk, recipient.pk})
        open_for_pair = MeetingRequest.objects.filter(
            edition=edition, slot=slot, status__in=(Status.PENDING, Status.ACCEPTED)
        ).filter(Q(sender=sender, recipient=recipient) | Q(sender=recipient, recipient=sender))
        if open_for_pair.exists():
            raise Refused(_("There is already a request between you for this time."))
        request = MeetingRequest(
            edition=edition, sender=sender, recipient=recipient, slot=slot, point=point, data_key=sender.data_key
        )
        request.note = _clip(note, TEXT_MAX)
        request.save()
        audit.record(Action.MEETING_REQUESTED, actor=sender, target=request, edition=edition)
        _notify(recipient, SUBJECT_NEW_REQUEST, "networking/email/new_request", edition)
    return request


def _busy(user, edition, slot, *, besides) -> bool:
    return (
        MeetingRequest.objects.filter(edition=edition, slot=slot, status=Status.ACCEPTED)
        .filter(Q(sender=user) | Q(recipient=user))
        .exclude(pk=besides.pk)
        .exists()
    )


def _lock_people(edition, user_ids) -> None:
    """Lock the people's profile rows, in id order (no deadlock between two answers): two acceptances at once for
    one person and one slot would each see the other's meeting not yet committed and both accept
    (tests/networking/test_concurrency.py shows it with this lock off)."""
    for pk in sorted(user_ids):
        Profile.objects.select_for_update().filter(user_id=pk, edition=edition).first()


def request_answer(*, user, edition, uid, accept: bool) -> MeetingRequest:
    found = selectors.request_for(user, edition, uid)
    if found is None or found.recipient_id != user.pk:
        raise NotFound
    with transaction.atomic():
        _lock_people(edition, {found.sender_id, found.recipient_id})
        request = MeetingRequest.objects.select_for_update(of=("self",)).select_related("slot").get(pk=found.pk)
        if request.status != Status.PENDING:
            raise Refused(_("This request has been answered already."))
        if accept and (
            _busy(request.sender, edition, request.slot, besides=request)
            or _busy(user, edition, request.slot, besides=request)
        ):
            raise Refused(_("One of you already has a meeting at this time."))
        request.status = Status.ACCEPTED if accept else Status.DECLINED
        request.changed_at = timezone.now()
        request.save(update_fields=["status", "changed_at"])
        audit.record(
            Action.MEETING_ACCEPTED if accept else Action.MEETING_DECLINED, actor=user, target=request, edition=edition
        )
        _notify(request.sender, SUBJECT_ANSWER, "networking/email/answer", edition)
    return request


def request_cancel(*, user, edition, uid) -> MeetingRequest:
    """The sender withdraws a request; either side calls off an accepted meeting."""
    found = selectors.request_for(user, edition, uid)
    if found is None:
        raise NotFound
    with transaction.atomic():
        request = MeetingRequest.objects.select_for_update().get(pk=found.pk)
        may = request.status == Status.ACCEPTED or (request.status == Status.PENDING and request.sender_id == user.pk)
        if not may:
            raise Refused(_("This request can no longer be cancelled."))
        request.status = Status.CANCELLED
        request.changed_at = timezone.now()
        request.save(update_fields=["status", "changed_at"])
        audit.record(Action.MEETING_CANCELLED, actor=user, target=request, edition=edition)
        _notify(request.other_party(user), SUBJECT_ANSWER, "networking/email/answer", edition)
    return request


def _cancel_between(edition, one, other) -> None:
    MeetingRequest.objects.filter(edition=edition, status__in=(Status.PENDING, Status.ACCEPTED)).filter(
        Q(sender=one, recipient=other) | Q(sender=other, recipient=one)
    ).update(status=Status.CANCELLED, changed_at=timezone.now())


def person_block(*, user, edition, profile_uid) -> Block:
    profile = selectors.profile_for(user, edition, profile_uid)
    if profile is None:
        raise NotFound
    with transaction.atomic():
        block, _created = Block.objects.get_or_create(edition=edition, blocker=user, blocked=profile.user)
        # No email to the other side: being told would tell them who blocked them.
        _cancel_between(edition, user, profile.user)
        audit.record(Action.PERSON_BLOCKED, actor=user, target=block, edition=edition)
    return block


def person_unblock(*, user, edition, block_uid) -> None:
    with transaction.atomic():
        block = Block.objects.select_for_update().filter(edition=edition, blocker=user, uid=block_uid).first()
        if block is None:
            raise NotFound
        audit.record(Action.PERSON_UNBLOCKED, actor=user, target=block, edition=edition)
        block.delete()


def person_report(*, user, edition, profile_uid, text: str, block: bool) -> PersonReport:
    """Report a person to the safety team (optionally blocking them in the same step)."""
    profile = selectors.profile_for(user, edition, profile_uid)
    if profile is None:
        raise NotFound
    with transaction.atomic():
        report = PersonReport(edition=edition, reporter=user, reported=profile.user, data_key=user.data_key)
        report.text = _clip(text, TEXT_MAX) or ""
        report.save()
        audit.record(Action.PERSON_REPORTED, actor=user, target=report, edition=edition)
        if block:
            person_block(user=user, edition=edition, profile_uid=profile_uid)
    return report


def report_read(*, reader, edition) -> None:
    audit.record(Action.PERSON_REPORTS_READ, actor=reader, edition=edition)


def slot_add(*, edition, starts_at, ends_at, actor) -> NetworkingSlot:
    if ends_at <= starts_at:
        raise Refused(_("A slot must end after it starts."))
    with transaction.atomic():
        slot = NetworkingSlot.objects.create(edition=edition, starts_at=starts_at, ends_at=ends_at)
        audit.record(Action.NETWORKING_SETTINGS_CHANGED, actor=actor, target=slot, edition=edition)
    return slot


def point_add(*, edition, name: str, room, actor) -> MeetingPoint:
    if room is not None and room.edition_id != edition.pk:
        raise NotFound
    if not (name or "").strip() and room is None:
        raise Refused(_("Name a table or choose a room."))
    with transaction.atomic():
        point = MeetingPoint.objects.create(edition=edition, name=(name or "").strip()[:100], room=room)
        audit.record(Action.NETWORKING_SETTINGS_CHANGED, actor=actor, target=point, edition=edition)
    return point


def slot_or_point_remove(*, edition, kind: str, pk: int, actor) -> None:
    model = NetworkingSlot if kind == "slot" else MeetingPoint
    with transaction.atomic():
        row = model.objects.filter(edition=edition, pk=pk).first()
        if row is None:
            raise NotFound
        # Requests in that slot or at that point go with it (cascade): they can no longer happen as agreed.
        audit.record(Action.NETWORKING_SETTINGS_CHANGED, actor=actor, target=row, edition=edition)
        row.delete()
