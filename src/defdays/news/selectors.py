"""Reads of the news. What the public may read is decided here once, by `public_posts`, and every page, feed,
sitemap entry, image and edition home asks it.

Nothing here is cached. A scheduled post must appear at its time without anyone acting, and an embargoed one
exactly with the announcement: a page cached under the generation alone would keep hiding a post past its time
(or, cached just after it, nothing would go wrong, but a cached "not found" would). Keying by a time bucket
would still be wrong for up to a bucket. The queries are small (an indexed filter and one page of posts), so
the pages are built on each request.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from defdays.award import embargo
from defdays.core.roles import RoleName
from defdays.editions.models import Edition, EditionStatus
from defdays.news.models import Post, PostImage, PostStatus, Tag

PAGE_SIZE = 10


def _held_editions(now) -> list[int]:
    """Editions whose embargoed posts must still wait: asked of award.embargo, the owner of that rule, per
    edition that has any embargoed post (a handful), so the rule is never restated as a query here."""
    editions = Edition.objects.filter(news_posts__embargoed=True).distinct()
    return [edition.pk for edition in editions if not embargo.is_announced(edition)]


def public_posts(now=None) -> QuerySet[Post]:
    """Posts anyone may read now: published, their time come, not held by an embargo, not of a draft edition."""
    now = now or timezone.now()
    public_edition = Q(edition__isnull=True) | Q(edition__status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED])
    return (
        Post.objects.filter(public_edition, status=PostStatus.PUBLISHED, publish_at__lte=now)
        .exclude(embargoed=True, edition_id__in=_held_editions(now))
        .select_related("edition")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-publish_at", "-id")
    )


def public_post(slug: str) -> Post | None:
    return public_posts().filter(slug=slug).first()


def public_tag(slug: str) -> Tag | None:
    """A tag that has at least one public post; a tag used only by drafts does not exist for the public."""
    return Tag.objects.filter(slug=slug, posts__in=public_posts()).distinct().first()


def public_tags() -> QuerySet[Tag]:
    return Tag.objects.filter(posts__in=public_posts()).distinct().order_by("name")


def posts_of_edition(edition, *, limit: int = 5) -> list[Post]:
    """The edition home's list."""
    return list(public_posts().filter(edition=edition)[:limit])


def byline(post: Post) -> str:
    """The author as shown: the typed public name, or the organisation."""
    if post.byline:
        return post.byline
    if post.edition is not None:
        return post.edition.organiser_name
    from defdays.editions.selectors import current_edition

    current = current_edition()
    return current.organiser_name if current is not None else ""


# Organisers' side. Posts of an edition are managed by its organisers; posts tied to no edition belong to the
# organisation, and any organiser of the edition whose pages are open manages them.


def orga_posts(edition) -> QuerySet[Post]:
    return (
        Post.objects.filter(Q(edition=edition) | Q(edition__isnull=True))
        .select_related("edition")
        .prefetch_related("tags")
        .order_by("-created_at", "-id")
    )


def orga_post(edition, pk: int) -> Post | None:
    return orga_posts(edition).filter(pk=pk).first()


def _organises(viewer, edition) -> bool:
    if viewer is None or not viewer.is_authenticated:
        return False
    if viewer.is_superuser:
        return True
    if edition is None:
        return viewer.roles.filter(role=RoleName.ORGANISER).exists()
    return RoleName.ORGANISER in viewer.roles_in(edition)


def image_for(viewer, uid) -> PostImage | None:
    """A post's picture if this viewer may see the post: anyone once it is public, its organisers before
    (for the preview). Otherwise None, the same as a picture that does not exist."""
    image = PostImage.objects.select_related("post__edition", "data_key").filter(uid=uid).first()
    if image is None:
        return None
    if public_posts().filter(pk=image.post_id).exists() or _organises(viewer, image.post.edition):
        return image
    return None
