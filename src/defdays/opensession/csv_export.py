"""The organisers' CSV of bookings. Cells that a spreadsheet would read as a formula are escaped."""

import csv
import io

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def bookings_csv(bookings, time_zone) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "email", "status", "language", "signed up"])
    for booking in bookings:
        writer.writerow([safe_cell(cell) for cell in (
            booking.name, booking.email, booking.status, booking.language,
            booking.created_at.astimezone(time_zone).strftime("%Y-%m-%d %H:%M"),
        )])
    return out.getvalue()
