"""News posts: the organisation's public writing, tagged, optionally about one edition.

A post is public when it is published, its publish time has come and, if it is tied to the award announcement,
that edition's laureate has been announced (award.embargo). Those three conditions live in one place,
`news.selectors.public_posts`; nothing else decides what the public may read.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from defdays.core.sensitivity import Sensitivity
from defdays.core.uploads import EncryptedFile

TITLE_MAX = 200
SUMMARY_MAX = 500
BODY_MAX = 100_000


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    SENSITIVITY = {"id": Sensitivity.NONE, "name": Sensitivity.NONE, "slug": Sensitivity.NONE}

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Post(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    # Shown as the author. Empty: the organisation. Never derived from an account, so a staff member's account
    # name does not end up on the public site unless they typed it here.
    byline = models.CharField(_("author"), max_length=100, blank=True)
    edition = models.ForeignKey(
        "editions.Edition", on_delete=models.CASCADE, null=True, blank=True, related_name="news_posts"
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    status = models.CharField(max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    # Goes out with the award announcement of its edition, not before (award.embargo.is_announced).
    embargoed = models.BooleanField(_("held until the award announcement"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(default=False)

    SENSITIVITY = {
        **{
            name: Sensitivity.NONE
            for name in ("id", "slug", "title", "summary", "body", "edition", "status", "publish_at")
        },
        "byline": Sensitivity.PUBLIC,
        "embargoed": Sensitivity.STAFF,
        "created_by": Sensitivity.STAFF,
        "created_at": Sensitivity.NONE,
        "updated_at": Sensitivity.NONE,
        "is_demo": Sensitivity.NONE,
    }

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(embargoed=False) | models.Q(edition__isnull=False),
                name="news_embargo_needs_edition",
            ),
        ]

    def __str__(self):
        return self.title


class PostImage(EncryptedFile):
    """A picture in a post, stored cleaned (core.uploads) and served by news.views.image, never from a folder."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="images")
    alt = models.CharField(_("description for people who cannot see it"), max_length=200)

    SENSITIVITY = {**EncryptedFile.SENSITIVITY, "post": Sensitivity.NONE, "alt": Sensitivity.NONE}

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.alt
