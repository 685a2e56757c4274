"""The organisers' CSV of bookings; core.spreadsheets escapes what a spreadsheet would run as a formula."""

from defdays.core.spreadsheets import csv_text


def bookings_csv(bookings, time_zone) -> str:
    return csv_text(
        ["name", "email", "status", "language", "signed up"],
        (
            (
                booking.name,
                booking.email,
                booking.status,
                booking.language,
                booking.created_at.astimezone(time_zone).strftime("%Y-%m-%d %H:%M"),
            )
            for booking in bookings
        ),
    )
