"""The report's two outputs from one source: the HTML page and the PDF. Both start from
`core.markdown.render_document` (already cleaned by nh3); the few changes here add known markup around it and
never let the author's text through unescaped.

The PDF is built by WeasyPrint with a URL fetcher that refuses every URL but this site's own static files, so a
link, image or stylesheet in the text cannot make the server fetch from another host (or a file outside the static
folders), and fonts come from the machine's font configuration by name (`local()`), not from any address. The
document information holds the title alone: WeasyPrint's Producer and Creator and any author are removed, since
the page shows none of them.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
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
_LOCAL_ORIGIN = "https://defdays.invalid/"
_STATIC_PREFIX = _LOCAL_ORIGIN + "static/"
_PDF_CSS = Path(__file__).with_name("report_pdf.css")

# WeasyPrint logs every layout step at INFO; a page of noise per download says nothing an operator needs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def html_body(document_html: str) -> str:
    """The page's text with its notes under a "Notes" heading (the table of contents links to it)."""
    heading = '<section class="footnotes" aria-labelledby="{0}"><h2 id="{0}">{1}</h2><ol>'.format(
        NOTES_ANCHOR, _("Notes")
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


def refuse_remote(url: str, *args, **kwargs):
    """WeasyPrint's url_fetcher: this site's static files only; everything else raises, so nothing is fetched."""
    if url.startswith(_STATIC_PREFIX):
        relative = url[len(_STATIC_PREFIX) :].split("?", 1)[0].split("#", 1)[0]
        try:
            found = finders.find(relative) if ".." not in relative.split("/") else None
        except SuspiciousFileOperation:
            found = None
        if found:
            return {"string": Path(found).read_bytes(), "mime_type": None, "redirected_url": url}
    raise ValueError("Refused: the report PDF fetches nothing but this site's static files.")


def _title_only(title: str):
    def finish(document, pdf):
        import pydyf

        for key in list(pdf.info):
            del pdf.info[key]
        pdf.info["Title"] = pydyf.String(title)

    return finish


def build_pdf(reading) -> bytes:
    """The PDF of one `selectors.Reading`: cover, table of contents, text with footnotes, page numbers."""
    from weasyprint import CSS, HTML

    html = render_to_string(
        "reports/report_pdf.html",
        {
            "reading": reading,
            "body": pdf_body(reading.document.html),
            "headings": reading.document.headings,
        },
    )
    document = HTML(string=html, base_url=_LOCAL_ORIGIN, url_fetcher=refuse_remote)
    stylesheet = CSS(string=_PDF_CSS.read_text(encoding="utf-8"), url_fetcher=refuse_remote)
    return document.write_pdf(stylesheets=[stylesheet], finisher=_title_only(reading.version.title))
