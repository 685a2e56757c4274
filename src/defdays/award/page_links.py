"""Links other apps add to the public award page once the laureate is named (the country report). The award sits
below them in the layers, so they register here instead of being imported."""

from collections.abc import Callable

_providers: list[Callable] = []


def register(provider: Callable) -> None:
    """`provider(edition) -> [(label, url)]`: asked only after the announcement, for every viewer alike."""
    if provider not in _providers:  # ready() may run more than once (tests, the demo's reset)
        _providers.append(provider)


def links_for(edition) -> list[tuple[str, str]]:
    return [link for provider in _providers for link in provider(edition)]
