"""The letter as a PDF (WeasyPrint), in English for the embassy. Imported only when a letter is built.

What it says is fixed here and shown to the participant before they ask (`letter_text`): the organisation, a
neutral line about the event, the holder's own details, the signatory. Nothing about other participants or the
closed programme can reach it: the template receives the one LetterRequest and the edition, nothing else.
"""

from __future__ import annotations

from datetime import date

import pydyf
import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class NothingFetcher(URLFetcher):
    """Everything the letter shows is inside its HTML (the QR code as inline SVG): building it opens nothing."""

    def fetch(self, url, headers=None):
        raise ValueError("Refused: a visa letter fetches nothing.")


def signatory(edition) -> tuple[str, str]:
    return settings.DEFDAYS_VISA_SIGNATORY_NAME or edition.contact_name, settings.DEFDAYS_VISA_SIGNATORY_TITLE


def _no_metadata(document, pdf):
    for key in list(pdf.info):
        del pdf.info[key]
    pdf.info["Title"] = pydyf.String("Letter of invitation")


def build_letter(letter, *, verify_url: str) -> bytes:
    edition = letter.edition
    name, title = signatory(edition)
    qr = segno.make(verify_url, error="m").svg_inline(scale=3, border=2)
    with translation.override("en"):
        html = render_to_string(
            "visas/letter_pdf.html",
            {
                "edition": edition,
                "letter": letter,
                "issued_on": letter.issued_at.astimezone(edition.tz).date(),
                "birth_date": date.fromisoformat(letter.birth_date),
                "stay_from": date.fromisoformat(letter.stay_from),
                "stay_to": date.fromisoformat(letter.stay_to),
                "signatory_name": name,
                "signatory_title": title,
                "qr": qr,
                "verify_url": verify_url,
            },
        )
    document = HTML(string=html, base_url="https://letter.invalid/", url_fetcher=NothingFetcher())
    return document.write_pdf(finisher=_no_metadata)
