from datetime import timedelta

import pytest
from django.utils import timezone

from defdays.award.models import AwardCycle
from defdays.news import services
from defdays.news.models import Post, PostStatus


def write(edition=None, *, slug, title=None, body="Text.", tags=("Defenders' Days",), embargoed=False, actor=None):
    fields = services.PostFields(
        title=title or slug,
        summary=f"Summary of {slug}",
        body=body,
        byline="",
        slug=slug,
        tag_names=tuple(tags),
        about_edition=edition is not None,
        embargoed=embargoed,
    )
    return services.post_save(post=None, edition=edition, fields=fields, actor=actor)


def published(post, *, at=None):
    """Published at `at` (default: an hour ago), as post_publish would, but allowing a past time."""
    Post.objects.filter(pk=post.pk).update(
        status=PostStatus.PUBLISHED, publish_at=at or timezone.now() - timedelta(hours=1)
    )
    post.refresh_from_db()
    return post


@pytest.fixture
def canaries(edition):
    return make_canaries(edition)


def make_canaries(edition):
    """One public post and three that nobody outside the organisers may see yet, each with its own canary word."""
    public = published(write(edition, slug="public-post", title="PUBLIC-POST-TITLE", body="PUBLIC-BODY"))
    draft = write(
        edition, slug="canary-draft", title="CANARY-DRAFT-TITLE", body="CANARY-DRAFT-BODY", tags=["Draftonly"]
    )
    scheduled = write(edition, slug="canary-scheduled", title="CANARY-SCHEDULED-TITLE", body="CANARY-SCHEDULED-BODY")
    services.post_publish(post=scheduled, at=timezone.now() + timedelta(days=2), actor=None, edition=edition)
    AwardCycle.objects.update_or_create(
        edition=edition, defaults={"announce_at": timezone.now() + timedelta(days=1), "announced_at": None}
    )
    embargoed = published(
        write(
            edition, slug="canary-embargoed", title="CANARY-EMBARGO-TITLE", body="CANARY-EMBARGO-BODY", embargoed=True
        )
    )
    # Published once, then taken back: its publish time stays in the past.
    unpublished = published(
        write(edition, slug="canary-unpublished", title="CANARY-UNPUBLISHED-TITLE", body="CANARY-UNPUBLISHED-BODY")
    )
    services.post_unpublish(post=unpublished, actor=None, edition=edition)
    return {
        "public": public,
        "draft": draft,
        "scheduled": scheduled,
        "embargoed": embargoed,
        "unpublished": unpublished,
    }


CANARY_WORDS = ("CANARY-DRAFT", "CANARY-SCHEDULED", "CANARY-EMBARGO", "CANARY-UNPUBLISHED", "canary-draft",
                "canary-scheduled", "canary-embargoed", "canary-unpublished", "Draftonly", "draftonly")  # fmt: skip
