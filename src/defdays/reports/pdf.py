"""The report as a PDF, built by WeasyPrint from the same cleaned source as the page (see `rendering`).

Imported only when a PDF is built: WeasyPrint and Pango take a second or two to load, which no page view should
pay for.
"""

from __future__ import annotations

from pathlib import Path

import pydyf
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils.translation import get_language
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from defdays.reports.rendering import LOCAL_ORIGIN, PDF_CSS, STATIC_PREFIX, pdf_body


class LocalOnlyFetcher(URLFetcher):
    """WeasyPrint's URL fetcher: this site's static files only; every other URL (another host, a file, data
    from anywhere) raises, so building a PDF never opens a connection or reads outside the static folders."""

    def fetch(self, url, headers=None):
        if url.startswith(STATIC_PREFIX):
            relative = url[len(STATIC_PREFIX) :].split("?", 1)[0].split("#", 1)[0]
            try:
                found = finders.find(relative) if ".." not in relative.split("/") else None
            except SuspiciousFileOperation:
                found = None
            if found:
                return URLFetcherResponse(url, body=Path(found).read_bytes())
        raise ValueError("Refused: the report PDF fetches nothing but this site's static files.")


def _title_only(title: str):
    def finish(document, pdf):
        for key in list(pdf.info):
            del pdf.info[key]
        pdf.info["Title"] = pydyf.String(title)

    return finish


def build_pdf(reading) -> bytes:
    """The PDF of one `selectors.Reading`: cover, table of contents, text with footnotes, page numbers."""
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "reading": reading,
            "body": pdf_body(reading.document.html),
            "headings": reading.document.headings,
            "language": get_language() or "en",
        },
    )
    fetcher = LocalOnlyFetcher(allowed_protocols=("https",))
    document = HTML(string=html, base_url=LOCAL_ORIGIN, url_fetcher=fetcher)
    stylesheet = CSS(url=STATIC_PREFIX + PDF_CSS, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], finisher=_title_only(reading.version.title))
