"""Atom feeds of the public news, through Django's syndication framework. Items come from
news.selectors.public_posts only: a draft, a scheduled post before its time or an embargoed one is never in them."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from defdays.core import markdown
from defdays.news import selectors

FEED_SIZE = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Defenders' Days: news")

    def link(self):
        return reverse("news:index")

    def subtitle(self):
        return _("News from the organisers of Defenders' Days.")

    def items(self):
        return selectors.public_posts()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return markdown.plain_text(item.summary)

    def item_link(self, item):
        return reverse("news:post", kwargs={"slug": item.slug})

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.publish_at, item.updated_at)

    def item_author_name(self, item):
        return selectors.byline(item)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class TagFeed(NewsFeed):
    def get_object(self, request, slug):
        tag = selectors.public_tag(slug)
        if tag is None:
            raise Http404
        return tag

    def title(self, obj):
        return _("Posts tagged “%(tag)s”") % {"tag": obj.name}

    def link(self, obj):
        return reverse("news:tag", kwargs={"slug": obj.slug})

    def items(self, obj):
        return selectors.public_posts().filter(tags=obj)[:FEED_SIZE]
