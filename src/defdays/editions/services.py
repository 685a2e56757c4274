from django.db import transaction

from defdays.audit import services as audit
from defdays.editions.models import Edition, EditionStatus
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


def save_edition(edition: Edition | None, *, fields: dict, actor) -> Edition:
    """Create (edition None) or update an edition with checked field values; the creator of a new edition becomes
    its organiser. The audit event names the fields that changed, compared with the row as it is in the database
    (locked), not with what the caller holds."""
    from defdays.accounts.services import grant_role
    from defdays.core.roles import RoleName

    with transaction.atomic():
        creating = edition is None
        edition = Edition() if creating else Edition.objects.select_for_update().get(pk=edition.pk)
        changed = sorted(name for name, value in fields.items() if getattr(edition, name) != value)
        for name, value in fields.items():
            setattr(edition, name, value)
        edition.full_clean()
        edition.save()
        audit.record(
            audit.Action.EDITION_CHANGED,
            actor=actor,
            target=edition,
            edition=edition,
            change="created" if creating else "details",
            fields=changed,
        )
        if creating:
            grant_role(actor, edition, RoleName.ORGANISER, actor=actor)
    return edition


# The edition's own fields a new year takes over as they are: texts, place, organiser and the contact person.
CARRIED_FIELDS = (
    "city",
    "venue",
    "time_zone",
    "organiser_name",
    "description",
    "aims",
    "closed_part_info",
    "open_session_info",
    "invitation_info",
    "contact_name",
    "contact_email",
)


def new_edition_from(source: Edition, *, fields: dict, actor) -> Edition:
    """A new draft edition from `source`: its own year, title, slug and dates from `fields`, the rest of its
    details and every registered setting (editions.carry_over) from `source`. Never people: the creator becomes
    the new edition's only organiser, and nothing of the source's participants comes along."""
    from defdays.editions import carry_over

    with transaction.atomic():
        copied = {name: getattr(source, name) for name in CARRIED_FIELDS}
        edition = save_edition(None, fields={**copied, **fields, "status": EditionStatus.DRAFT}, actor=actor)
        names = []
        for name, copier in carry_over.copiers():
            copier(source, edition)
            names.append(name)
        audit.record(
            audit.Action.EDITION_CHANGED,
            actor=actor,
            target=edition,
            edition=edition,
            change="copied",
            source=source.year,
            parts=names,
        )
    return edition
