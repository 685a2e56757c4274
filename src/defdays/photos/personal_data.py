"""What the photos app holds about a person (see defdays.people.registry for the contract): the photos they are in.

Erasure takes every photo of the person off for good (photos.services.unpublish_photos_of) and keeps the tag,
which now points at an anonymised, inactive account: it goes on blocking the photo, so nobody can publish again
a picture of someone who asked to be forgotten. The retention purge deletes the edition's photos and their keys:
once the registrations (and with them the consents) are gone, nothing could say any more who allowed what.
"""

from django.db import transaction

from defdays.photos.models import Photo, PhotoTag
from defdays.photos.services import purge_photos, unpublish_photos_of

CATEGORY = "registrations"


def export_for(user) -> dict:
    return {
        "photos_of_you": [
            {
                "edition": tag.photo.edition.year,
                "photo": str(tag.photo.uid),
                "published": tag.photo.published_at is not None,
            }
            for tag in PhotoTag.objects.filter(user=user).select_related("photo__edition")
        ]
    }


def erase_for(user) -> None:
    unpublish_photos_of(user=user)


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    photos = Photo.objects.filter(edition=edition)
    counts = {"photos": photos.count()}
    if dry_run or not counts["photos"]:
        return counts
    with transaction.atomic():
        purge_photos(photos)
    return counts
