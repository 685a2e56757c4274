"""Navigation by role. Each app registers its entries in AppConfig.ready(); the base layout shows the ones
the viewer may reach, so a link never leads to a refusal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    order: int
    needs_edition: bool
    visible: Callable  # (request, edition) -> bool
    area: str  # "main" (the header) or "orga" (cards on the organisers' home)
    description: str


_ITEMS: list[NavItem] = []


def register(label, url_name, *, order=50, needs_edition=True, visible=lambda request, edition: True,
             area="main", description=""):
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
        if not item.visible(request, edition):
            continue
        try:
            url = reverse(item.url_name, kwargs={"year": edition.year} if item.needs_edition else None)
        except NoReverseMatch:
            continue
        links.append({"label": item.label, "url": url, "current": request.path == url,
                      "description": item.description})
    return links
