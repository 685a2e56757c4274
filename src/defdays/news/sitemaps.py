from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from defdays.news import selectors


class NewsSitemap(Sitemap):
    """The news index, every public post and every tag that has one (news.selectors.public_posts decides)."""

    def items(self):
        posts = [("news:post", {"slug": post.slug}, post.updated_at) for post in selectors.public_posts()]
        tags = [("news:tag", {"slug": tag.slug}, None) for tag in selectors.public_tags()]
        return [("news:index", {}, None), *posts, *tags]

    def location(self, item):
        return reverse(item[0], kwargs=item[1])

    def lastmod(self, item):
        return item[2]
