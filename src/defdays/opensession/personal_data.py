"""What the open session holds about a person, found by their email's keyed index (bookings are not accounts)."""

from django.db import transaction

from defdays.core.crypto import DecryptionError
from defdays.opensession import selectors, services
from defdays.opensession.models import Booking

CATEGORY = "registrations"


def _bookings_of(user):
    if not user.email_index:
        return Booking.objects.none()
    return selectors.bookings_of_email_index(user.email_index).filter(purged_at__isnull=True)


def export_for(user) -> dict:
    rows = []
    for booking in _bookings_of(user):
        try:
            email = booking.email
        except DecryptionError:
            email = None
        session = booking.open_session
        rows.append(
            {
                "edition": session.edition.year,
                "session": session.title,
                "starts_at": session.starts_at.isoformat(),
                "name": booking.name,
                "email": email,
                "language": booking.language,
                "status": booking.status,
                "signed_up_at": booking.created_at.isoformat(),
            }
        )
    return {"open_session_bookings": rows}


def erase_for(user) -> None:
    """Cancel the person's bookings (the waitlist moves up), then destroy their names and emails."""
    for booking in _bookings_of(user):
        with transaction.atomic():
            services.cancel(booking)
            services.destroy_personal_data(booking)


def purge_edition(edition, *, dry_run: bool) -> dict[str, int]:
    bookings = Booking.objects.filter(open_session__edition=edition, purged_at__isnull=True).select_related("data_key")
    if dry_run:
        return {"open-session bookings": bookings.count()}
    done = 0
    with transaction.atomic():
        for booking in bookings:
            services.destroy_personal_data(booking)
            done += 1
    return {"open-session bookings": done}
