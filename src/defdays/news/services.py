"""Every write of the news: saving, publishing, scheduling, unpublishing a post, adding a picture.

News pages themselves are not cached (news.selectors says why), but the edition's home lists its posts and is
cached whole for anonymous visitors (core.page_cache): every write that can change what is public bumps the
generation in its transaction, so an unpublished post leaves that page at the next request. A scheduled post
appears there within the page cache's minute, never before its time. The announcement bumps it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from defdays.audit import services as audit
from defdays.core import generation
from defdays.core.models import DataKey
from defdays.core.uploads import CleanFile
from defdays.news.models import Post, PostImage, PostStatus, Tag


class NewsError(Exception):
    """A post cannot be saved as asked; the message says why, for the organiser."""


class SlugTaken(NewsError):
    pass


class ScheduledInThePast(NewsError):
    pass


class BadTag(NewsError):
    pass


@dataclass(frozen=True)
class PostFields:
    title: str
    summary: str
    body: str
    byline: str
    slug: str  # empty: made from the title
    tag_names: tuple[str, ...]
    about_edition: bool
    embargoed: bool


def tag_slug(name: str) -> str:
    """The address part of a tag: ASCII letters, digits and hyphens only, so a slash or an emoji in a tag's name
    can never make a path of its own (`/news/tag/a/b/`) or an address that reads differently from its name."""
    return slugify(name)[:60].strip("-")


def _tags(names: tuple[str, ...]) -> list[Tag]:
    tags = []
    for name in names:
        slug = tag_slug(name)
        if not slug:
            raise BadTag(_("The tag “%(name)s” needs at least one letter or digit.") % {"name": name})
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            try:
                with transaction.atomic():
                    tag = Tag.objects.create(name=name, slug=slug)
            except IntegrityError:  # made by a concurrent save, or another name with the same address
                tag = Tag.objects.filter(slug=slug).first()
                if tag is None:
                    raise BadTag(_("The tag “%(name)s” clashes with another tag.") % {"name": name}) from None
        tags.append(tag)
    return tags


# The first part of the other news addresses: a post with one of these slugs could never be opened.
RESERVED_SLUGS = frozenset({"feed", "tag", "images", "page"})


def _free_slug(base: str, exclude_pk: int | None) -> str:
    base = base[:70] or "post"
    if base in RESERVED_SLUGS:
        base = f"{base}-post"
    others = Post.objects.exclude(pk=exclude_pk) if exclude_pk else Post.objects.all()
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def post_save(*, post: Post | None, edition, fields: PostFields, actor) -> Post:
    """Create (post None) or change a post's text and tags. Its publication state is not touched here."""
    try:
        with transaction.atomic():
            creating = post is None
            post = Post(created_by=actor) if creating else Post.objects.select_for_update().get(pk=post.pk)
            if fields.slug in RESERVED_SLUGS:
                raise SlugTaken(_("This address is used by the news pages themselves. Choose another one."))
            if fields.slug:
                if Post.objects.filter(slug=fields.slug).exclude(pk=post.pk).exists():
                    raise SlugTaken(_("Another post already has this address. Choose another one."))
                post.slug = fields.slug
            elif creating:
                post.slug = _free_slug(slugify(fields.title), None)
            post.title, post.summary, post.body, post.byline = fields.title, fields.summary, fields.body, fields.byline
            post.edition = edition if fields.about_edition else None
            post.embargoed = fields.embargoed and post.edition is not None
            post.save()
            generation.bump()
            post.tags.set(_tags(fields.tag_names))
            audit.record(
                audit.Action.NEWS_SAVED,
                actor=actor,
                target=post,
                edition=edition,
                change="created" if creating else "text",
            )
    except IntegrityError as exc:  # the same slug saved by someone else a moment ago
        raise SlugTaken(_("Another post already has this address. Choose another one.")) from exc
    return post


def post_publish(*, post: Post, at: datetime | None, actor, edition) -> Post:
    """Publish now (`at` None) or schedule for `at`. No one needs to act at that time: the selectors compare
    the publish time with the clock on every request."""
    now = timezone.now()
    if at is not None and at <= now:
        raise ScheduledInThePast(_("That time has already passed. Publish now, or choose a later time."))
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        post.status = PostStatus.PUBLISHED
        post.publish_at = at or now
        post.save(update_fields=["status", "publish_at", "updated_at"])
        generation.bump()
        audit.record(
            audit.Action.NEWS_PUBLISHED,
            actor=actor,
            target=post,
            edition=edition,
            change="scheduled" if at is not None else "now",
        )
    return post


def post_unpublish(*, post: Post, actor, edition) -> Post:
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        post.status = PostStatus.DRAFT
        post.save(update_fields=["status", "updated_at"])
        generation.bump()
        audit.record(audit.Action.NEWS_UNPUBLISHED, actor=actor, target=post, edition=edition)
    return post


def image_add(*, post: Post, clean: CleanFile, alt: str, actor, edition) -> PostImage:
    with transaction.atomic():
        image = PostImage(post=post, alt=alt, data_key=DataKey.create())
        image.seal(clean)
        image.save()
        audit.record(audit.Action.NEWS_IMAGE_ADDED, actor=actor, target=post, edition=edition)
    return image


def publish_with_announcement(edition) -> None:
    """Inside the announcement's transaction: the edition's embargoed, published posts whose time had come
    take the announcement's time, so they lead the news and their date is the day they could be read."""
    now = timezone.now()
    Post.objects.filter(edition=edition, embargoed=True, status=PostStatus.PUBLISHED, publish_at__lt=now).update(
        publish_at=now
    )
    generation.bump()
