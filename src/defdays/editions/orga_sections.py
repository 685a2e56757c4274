"""Sections other apps add to the top of the organisers' home (/orga/<year>/), so editions imports none of them:
the dashboard app adds the state of the edition. A provider takes the request (its user and edition) and returns
(template name, context) pairs; it decides itself who may see its section (the home is open to every staff role)."""

from __future__ import annotations

from collections.abc import Callable

_PROVIDERS: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def sections_for(request) -> list[tuple[str, dict]]:
    return [section for provider in _PROVIDERS for section in provider(request)]
