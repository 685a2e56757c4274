from django.db import transaction

from defdays.core import audit
from defdays.editions.models import Edition


@transaction.atomic
def make_current(edition: Edition, *, actor=None) -> Edition:
    """Exactly one current edition: the others are unset in the same transaction (the constraint backs it)."""
    Edition.objects.select_for_update().filter(is_current=True).exclude(pk=edition.pk).update(is_current=False)
    edition.is_current = True
    edition.save(update_fields=["is_current"])
    audit.record(audit.Action.EDITION_CHANGED, actor=actor, target=edition, edition=edition, change="current")
    return edition
