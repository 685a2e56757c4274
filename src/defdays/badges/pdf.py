"""Badge sheets and training certificates as PDF (WeasyPrint; imported only when a PDF is built).

Everything is inline: the QR codes are SVG in the HTML and the fonts are the machine's, so building a PDF opens no
connection and reads no file (the fetcher refuses every URL).
"""

from __future__ import annotations

import segno
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# Role colours: strong, distinct at a glance across a hall, and readable with white text on them.
ROLE_COLOURS = {"defender": "#8a1538", "stakeholder": "#005a8c", "speaker": "#2e6b30"}
OTHER_COLOUR = "#4a4a4a"


class NothingFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        raise ValueError("Refused: badges and certificates fetch nothing.")


def qr_svg(code: str) -> str:
    # A full QR code, never a Micro QR (segno picks one for short data, and phone cameras read few of them).
    return segno.make(code, error="m", micro=False).svg_inline(scale=4, border=2, omitsize=True)


def _write(html: str) -> bytes:
    return HTML(string=html, base_url="https://badges.invalid/", url_fetcher=NothingFetcher()).write_pdf()


def badges_pdf(edition, cards, *, layout: str) -> bytes:
    from defdays.badges.services import spaced

    rows = [
        {
            "card": card,
            "colour": ROLE_COLOURS.get(card.role, OTHER_COLOUR),
            "qr": mark_safe(qr_svg(card.code)),  # noqa: S308 - segno's own SVG, the code is from our alphabet
            "spaced": spaced(card.code),
        }
        for card in cards
    ]
    sheets = [rows[i : i + 8] for i in range(0, len(rows), 8)] if layout == "a4" else [[row] for row in rows]
    html = render_to_string(
        "badges/badges_pdf.html",
        {"edition": edition, "sheets": sheets, "layout": layout, "language": get_language() or "en"},
    )
    return _write(html)


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
