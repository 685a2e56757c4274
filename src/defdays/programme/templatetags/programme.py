from django import template

from defdays.programme.models import SessionType, SpeakerRole

register = template.Library()


@register.filter
def session_type(value):
    """The translated label of a session type stored in a snapshot."""
    try:
        return SessionType(value).label
    except ValueError:
        return value


@register.filter
def speaker_role(value):
    try:
        return SpeakerRole(value).label
    except ValueError:
        return value
