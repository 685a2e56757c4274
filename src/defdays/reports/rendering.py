"""The report's two outputs from one source: the HTML page and the PDF (`reports.pdf`). Both start from
`core.markdown.render_document` (already cleaned by nh3); the changes here move or wrap that cleaned markup and
add only fixed markup of our own, never anything of the author's unescaped.

The PDF is built by WeasyPrint with a URL fetcher that refuses every URL but this site's own static files, so a
link, image or stylesheet in the text cannot make the server fetch from another host (or a file outside the static
folders), and fonts come from the machine's font configuration by name (`local()`), not from any address. The
document information holds the title alone: WeasyPrint's Producer and Creator and any author are removed, since
the page shows none of them.
"""

from __future__ import annotations

import logging
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# What markdown-it's footnote plugin writes, as it comes out of nh3 (classes dropped, ids kept).
_NOTES_SECTION = re.compile(r'(?:<hr>\s*)?<section class="footnotes">\s*<ol>(.*?)</ol>\s*</section>', re.S)
_NOTE = re.compile(r'<li id="fn(\d+)">(.*?)</li>', re.S)
_BACKREF = re.compile(r'\s*<a href="#fnref\d+(?::\d+)?"[^>]*>↩︎</a>')
_REF = re.compile(r'<sup><a href="#fn(\d+)" id="fnref\d+(?::\d+)?"[^>]*>\[\d+\]</a></sup>')
NOTES_ANCHOR = "notes"

# The site's pseudo-origin inside WeasyPrint: relative URLs ("/static/...") resolve against it, and the fetcher
# below serves only that origin's static files.
LOCAL_ORIGIN = "https://defdays.invalid/"
STATIC_PREFIX = LOCAL_ORIGIN + "static/"
PDF_CSS = "reports/report_pdf.css"  # a static file, found like the ones the fetcher serves

# WeasyPrint logs every layout step at INFO; a page of noise per download says nothing an operator needs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_body(document_html: str) -> str:
    """The page's text with its notes under a "Notes" heading (the table of contents links to it)."""
    heading = '<section class="footnotes" aria-labelledby="{0}"><h2 id="{0}">{1}</h2><ol>'.format(
        NOTES_ANCHOR, escape(_("Notes"))
    )
    return mark_safe(_NOTES_SECTION.sub(lambda m: heading + m.group(1) + "</ol></section>", str(document_html)))  # noqa: S308


def has_notes(document_html: str) -> bool:
    return _NOTES_SECTION.search(str(document_html)) is not None


def pdf_body(document_html: str) -> str:
    """The text with each note moved to its first reference as a CSS footnote (`float: footnote`), so WeasyPrint
    prints it at the foot of the page where it is cited, numbered in order."""
    html = str(document_html)
    section = _NOTES_SECTION.search(html)
    if section is None:
        return mark_safe(html)  # noqa: S308 - cleaned by core.markdown
    notes = {}
    for number, content in _NOTE.findall(section.group(1)):
        content = _BACKREF.sub("", content).strip()
        content = re.sub(r"</p>\s*<p>", "<br>", content)
        notes[number] = re.sub(r"^<p>|</p>$", "", content.strip())
    html = html[: section.start()] + html[section.end() :]
    placed = set()

    def place(match):
        number = match.group(1)
        if number in placed or number not in notes:
            return f'<sup class="note-again">{number}</sup>'
        placed.add(number)
        return f'<span class="footnote">{notes[number]}</span>'

    return mark_safe(_REF.sub(place, html))  # noqa: S308 - notes and text both come cleaned from core.markdown
