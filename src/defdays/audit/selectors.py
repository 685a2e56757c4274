"""Reads of the audit log: what an edition's organisers may see of it."""

from django.contrib.auth import get_user_model
from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from defdays.audit.models import AuditEvent
from defdays.audit.services import Action

# Who asked to be hidden is the safety team's business: their page shows it, this log does not.
# Who blocked or reported whom likewise (an organiser reading it could tell the reported person who it was), and
# that incident reports exist, are read or move: the safety team's.
SAFETY_ONLY_ACTIONS = (
    Action.HIDDEN,
    Action.UNHIDDEN,
    Action.PERSON_BLOCKED,
    Action.PERSON_UNBLOCKED,
    Action.PERSON_REPORTED,
    Action.PERSON_REPORTS_READ,
    Action.INCIDENT_REPORTED,
    Action.INCIDENT_READ,
    Action.INCIDENT_CHANGED,
)


def events_for_edition(edition, filters):
    """The edition's events, plus account events (sign-ins, 2FA) of people who hold a role in this edition.
    Roles are per edition: another edition's participants are none of this edition's organisers' business."""
    # Through the user model's `roles`, not accounts.models.Role: accounts writes the audit log, so the audit
    # app sits below it and cannot import it.
    users = get_user_model()
    people_here = users.objects.filter(roles__edition=edition).values("pk")
    # A hidden or erased person's own events are left out whole, not shown with a blank or "not shown" actor:
    # an organiser who granted them a role by email knows their number, and any marker (or a run of anonymous
    # sign-ins) would tell them that this person hid and, from then on, when they sign in. Leaving the events
    # out looks exactly like a person who does nothing. The safety team reads hidden people on its own pages.
    listed_people = users.objects.listed().values("pk")
    # Events done to them (a role granted, a password reset asked for) stay, as they are the actor's doing, but
    # without the target's number. Blanked on the way out only: the stored event is the safety team's record.
    unlisted_numbers = users.objects.unlisted().annotate(number=Cast("pk", CharField())).values("number")
    events = (
        AuditEvent.objects.filter(Q(edition=edition) | Q(edition__isnull=True, actor_id__in=people_here))
        .filter(Q(actor__isnull=True) | Q(actor_id__in=listed_people))
        .exclude(action__in=SAFETY_ONLY_ACTIONS)
        .annotate(
            shown_target_id=Case(
                When(
                    target_type=users._meta.label_lower,
                    target_id__in=unlisted_numbers,
                    then=Value(""),
                ),
                default=F("target_id"),
                output_field=CharField(),
            )
        )
        .select_related("actor")
    )
    if filters.get("who"):
        events = events.filter(actor__public_name__icontains=filters["who"])
    if filters.get("action"):
        events = events.filter(action=filters["action"])
    if filters.get("since"):
        events = events.filter(at__date__gte=filters["since"])
    if filters.get("until"):
        events = events.filter(at__date__lte=filters["until"])
    return events


def describe(events) -> list:
    """Readable names for one page of events: the action, the actor's roles, and the target, a listed person by
    their public name (one query for the page), anything else by its kind and number."""
    from defdays.audit.labels import action_label, kind_label, roles_label

    events = list(events)
    users = get_user_model()
    person_type = users._meta.label_lower
    person_ids = {e.shown_target_id for e in events if e.target_type == person_type and e.shown_target_id}
    names = dict(
        users.objects.listed()
        .filter(pk__in=[int(pk) for pk in person_ids if pk.isdigit()])
        .values_list("pk", "public_name")
    )
    for event in events:
        event.action_label = action_label(event.action)
        event.roles_label = roles_label(event.actor_roles)
        if event.target_type == person_type:
            number = event.shown_target_id
            event.target_label = names.get(int(number), "") if number.isdigit() else ""
            event.target_label = event.target_label or str(_("a person"))
        elif event.target_type:
            event.target_label = f"{kind_label(event.target_type)} {event.shown_target_id}".strip()
        else:
            event.target_label = ""
    return events
