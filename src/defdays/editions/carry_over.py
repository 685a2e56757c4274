"""What a new edition takes over from an earlier one. The editions app sits below the apps that own rooms, tracks,
the open session and the registration rules, so each of them registers its own copier here (in AppConfig.ready);
editions.services.new_edition_from runs them all in one transaction.

Only settings are ever copied: a copier must not carry a person, an invitation, a registration, a booking or a
session into the new year. The test of the new edition checks this for every copier registered.
"""

from __future__ import annotations

from collections.abc import Callable

# name -> copier(source edition, target edition); run in registration order.
_COPIERS: dict[str, Callable] = {}


def register(name: str, copier: Callable) -> None:
    _COPIERS.setdefault(name, copier)


def copiers() -> list[tuple[str, Callable]]:
    return list(_COPIERS.items())
