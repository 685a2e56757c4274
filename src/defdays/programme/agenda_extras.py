"""Appointments that apps above the programme add to a person's agenda and private calendar feed (networking adds
accepted meetings), so the programme imports none of them.

A provider registered from an AppConfig.ready() takes (user, edition) and returns `Appointment`s the user may
see; it owns that rule. `title` shows on the agenda page, which only its owner reads once signed in;
`calendar_title` and `calendar_location` go into the feed, which calendar apps copy to their servers, so a
provider keeps other people's names out of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Appointment:
    uid: str  # stable across fetches, so a calendar app updates the event instead of adding another
    start: datetime
    end: datetime
    title: str
    location: str
    url: str  # a path on this site
    calendar_title: str
    calendar_location: str
    changed_at: datetime


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def appointments_for(user, edition) -> list[Appointment]:
    found = [item for provider in _providers for item in provider(user, edition)]
    return sorted(found, key=lambda item: (item.start, item.uid))
