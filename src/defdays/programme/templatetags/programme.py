from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

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


@register.filter
def item_at(sequence, index):
    """sequence[index] in a template: the room heading of a grid cell, so a phone can print it beside the cell."""
    try:
        return sequence[index]
    except (IndexError, TypeError, KeyError):
        return None


@register.simple_tag
def content_lang():
    """` lang="en"` on what organisers wrote (titles, abstracts) when the page is in another language, so a screen
    reader reads an English title on a Swedish page with an English voice. The programme is written in the site's
    first language (LANGUAGE_CODE); the cached fragments are keyed by language, so this is safe to cache."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return "" if current == settings.LANGUAGE_CODE else format_html(' lang="{}"', settings.LANGUAGE_CODE)
