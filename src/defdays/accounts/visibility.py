"""Person visibility: the one owner of "may this person appear in a list" — not hidden ("hide me"), not erased.

Every selector, export, form and query that lists people asks here (`listed`, `listed_q`, `unlisted_q`,
`is_listed`); only the safety team's selectors (people.selectors) look past it, and they too read who is hidden
from here.

Who is hidden is sealed. A timestamp column per person would tell anyone holding a copy of the database exactly
who is hiding, the people most at risk. So HiddenPeople keeps one row: {user id: since, by whom} as JSON, padded
with spaces to a multiple of PAD bytes, encrypted under its own data key (wrapped by the key-encryption keys and
rewrapped with them by `rotate_keys`, core.crypto). A dump shows one ciphertext whose length says at most how
many people are hidden to the nearest bucket of about ninety.

Reading: the set is opened at most once per generation per process (core.generation, read once per request) and
kept only in that process's memory, never in the Django cache (a shared cache is not encrypted). Writing: a hide
or show again rewrites the row under its row lock and bumps the generation in the same transaction, so the very
next request of every process filters with the new set and every cached page made under the old one is retired.
Erased people are inactive accounts: `is_active` is the erasure half of the rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from defdays.core import generation

PAD = 4096


@dataclass(frozen=True)
class Hidden:
    since: datetime
    by: str  # "self" or "safety"


# (generation, {user id: Hidden}, frozenset of ids): this process's opened copy of the current set.
_opened: tuple[str, dict[int, Hidden], frozenset[int]] | None = None


def _row(*, lock: bool = False):
    from defdays.accounts.models import HiddenPeople
    from defdays.core.models import DataKey

    rows = HiddenPeople.objects.select_related("data_key")
    if lock:
        rows = rows.select_for_update()
    row = rows.filter(pk=1).first()
    if row is None and lock:  # the migration creates it; only a flushed test database lacks it
        HiddenPeople.objects.get_or_create(pk=1, defaults={"data_key": DataKey.create()})
        row = rows.get(pk=1)
    return row


def _decode(row) -> dict[int, Hidden]:
    if row is None or row.members_enc is None:
        return {}
    return {
        int(pk): Hidden(datetime.fromisoformat(entry["since"]), entry["by"])
        for pk, entry in json.loads(row.members).items()
    }


def _encode(entries: dict[int, Hidden]) -> str:
    text = json.dumps(
        {str(pk): {"since": entry.since.isoformat(), "by": entry.by} for pk, entry in sorted(entries.items())},
        separators=(",", ":"),
    )
    return text.ljust(max(PAD, -(-len(text) // PAD) * PAD))  # whole buckets: the length tells little


def hidden() -> dict[int, Hidden]:
    """{user id: Hidden} for everyone hidden now. Read-only for callers."""
    global _opened
    current = generation.current()
    opened = _opened
    if opened is None or opened[0] != current:
        entries = _decode(_row())
        opened = _opened = (current, entries, frozenset(entries))
    return opened[1]


def hidden_ids() -> frozenset[int]:
    hidden()
    return _opened[2]


def is_hidden(user) -> bool:
    return user.pk in hidden_ids()


def hidden_since(user) -> datetime | None:
    entry = hidden().get(user.pk)
    return entry.since if entry else None


def is_listed(user) -> bool:
    """Not hidden, not erased: may appear in lists, badges, exports, the directory and the programme."""
    return bool(user.is_active) and not is_hidden(user)


def listed_q(field: str = "") -> Q:
    """The rule as a Q on users (field "") or on rows that point to a user (field "user", "speaker__user", ...)."""
    prefix = f"{field}__" if field else ""
    rule = Q(**{f"{prefix}is_active": True})
    ids = hidden_ids()
    return rule & ~Q(**{f"{prefix}pk__in": sorted(ids)}) if ids else rule


def unlisted_q(field: str = "") -> Q:
    """Hidden or erased."""
    prefix = f"{field}__" if field else ""
    rule = Q(**{f"{prefix}is_active": False})
    ids = hidden_ids()
    return rule | Q(**{f"{prefix}pk__in": sorted(ids)}) if ids else rule


def listed(queryset, field: str = ""):
    return queryset.filter(listed_q(field))


def set_hidden(user_id: int, hide: bool, *, by: str) -> bool:
    """Hide a person (or show them again). Only people.services calls this, inside its transaction; it locks the
    row, so two changes at once cannot both start from the same old set and lose one of them."""
    row = _row(lock=True)
    entries = _decode(row)
    if hide == (user_id in entries):
        return False
    if hide:
        entries[user_id] = Hidden(timezone.now(), by)
    else:
        del entries[user_id]
    row.members = _encode(entries)
    row.save(update_fields=["members_enc"])
    generation.bump()
    return True
