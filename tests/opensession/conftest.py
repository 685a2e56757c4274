import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from defdays.opensession.services import create_open_session

STOCKHOLM = ZoneInfo("Europe/Stockholm")
LINK = re.compile(r"/2013/open-session/booking/([A-Za-z0-9_-]{43})/")


@pytest.fixture
def open_session(edition):
    return create_open_session(
        edition, title="The open session", description="Panel and presentations.",
        starts_at=datetime(2013, 4, 4, 13, 0, tzinfo=STOCKHOLM), ends_at=datetime(2013, 4, 4, 17, 0, tzinfo=STOCKHOLM),
        place="Stockholm", seats=2,
    )


@pytest.fixture
def sign_up(client, open_session):
    def post(email="ada@example.org", name="Ada Guest", language="en", session=None, test_client=None):
        return (test_client or client).post("/2013/open-session/", {
            "session": session if session is not None else open_session.pk,
            "name": name, "email": email, "language": language,
        })

    return post


def token_in(message) -> str:
    return LINK.search(message.body).group(1)


def booking_named(name):
    """The booking with this name (names are encrypted: opened one by one, as only a test would)."""
    from defdays.opensession.models import Booking

    found = [b for b in Booking.objects.select_related("data_key").filter(name_enc__isnull=False) if b.name == name]
    return found[0] if found else None
