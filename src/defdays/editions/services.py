from django.db import transaction

from defdays.audit import services as audit
from defdays.editions.models import Edition
from defdays.editions.selectors import forget_cached_editions


@transaction.atomic
def make_current(edition: Edition, *, actor=None) -> Edition:
    """Exactly one current edition: the others are unset in the same transaction (the constraint backs it)."""
    Edition.objects.select_for_update().filter(is_current=True).exclude(pk=edition.pk).update(is_current=False)
    edition.is_current = True
    edition.save(update_fields=["is_current"])
    # The bulk update above sends no signal (the save does, but say it here too: the rule is this function's).
    forget_cached_editions()
    audit.record(audit.Action.EDITION_CHANGED, actor=actor, target=edition, edition=edition, change="current")
    return edition


def save_edition(form, *, actor) -> Edition:
    """Create or update an edition from a valid EditionForm; the creator of a new edition becomes its organiser."""
    from defdays.core.roles import RoleName
    from defdays.accounts.services import grant_role

    with transaction.atomic():
        creating = form.instance.pk is None
        edition = form.save()
        audit.record(audit.Action.EDITION_CHANGED, actor=actor, target=edition, edition=edition,
                     change="created" if creating else "details", fields=sorted(form.changed_data))
        if creating:
            grant_role(actor, edition, RoleName.ORGANISER, actor=actor)
    return edition
