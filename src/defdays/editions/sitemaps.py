from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from defdays.editions.selectors import visible_editions


class EditionSitemap(Sitemap):
    """The archive and each published edition's home (drafts are not visible to an anonymous visitor)."""

    def items(self):
        pages = [("editions:archive", {})]
        for year in visible_editions(None).values_list("year", flat=True):
            pages.append(("editions:home", {"year": year}))
        return pages

    def location(self, item):
        return reverse(item[0], kwargs=item[1])
