"""Badge sheets and training certificates as PDF (WeasyPrint; imported only when a PDF is built).

Nothing is fetched: the QR codes are small PNGs made here and handed to WeasyPrint from memory under made-up
URLs, the fonts are the machine's, and the fetcher refuses every other URL, so building a PDF opens no connection
and reads no file.
(PNGs rather than inline SVG: with 500 SVG codes WeasyPrint needed 1.7 times the CPU; docs/benchmarks.md.)

A print run is laid out in chunks joined with pypdf: WeasyPrint keeps every laid-out page of a document in memory
until it writes the file, so one document of all badges grows with the edition (500 badges: 214 MiB resident),
while chunks keep the peak at one chunk's pages (131 MiB) for the same CPU time.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable

import pypdf
import segno
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Role colours: strong, distinct at a glance across a hall, and readable with white text on them.
ROLE_COLOURS = {"defender": "#8a1538", "stakeholder": "#005a8c", "speaker": "#2e6b30"}
OTHER_COLOUR = "#4a4a4a"


BASE = "https://badges.invalid/"
# Badges per WeasyPrint document: a whole number of A4 sheets (eight badges each), so no sheet is split.
CHUNK = 64


class MemoryFetcher(URLFetcher):
    """Answers the images made for this PDF and nothing else."""

    def __init__(self, images: dict[str, bytes] | None = None):
        super().__init__(allowed_protocols=("https",))
        self.images = images or {}

    def fetch(self, url, headers=None):
        if url in self.images:
            return URLFetcherResponse(url, body=self.images[url], headers={"Content-Type": "image/png"})
        raise ValueError("Refused: badges and certificates fetch nothing.")


def qr_png(code: str) -> bytes:
    # A full QR code, never a Micro QR (segno picks one for short data, and phone cameras read few of them).
    out = io.BytesIO()
    segno.make(code, error="m", micro=False).save(out, kind="png", scale=1, border=2)
    return out.getvalue()


def _write(html: str, images: dict[str, bytes] | None = None) -> bytes:
    return HTML(string=html, base_url=BASE, url_fetcher=MemoryFetcher(images)).write_pdf()


def badges_pdf(edition, cards, *, layout: str, progress: Callable[[int], None] | None = None) -> bytes:
    """The badges in the order given, one PDF; `progress(n)` after each chunk, n badges laid out so far."""
    writer = pypdf.PdfWriter()
    for start in range(0, max(len(cards), 1), CHUNK):  # no cards: one empty document, as before chunks
        chunk = cards[start : start + CHUNK]
        writer.append(pypdf.PdfReader(io.BytesIO(_badges_document(edition, chunk, layout=layout))))
        if progress is not None:
            progress(start + len(chunk))
    writer.add_metadata({"/Title": str(_("Badges"))})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _badges_document(edition, cards, *, layout: str) -> bytes:
    from defdays.badges.services import spaced

    images, rows = {}, []
    for number, card in enumerate(cards):
        url = f"{BASE}qr/{number}.png"  # a position in this PDF, nothing about the person
        images[url] = qr_png(card.code)
        rows.append(
            {"card": card, "colour": ROLE_COLOURS.get(card.role, OTHER_COLOUR), "qr": url, "spaced": spaced(card.code)}
        )
    sheets = [rows[i : i + 8] for i in range(0, len(rows), 8)] if layout == "a4" else [[row] for row in rows]
    html = render_to_string(
        "badges/badges_pdf.html",
        {"edition": edition, "sheets": sheets, "layout": layout, "language": get_language() or "en"},
    )
    return _write(html, images)


def certificate_pdf(*, edition, public_name: str, session, day) -> bytes:
    html = render_to_string(
        "badges/certificate_pdf.html",
        {
            "edition": edition,
            "public_name": public_name,
            "session": session,
            "day": day,
            "language": get_language() or "en",
        },
    )
    return _write(html)
