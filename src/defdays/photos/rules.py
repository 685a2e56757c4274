"""The one owner of "who may see this photo", asked on every request for the image and for every gallery.

A photo is shown only while every person in it allows it *now*: their consent is read from their registration at
each request, and "hide me" and erasure are read from accounts.visibility. So revoking consent, hiding or erasing
takes a photo off every page and makes its URL answer 404 on the very next request, with nothing to unpublish
first: there is no copy to forget, and the image response forbids every cache to keep it (core.uploads).

- anybody in it said "no photos" (or has no registration for the edition, so never consented): nobody sees it;
- anybody in it is hidden or erased: nobody sees it;
- anybody in it allowed "internal only": approved participants of the edition (and its organisers) see it;
- everybody allowed publishing: everybody sees it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from defdays.accounts import visibility
from defdays.core.roles import RoleName
from defdays.registration.models import Participation, PhotoConsent
from defdays.registration.selectors import closed_part_standing


class Audience(enum.Enum):
    NOBODY = "nobody"
    INTERNAL = "internal"
    PUBLIC = "public"


class Reason(enum.StrEnum):
    NO_PHOTOS = "no_photos"
    NO_CONSENT = "no_consent"
    UNLISTED = "unlisted"


REASON_LABELS = {
    Reason.NO_PHOTOS: _("said no photos"),
    Reason.NO_CONSENT: _("has no registration, so never agreed to photos"),
    Reason.UNLISTED: _("someone in the photo may not be shown now"),
}


@dataclass(frozen=True)
class Blocker:
    # None for a hidden or erased person: organisers do not learn who is hiding (the safety team's knowledge),
    # only that the photo cannot be shown.
    user: object | None
    reason: Reason

    @property
    def label(self) -> str:
        return str(REASON_LABELS[self.reason])


def consents(edition, user_ids) -> dict[int, str]:
    """{user id: photo consent} in one query."""
    return dict(
        Participation.objects.filter(edition=edition, user_id__in=sorted(set(user_ids))).values_list(
            "user_id", "photo_consent"
        )
    )


def blockers(photo, consent: dict[int, str] | None = None) -> list[Blocker]:
    """Who keeps this photo from being shown, and why. For organisers only: the reason is the person's consent.
    A hidden or erased person is not named."""
    people = [tag.user for tag in photo.tags.all()]
    if consent is None:
        consent = consents(photo.edition, [p.pk for p in people])
    found = []
    for person in people:
        if not visibility.is_listed(person):
            found.append(Blocker(None, Reason.UNLISTED))
        elif person.pk not in consent:
            found.append(Blocker(person, Reason.NO_CONSENT))
        elif consent[person.pk] == PhotoConsent.NONE:
            found.append(Blocker(person, Reason.NO_PHOTOS))
    return found


def audience(photo, consent: dict[int, str] | None = None) -> Audience:
    """Who may see the photo if it is published, from the consent of everybody in it now."""
    people = [tag.user for tag in photo.tags.all()]
    if consent is None:
        consent = consents(photo.edition, [p.pk for p in people])
    if blockers(photo, consent):
        return Audience.NOBODY
    if any(consent[p.pk] == PhotoConsent.INTERNAL for p in people):
        return Audience.INTERNAL
    return Audience.PUBLIC


def sees_internal(viewer, edition) -> bool:
    """Approved (or checked-in) participants of the edition, and its organisers."""
    if not viewer.is_authenticated:
        return False
    if RoleName.ORGANISER in viewer.roles_in(edition):
        return True
    return bool(closed_part_standing(viewer, edition))


def may_see(viewer, photo, consent: dict[int, str] | None = None, *, internal: bool | None = None) -> bool:
    if photo.published_at is None:
        return False
    shown_to = audience(photo, consent)
    if shown_to is Audience.PUBLIC:
        return True
    if shown_to is Audience.INTERNAL:
        return sees_internal(viewer, photo.edition) if internal is None else internal
    return False
