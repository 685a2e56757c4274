"""Sections other apps add to the top of /me/, so accounts imports none of them (registration adds the status
panel per edition). A provider takes the viewer and returns (template name, context) pairs."""

from __future__ import annotations

from collections.abc import Callable

_PROVIDERS: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def sections_for(user) -> list[tuple[str, dict]]:
    return [section for provider in _PROVIDERS for section in provider(user)]
