import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from defdays.opensession.services import create_open_session

STOCKHOLM = ZoneInfo("Europe/Stockholm")
LINK = re.compile(r"/2013/open-session/booking/([A-Za-z0-9_-]{43})/")


@pytest.fixture
def open_session(edition):
    return create_open_session(
        edition,
        title="The open session",
        description="Panel and presentations.",
        starts_at=datetime(2013, 4, 4, 13, 0, tzinfo=STOCKHOLM),
        ends_at=datetime(2013, 4, 4, 17, 0, tzinfo=STOCKHOLM),
        place="Stockholm",
        seats=2,
    )


@pytest.fixture
def sign_up(client, open_session):
    """Post the public form; with confirm=True (the default) also do what the address's owner does next: open the
    link in the confirmation email and press "confirm", so the booking takes its seat."""

    def post(email="ada@example.org", name="Ada Guest", language="en", session=None, test_client=None, confirm=True):
        before = len(mail.outbox)
        response = (test_client or client).post(
            "/2013/open-session/",
            {
                "session": session if session is not None else open_session.pk,
                "name": name,
                "email": email,
                "language": language,
            },
        )
        if confirm and len(mail.outbox) > before and CONFIRM_EMAIL in mail.outbox[-1].body:
            (test_client or client).post(
                f"/2013/open-session/booking/{token_in(mail.outbox[-1])}/", {"action": "confirm"}
            )
        return response

    return post


CONFIRM_EMAIL = "Nothing is booked yet"


def token_in(message) -> str:
    return LINK.search(message.body).group(1)


def booking_named(name):
    """The booking with this name (names are encrypted: opened one by one, as only a test would)."""
    from defdays.opensession.models import Booking

    found = [b for b in Booking.objects.select_related("data_key").filter(name_enc__isnull=False) if b.name == name]
    return found[0] if found else None
