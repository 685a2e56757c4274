"""Reads of the audit log: what an edition's organisers may see of it."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from defdays.audit.models import AuditEvent
from defdays.audit.services import Action

# Who asked to be hidden is the safety team's business: their page shows it, this log does not.
SAFETY_ONLY_ACTIONS = (Action.HIDDEN, Action.UNHIDDEN)


def events_for_edition(edition, filters):
    """The edition's events, plus account events (sign-ins, 2FA) of people who hold a role in this edition.
    Roles are per edition: another edition's participants are none of this edition's organisers' business."""
    # Through the user model's `roles`, not accounts.models.Role: accounts writes the audit log, so the audit
    # app sits below it and cannot import it.
    people_here = get_user_model().objects.filter(roles__edition=edition).values("pk")
    events = (
        AuditEvent.objects.filter(Q(edition=edition) | Q(edition__isnull=True, actor_id__in=people_here))
        .exclude(action__in=SAFETY_ONLY_ACTIONS)
        .select_related("actor")
    )
    if filters.get("actor"):
        events = events.filter(actor_id=filters["actor"])
    if filters.get("action"):
        events = events.filter(action__startswith=filters["action"])
    if filters.get("since"):
        events = events.filter(at__date__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(at__date__lte=filters["until"])
    return events
