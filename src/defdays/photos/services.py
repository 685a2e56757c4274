"""Writes of the photos app, each in one transaction, audited, and bumping the generation (a gallery cached
anywhere must not outlive a change of what it may show)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from defdays.accounts import visibility
from defdays.audit import services as audit
from defdays.core import generation
from defdays.core.models import DataKey
from defdays.core.uploads import IMAGE_KINDS, clean_upload, image_size
from defdays.photos import rules
from defdays.photos.models import Photo, PhotoTag

MAX_PHOTO_BYTES = 20 * 1024 * 1024


class PublishRefused(Exception):
    """Somebody in the photo does not allow it; `blockers` says who and why (for organisers' eyes only)."""

    def __init__(self, blockers: list[rules.Blocker]):
        self.blockers = blockers
        names = "; ".join(f"{b.user.public_name}: {b.label}" if b.user is not None else b.label for b in blockers)
        super().__init__(_("The photo cannot be published: %(names)s.") % {"names": names})


class TagsNotConfirmed(Exception):
    """Only the people tagged in a photo can be checked against "hide me" and their photo consent: a photo is
    published only once the organiser confirms that everyone recognisable in it is tagged."""

    def __init__(self):
        super().__init__(
            _("Tag everyone recognisable in the photo, then tick the box: only tagged people's choices can be checked.")
        )


@transaction.atomic
def photo_upload(*, edition, upload, alt_text: str, people=(), actor) -> Photo:
    """Raises core.uploads.UploadRefused (with a message for the organiser) for anything but a clean image."""
    clean = clean_upload(upload, kinds=IMAGE_KINDS, max_bytes=MAX_PHOTO_BYTES)
    width, height = image_size(clean.data)
    photo = Photo(
        edition=edition,
        data_key=DataKey.create(),
        alt_text=alt_text.strip(),
        width=width,
        height=height,
        uploaded_by=actor,
    )
    photo.seal(clean)
    photo.save()
    PhotoTag.objects.bulk_create([PhotoTag(photo=photo, user=person) for person in people])
    audit.record(audit.Action.PHOTO_UPLOADED, actor=actor, target=photo, edition=edition, people=len(people))
    return photo


@transaction.atomic
def photo_tag(*, photo: Photo, people, alt_text: str, actor) -> Photo:
    """Set who is in the photo (and its alt text). Adding someone who said "no photos" to a published photo takes
    it off the gallery at once: the rule is read on every request."""
    locked = Photo.objects.select_for_update().get(pk=photo.pk)
    wanted = {person.pk for person in people}
    # The form lists only people who may be listed: a hidden person's tag is kept, or editing the tags would
    # quietly make a photo of someone in danger publishable.
    PhotoTag.objects.filter(photo=locked).filter(visibility.listed_q("user")).exclude(
        user_id__in=sorted(wanted)
    ).delete()
    have = set(PhotoTag.objects.filter(photo=locked).values_list("user_id", flat=True))
    PhotoTag.objects.bulk_create([PhotoTag(photo=locked, user_id=pk) for pk in sorted(wanted - have)])
    locked.alt_text = alt_text.strip()
    locked.save(update_fields=["alt_text"])
    audit.record(audit.Action.PHOTO_TAGGED, actor=actor, target=locked, edition=locked.edition, people=len(wanted))
    generation.bump()
    return locked


@transaction.atomic
def photo_publish(*, photo: Photo, actor, everyone_tagged: bool) -> Photo:
    if not everyone_tagged:
        raise TagsNotConfirmed
    locked = Photo.objects.select_for_update().get(pk=photo.pk)
    found = rules.blockers(locked)
    if found:
        raise PublishRefused(found)
    if not locked.alt_text:
        raise PublishRefused([])  # pragma: no cover - the form requires alt text
    if locked.published_at is None:
        locked.published_at = timezone.now()
        locked.save(update_fields=["published_at"])
        audit.record(audit.Action.PHOTO_PUBLISHED, actor=actor, target=locked, edition=locked.edition)
        generation.bump()
    return locked


def _unpublish(queryset, *, actor, **detail) -> int:
    ids = list(queryset.filter(published_at__isnull=False).select_for_update().values_list("pk", flat=True))
    if ids:
        Photo.objects.filter(pk__in=ids).update(published_at=None)
        for pk in ids:
            audit.record(audit.Action.PHOTO_UNPUBLISHED, actor=actor, target=Photo(pk=pk), **detail)
        generation.bump()
    return len(ids)


@transaction.atomic
def photo_unpublish(*, photo: Photo, actor) -> int:
    return _unpublish(Photo.objects.filter(pk=photo.pk), actor=actor, edition=photo.edition)


@transaction.atomic
def unpublish_photos_of(*, user, actor=None) -> int:
    """Every photo the person is in comes off, for good (an organiser must publish it again): for erasure, and
    for anyone who wants more than the rule's "not while they object"."""
    return _unpublish(Photo.objects.filter(tags__user=user), actor=actor)


@transaction.atomic
def photo_delete(*, photo: Photo, actor) -> None:
    locked = Photo.objects.select_for_update().select_related("data_key").get(pk=photo.pk)
    key = locked.data_key
    audit.record(audit.Action.PHOTO_DELETED, actor=actor, target=locked, edition=locked.edition)
    locked.delete()
    key.shred()
    generation.bump()


def purge_photos(photos) -> int:
    """Delete photos and shred their keys; the caller holds the transaction."""
    rows = list(photos.select_for_update().select_related("data_key"))
    audit.forget_targets(Photo, [p.pk for p in rows])
    for photo in rows:
        key = photo.data_key
        photo.delete()
        key.shred()
    if rows:
        generation.bump()
    return len(rows)
