"""Reads of the photos app, each taking the viewer; the rule itself is photos.rules."""

from __future__ import annotations

from defdays.accounts import visibility
from defdays.people.selectors import participants_of
from defdays.photos import rules
from defdays.photos.models import Photo


def _with_tags(photos):
    return photos.select_related("edition", "data_key").prefetch_related("tags__user")


def gallery(viewer, edition) -> list[Photo]:
    """The published photos of the edition this viewer may see now (consent read once for the whole page)."""
    photos = list(
        _with_tags(Photo.objects.filter(edition=edition, published_at__isnull=False)).order_by("-published_at", "-id")
    )
    consent = rules.consents(edition, [tag.user_id for photo in photos for tag in photo.tags.all()])
    internal = rules.sees_internal(viewer, edition)
    return [photo for photo in photos if rules.may_see(viewer, photo, consent, internal=internal)]


def photo_for(viewer, edition, uid) -> Photo | None:
    """One photo if the viewer may see it now; None (answered 404) for an unknown photo and a hidden one alike."""
    photo = _with_tags(Photo.objects.filter(edition=edition, uid=uid)).first()
    if photo is None or not rules.may_see(viewer, photo):
        return None
    return photo


def photos_for_organisers(edition, pk=None) -> list[Photo]:
    """The edition's photos (or the one with `pk`), each with `blockers` and `audience` as they stand now."""
    photos = Photo.objects.filter(edition=edition)
    photos = list(_with_tags(photos if pk is None else photos.filter(pk=pk)))
    consent = rules.consents(edition, [tag.user_id for photo in photos for tag in photo.tags.all()])
    for photo in photos:
        photo.blockers = rules.blockers(photo, consent)
        photo.audience = rules.audience(photo, consent)
    return photos


def photo_for_organisers(edition, pk) -> Photo | None:
    found = photos_for_organisers(edition, pk)
    return found[0] if found else None


def taggable_people(edition):
    """Who organisers may tag: the edition's participants who may be listed (a hidden person is not shown)."""
    return visibility.listed(participants_of(edition))
