"""One way to page and search a long staff list, so every list keeps its filters across pages the same way and
no list loads a thousand rows into one page.

`listing(request, rows)` pages a queryset (or a list) and reads the search box; `core/pagination.html` draws the
links with every other filter kept. What a search matches is the selector's business: names sealed under a
person's key cannot be searched in the database, so those lists match an exact email address by its keyed
index instead (`looks_like_email`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PAGE_SIZE = 50
MAX_SEARCH = 100


@dataclass(frozen=True)
class Listing:
    page: Page
    search: str
    # The query string without `page`, for links to the other pages (already URL-encoded).
    keep: str

    @property
    def rows(self):
        return self.page.object_list


def search_term(request) -> str:
    return " ".join(request.GET.get("q", "").split())[:MAX_SEARCH]


def looks_like_email(term: str) -> bool:
    return "@" in term and " " not in term


def keep_query(query: QueryDict) -> str:
    kept = query.copy()
    kept.pop("page", None)
    return kept.urlencode()


def listing(request, rows, *, per_page: int = PAGE_SIZE) -> Listing:
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    return Listing(page=page, search=search_term(request), keep=keep_query(request.GET))
