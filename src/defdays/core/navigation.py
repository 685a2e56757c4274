"""Navigation by role. Each app registers its entries in AppConfig.ready(); the base layout shows the ones
the viewer may reach, so a link never leads to a refusal.

Whether the viewer may reach a link is asked of the target view's own access rule (core.access), never restated
here: a rule changed on the view changes its link with it. `visible` only adds a condition of the entry's own
(a link to "your registration" for those who have one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, resolve, reverse

from defdays.core.access import rule_of


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    needs_edition: bool
    visible: Callable | None  # (request, edition) -> bool, asked after the target's access rule
    area: str  # "main" (the header) or "orga" (cards on the organisers' home)
    description: str


_ITEMS: list[NavItem] = []


def register(label, url_name, *, order=50, needs_edition=True, visible=None, area="main", description=""):
    if not any(item.url_name == url_name and item.area == area for item in _ITEMS):
        _ITEMS.append(NavItem(label, url_name, order, needs_edition, visible, area, description))
        _ITEMS.sort(key=lambda item: item.order)


def items_for(request, edition, area="main"):
    links = []
    for item in _ITEMS:
        if item.area != area:
            continue
        if item.needs_edition and edition is None:
            continue
        try:
            url = reverse(item.url_name, kwargs={"year": edition.year} if item.needs_edition else None)
        except NoReverseMatch:
            continue
        if not _may_open(request, url, edition):
            continue
        if item.visible is not None and not item.visible(request, edition):
            continue
        links.append({"label": item.label, "url": url, "current": request.path == url, "description": item.description})
    return links


@dataclass(frozen=True)
class _Visit:
    """The viewer as the target view's rule will see them: the rule reads the user and the edition of the URL,
    which for the header's links is the edition shown (or the current one), not always the page's own."""

    user: object
    edition: object


def _may_open(request, url, edition) -> bool:
    rule = rule_of(resolve(url).func)
    return rule is not None and rule.allows(_Visit(request.user, edition))
