"""Visa letter reads, each taking the viewer or the edition whose travel team asks."""

from defdays.registration.selectors import own_participation, visible_participations
from defdays.visas.models import LetterRequest, LetterStatus


def may_ask(user, edition) -> bool:
    """Only someone taking part in the edition may have a letter inviting them to it."""
    participation = own_participation(user, edition)
    return participation is not None and participation.is_active


def own_letter(user, edition) -> LetterRequest | None:
    if not user.is_authenticated:
        return None
    return LetterRequest.objects.select_related("data_key", "edition").filter(user=user, edition=edition).first()


def requests_for_team(edition):
    """The edition's letter requests, for its own travel team only; hidden and erased people are not listed."""
    users = visible_participations(edition).values("user_id")
    return (
        LetterRequest.objects.filter(edition=edition, user_id__in=users)
        .select_related("user", "data_key", "edition")
        .order_by("status", "asked_at", "id")
    )


def request_for_team(edition, uid) -> LetterRequest | None:
    return requests_for_team(edition).filter(uid=uid).first()


def pending_count(edition) -> int:
    return requests_for_team(edition).filter(status=LetterStatus.READY).count()
