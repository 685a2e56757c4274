"""How core finds an edition without importing the editions app: editions registers its selectors here.

core sits below every domain app (docs/architecture.md, enforced by import-linter), yet the access middleware must
put the edition of a `/<year>/` URL on the request, and the base layout and robots.txt need the current and the
published editions. The editions app registers the functions that answer these in its `ready()`; until it has,
every lookup raises, so a project without the editions app fails loudly instead of serving drafts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class EditionLookup:
    # (year, viewer) -> the edition that viewer may see under that year, or None (the middleware answers 404).
    for_viewer: Callable
    # () -> the edition `/` shows, or None.
    current: Callable
    # () -> the years an anonymous visitor may see (robots.txt lists only those).
    public_years: Callable[[], Iterable[int]]


_lookup: EditionLookup | None = None


def register(lookup: EditionLookup) -> None:
    global _lookup
    _lookup = lookup


def _registered() -> EditionLookup:
    if _lookup is None:
        raise ImproperlyConfigured("No edition lookup registered: is defdays.editions in INSTALLED_APPS?")
    return _lookup


def edition_for_viewer(year, viewer):
    return _registered().for_viewer(year, viewer)


def current_edition():
    return _registered().current()


def public_years():
    return _registered().public_years()
