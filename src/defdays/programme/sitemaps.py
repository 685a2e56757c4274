from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from defdays.editions.selectors import visible_editions
from defdays.programme.selectors import programme_for


class ProgrammeSitemap(Sitemap):
    """Each published edition's schedule and the session and speaker pages an anonymous visitor may open:
    the programme as `programme_for(None, edition)` filters it, the same gate as the pages themselves."""

    def items(self):
        pages = []
        for edition in visible_editions(None):
            programme = programme_for(None, edition)
            if programme is None:
                continue
            pages.append(("programme:schedule", {"year": edition.year}))
            pages += [("programme:session", {"year": edition.year, "slug": s["slug"]}) for s in programme.sessions]
            pages += [
                ("programme:speaker", {"year": edition.year, "slug": slug}) for slug in programme.data["speakers"]
            ]
        return pages

    def location(self, item):
        return reverse(item[0], kwargs=item[1])
