"""Lines that apps above the programme add to a session's page (the award names its laureate on the ceremony).

The programme sits below those apps and must not import them, so they register a provider here from their
AppConfig.ready(). A provider takes (edition, session dict as the viewer sees it) and returns a line of text or
None; it owns its own embargo (the award asks award.embargo), the programme only prints what it is given.
"""

from collections.abc import Callable

_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def notes_for(edition, session: dict) -> list[str]:
    return [note for provider in _providers if (note := provider(edition, session))]
