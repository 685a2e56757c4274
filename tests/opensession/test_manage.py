"""The manage link: change the name, cancel (the waitlist moves up); a bad token is a plain 404."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from defdays.core.crypto import email_index
from defdays.opensession.models import Booking
from defdays.seats.capacity import SeatStatus
from tests.opensession.conftest import token_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_with_waitlist(sign_up):
    """Two seats taken, two people in line; returns {email: manage token}."""
    tokens = {}
    for email in ("a@example.org", "b@example.org", "c@example.org", "d@example.org"):
        sign_up(email=email, name=email.split("@")[0].upper())
        tokens[email] = token_in(mail.outbox[-1])
    mail.outbox.clear()
    return tokens


def booking(email):
    return Booking.objects.get(email_index=email_index(email))


def test_the_manage_page_shows_the_booking(client, full_with_waitlist):
    page = client.get(f"/2013/open-session/booking/{full_with_waitlist['d@example.org']}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "number 2 in line" in text and "D" in text
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]


def test_changing_the_name(client, full_with_waitlist):
    url = f"/2013/open-session/booking/{full_with_waitlist['a@example.org']}/"
    assert client.post(url, {"action": "rename", "name": "  Ada   Lovelace "}).status_code == 302
    assert booking("a@example.org").name == "Ada Lovelace"
    response = client.post(url, {"action": "rename", "name": ""})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert booking("a@example.org").name == "Ada Lovelace"


def test_cancelling_promotes_the_first_waitlisted_and_emails_them(client, full_with_waitlist):
    url = f"/2013/open-session/booking/{full_with_waitlist['a@example.org']}/"
    assert client.post(url, {"action": "cancel", "confirm": "yes"}).status_code == 302
    assert booking("a@example.org").status == SeatStatus.CANCELLED
    assert booking("c@example.org").status == SeatStatus.CONFIRMED
    assert booking("d@example.org").status == SeatStatus.WAITLISTED
    [message] = mail.outbox
    assert message.to == ["c@example.org"] and message.subject == "Your booking"
    assert "your booking is confirmed" in message.body
    assert "a@example.org" not in message.body and "A\n" not in message.body
    # The promotion email carries a fresh link; it works.
    assert client.get(f"/2013/open-session/booking/{token_in(message)}/").status_code == 200
    # Cancelling twice changes nothing more.
    client.post(url, {"action": "cancel", "confirm": "yes"})
    assert booking("d@example.org").status == SeatStatus.WAITLISTED and len(mail.outbox) == 1
    assert "Book again" in client.get(url).content.decode()


def test_the_public_form_does_not_rebook_a_cancelled_booking_but_its_link_does(client, full_with_waitlist, sign_up):
    url = f"/2013/open-session/booking/{full_with_waitlist['a@example.org']}/"
    client.post(url, {"action": "cancel", "confirm": "yes"})
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        sign_up(email="a@example.org", name="A again")
    assert booking("a@example.org").status == SeatStatus.CANCELLED and booking("a@example.org").name == "A"
    [message] = mail.outbox
    assert "You cancelled this booking" in message.body and token_in(message) == full_with_waitlist["a@example.org"]
    assert client.post(url, {"action": "confirm"}).status_code == 302
    assert booking("a@example.org").status == SeatStatus.WAITLISTED
    assert "number 2 in line" in mail.outbox[-1].body
    assert Booking.objects.count() == 4


@pytest.mark.parametrize(
    "token",
    [
        "A" * 43,  # well formed, unknown
        "short",  # wrong length
        "A" * 44,
        "A" * 42 + "!",  # outside the alphabet
    ],
)
def test_forged_or_malformed_tokens_get_the_same_neutral_404(client, full_with_waitlist, token):
    response = client.get(f"/2013/open-session/booking/{token}/")
    assert response.status_code == 404
    assert "There is nothing here, or nothing you can see." in response.content.decode()
    assert (
        client.post(f"/2013/open-session/booking/{token}/", {"action": "cancel", "confirm": "yes"}).status_code == 404
    )
    assert Booking.objects.count() == 4 and mail.outbox == []


def test_a_token_only_opens_its_own_edition(client, full_with_waitlist):
    from tests.factories import EditionFactory

    EditionFactory(year=2014)
    assert client.get(f"/2014/open-session/booking/{full_with_waitlist['a@example.org']}/").status_code == 404
