"""Erasures replayed on a restored backup (core.backups explains why and where the list of live keys comes from)."""

from __future__ import annotations

from django.db import transaction

from defdays.accounts.models import User
from defdays.core.models import DataKey
from defdays.people import services


def replay_erasures(*, keep_key_ids: set[str]) -> tuple[int, int]:
    """Erase every person whose data key is not in `keep_key_ids` (they were erased or purged after the backup),
    then destroy every other such key. Returns (people erased, other keys destroyed)."""
    doomed = DataKey.objects.filter(shredded_at__isnull=True).exclude(id__in=keep_key_ids)
    erased = 0
    for user in User.objects.filter(data_key__in=doomed).iterator():
        # The full erasure, not only the key: the public name, roles, devices and every app's rows go as well.
        if services.erase(user) is not None:
            erased += 1
    with transaction.atomic():
        shredded = 0
        for key in doomed.select_for_update():
            key.shred()
            shredded += 1
    return erased, shredded
