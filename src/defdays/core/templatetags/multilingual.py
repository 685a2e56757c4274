"""Template side of core.multilingual.

    {% load multilingual %}
    {% with about=edition|local:"description" %}<p{{ about.attrs }}>{{ about }}</p>{% endwith %}
    <h2>{{ session|local_inline:"title" }}</h2>

`local` gives the text with its language (for a block element that carries `attrs`); `local_inline` gives it
ready to place inside a sentence or a link, in a `<span>` with `dir="auto"` and, for fallback text, `lang`.
"""

from django import template
from django.utils.html import format_html

from defdays.core.multilingual import text_for

register = template.Library()


@register.filter
def local(source, field):
    return text_for(source, field)


@register.filter
def local_inline(source, field):
    return text_for(source, field).inline()


@register.filter
def bdi(value):
    """A name someone typed, isolated from the sentence around it: an Arabic name in an English sentence (or a
    Latin one in Arabic) keeps its own direction and does not reorder the punctuation next to it."""
    return format_html("<bdi>{}</bdi>", value)
