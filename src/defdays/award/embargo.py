"""The award's embargo: the one owner of "may the laureate of this edition be named yet?".

Every page, feed, export and email that could name or hint at the laureate, the shortlist or anything that
belongs to the announcement (the country report, a news post tied to it, the ceremony session's text) asks
`is_announced` and nothing else. The answer changes only when `announced_at` is written, inside a transaction that
bumps the cache generation, so no cached page outlives the embargo in either direction.

Apps that publish with the announcement register a callback with `on_announcement`; the announcement service
calls each inside its transaction.
"""

from collections.abc import Callable

from django.utils import timezone

from defdays.award.models import AwardCycle

_announcement_hooks: list[Callable] = []


def on_announcement(callback: Callable) -> Callable:
    """Register `callback(edition)`: called inside the announcement's transaction. Usable as a decorator."""
    _announcement_hooks.append(callback)
    return callback


def announcement_hooks() -> tuple[Callable, ...]:
    return tuple(_announcement_hooks)


def is_announced(edition) -> bool:
    """True once the laureate of `edition` has been announced (by the worker at its time, or by hand)."""
    cycle = AwardCycle.objects.filter(edition=edition).only("announced_at").first()
    return cycle is not None and cycle.announced_at is not None and cycle.announced_at <= timezone.now()
