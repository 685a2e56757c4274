"""One way to page and search a long staff list, so every list keeps its filters across pages the same way and
no list loads a thousand rows into one page.

`listing(request, rows)` pages a queryset (or a list) and reads the search box; `core/pagination.html` draws the
links with every other filter kept. What a search matches is the selector's business: names sealed under a
person's key cannot be searched in the database, so those lists match an exact email address by its keyed
index instead (`looks_like_email`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import QueryDict

PAGE_SIZE = 50
MAX_SEARCH = 100


@dataclass(frozen=True)
class Listing:
    page: Page
    search: str
    # The query string without this list's page parameter, for links to the other pages (already URL-encoded).
    keep: str
    page_param: str = "page"

    @property
    def rows(self):
        return self.page.object_list


def search_term(request) -> str:
    return " ".join(request.GET.get("q", "").split())[:MAX_SEARCH]


def looks_like_email(term: str) -> bool:
    return "@" in term and " " not in term


def keep_query(query: QueryDict, page_param: str = "page") -> str:
    kept = query.copy()
    kept.pop(page_param, None)
    return kept.urlencode()


# A bulk action acts on at most this many rows at once (a page and more; never an unbounded POST).
MAX_SELECTED = 500


def selected_ids(request, parse=uuid.UUID) -> list:
    """The rows ticked for a bulk action (`selected`, repeated), parsed (`uuid.UUID` or `int`); a value that does
    not parse is dropped, not an error page. The selector then decides which of them this viewer may act on."""
    chosen = []
    for value in request.POST.getlist("selected")[:MAX_SELECTED]:
        try:
            parsed = parse(value)
        except (TypeError, ValueError):
            continue
        if isinstance(parsed, int) and not 0 < parsed < 2**31:
            continue
        chosen.append(parsed)
    return chosen


def listing(request, rows, *, per_page: int = PAGE_SIZE, page_param: str = "page") -> Listing:
    """One page of `rows`. Several lists on one page each get their own `page_param`."""
    page = Paginator(rows, per_page).get_page(request.GET.get(page_param))
    return Listing(
        page=page, search=search_term(request), keep=keep_query(request.GET, page_param), page_param=page_param
    )
