"""Sections that apps above editions add to an edition's home page (the news posts about it, later the award),
without editions importing them: each registers a function in its AppConfig.ready().

A provider takes (request, edition) and returns a `HomeSection` or None (nothing to show to this viewer). It
decides what this viewer may see through its own selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HomeSection:
    template: str  # included with `section` in its context
    context: dict = field(default_factory=dict)
    order: int = 50


_PROVIDERS: dict[str, Callable] = {}


def register(name: str, provider: Callable) -> None:
    _PROVIDERS[name] = provider


def sections_for(request, edition) -> list[HomeSection]:
    found = (provider(request, edition) for provider in _PROVIDERS.values())
    return sorted((section for section in found if section is not None), key=lambda section: section.order)
