"""Reads for the people app. Only the safety team's selectors here return hidden people."""

from defdays.accounts import visibility
from defdays.accounts.models import User
from defdays.core.roles import PARTICIPANT_ROLES


def participants_of(edition):
    """Every active participant of the edition, hidden or not: for the safety team only."""
    return (
        User.objects.filter(roles__edition=edition, roles__role__in=PARTICIPANT_ROLES, is_active=True)
        .distinct()
        .order_by("public_name", "pk")
    )


def hidden_participants(edition) -> list:
    """Hidden participants, most recently hidden first, each with `hidden_since` set."""
    hidden = visibility.hidden()
    people = list(participants_of(edition).filter(pk__in=sorted(hidden)))
    for person in people:
        person.hidden_since = hidden[person.pk].since
    return sorted(people, key=lambda person: (-person.hidden_since.timestamp(), person.pk))


def hideable_participants(edition):
    return participants_of(edition).exclude(pk__in=sorted(visibility.hidden_ids()))


def participant_for_safety(edition, user_id):
    """One participant of this edition by id, or None (also for ids of people outside the edition)."""
    if not str(user_id).isdigit():
        return None
    return participants_of(edition).filter(pk=int(user_id)).first()
