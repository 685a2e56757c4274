"""Who may see whom in the participants' directory, and which meeting requests a viewer sees.

One rule, `visible_profiles(viewer, edition)`: a profile shows only to a viewer who is themselves a listed,
approved closed-part participant of the same edition, and only when its owner is one too, is not hidden or
erased (accounts.visibility) and neither has blocked the other. Every page, form and service that names a
person of the directory resolves them through it, so an unlisted, blocked, hidden, foreign or unknown person
are the same "not found", and a request to any of them the same refusal.
"""

from __future__ import annotations

from django.db.models import Q

from defdays.accounts import visibility
from defdays.core.roles import CLOSED_PART_ROLES
from defdays.networking.models import Block, MeetingPoint, MeetingRequest, NetworkingSlot, PersonReport, Profile
from defdays.networking.models import RequestStatus as Status
from defdays.registration.selectors import closed_part_standing, users_in_standing


def in_closed_part(viewer, edition, *, request=None) -> bool:
    """May this person have a profile at all: a closed-part participant whose registration stands, listed.
    `request` (whose user is the viewer) shares the registration lookup with the page's other checks."""
    if viewer is None or not viewer.is_authenticated or edition is None:
        return False
    if not viewer.roles_in(edition) & CLOSED_PART_ROLES:
        return False
    return closed_part_standing(viewer, edition, request=request) is True and visibility.is_listed(viewer)


def own_profile(viewer, edition) -> Profile | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    return Profile.objects.select_related("data_key").filter(user=viewer, edition=edition).first()


def directory_open_to(viewer, edition) -> bool:
    """The directory shows only to those who show themselves in it."""
    if not in_closed_part(viewer, edition):
        return False
    return Profile.objects.filter(user=viewer, edition=edition, listed=True).exists()


def _blocked_either_way(viewer, edition):
    blocks = Block.objects.filter(edition=edition)
    return list(blocks.filter(blocker=viewer).values_list("blocked_id", flat=True)) + list(
        blocks.filter(blocked=viewer).values_list("blocker_id", flat=True)
    )


def visible_profiles(viewer, edition):
    """The profiles this viewer may see (never their own), ordered by public name."""
    if not directory_open_to(viewer, edition):
        return Profile.objects.none()
    return (
        Profile.objects.filter(edition=edition, listed=True, user_id__in=users_in_standing(edition))
        .filter(visibility.listed_q("user"))
        .filter(user__roles__edition=edition, user__roles__role__in=sorted(CLOSED_PART_ROLES))
        .exclude(user=viewer)
        .exclude(user_id__in=_blocked_either_way(viewer, edition))
        .select_related("user", "data_key")
        .distinct()
        .order_by("user__public_name", "id")
    )


def profile_for(viewer, edition, uid) -> Profile | None:
    """One profile the viewer may see, or None: the caller answers 404 whatever the reason."""
    return visible_profiles(viewer, edition).filter(uid=uid).first()


def requests_for(viewer, edition):
    """The viewer's requests, sent and received, with a person they may still see: once the other side is
    hidden, erased, unlisted, blocked or out of the edition, the request leaves the viewer's pages too."""
    visible_users = visible_profiles(viewer, edition).values("user_id")
    return (
        MeetingRequest.objects.filter(edition=edition)
        .filter(Q(sender=viewer, recipient_id__in=visible_users) | Q(recipient=viewer, sender_id__in=visible_users))
        .select_related("sender", "recipient", "slot", "point", "point__room", "data_key")
        .order_by("slot__starts_at", "-created_at")
    )


def request_for(viewer, edition, uid) -> MeetingRequest | None:
    return requests_for(viewer, edition).filter(uid=uid).first()


def accepted_meetings(viewer, edition) -> list[MeetingRequest]:
    return list(requests_for(viewer, edition).filter(status=Status.ACCEPTED))


def slots(edition):
    return NetworkingSlot.objects.filter(edition=edition)


def points(edition):
    return MeetingPoint.objects.filter(edition=edition).select_related("room")


def blocks_by(viewer, edition):
    """The people this viewer blocked who may still be listed (to lift a block)."""
    return (
        Block.objects.filter(edition=edition, blocker=viewer)
        .filter(visibility.listed_q("blocked"))
        .select_related("blocked")
        .order_by("created_at")
    )


def reports_for_safety(edition):
    """Reports about people for the edition's safety team (the view's SAFETY rule decides who reads this)."""
    return PersonReport.objects.filter(edition=edition).select_related("reporter", "reported", "data_key")
