from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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
    """` lang="en"` on what was written in English only (speaker bios, the titles in the changelog; titles and
    abstracts that can be translated use core.multilingual) when the page is in another language, so a screen
    reader reads an English title on a Swedish page with an English voice. The programme is written in the site's
    first language (LANGUAGE_CODE); the cached fragments are keyed by language, so this is safe to cache."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if current == settings.LANGUAGE_CODE:
        return mark_safe(' dir="auto"')
    return format_html(' lang="{}" dir="auto"', settings.LANGUAGE_CODE)
