"""The public sign-up: a seat or the waitlist, an email with the manage link, and nothing that tells who booked."""

import re

import pytest
import time_machine
from django.core import mail
from django.db import connection

from defdays.core.crypto import email_index
from defdays.editions.models import EditionStatus
from defdays.opensession.models import PENDING, Booking
from defdays.seats.capacity import SeatStatus, counts
from tests.opensession.conftest import token_in

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_what_when_where_and_how_full(client, open_session):
    response = client.get("/2013/open-session/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The open session" in page and "Stockholm" in page
    assert "13:00" in page and "17:00" in page  # local time, stored as 11:00 UTC
    assert "Few places left" in page and "seats left" not in page
    assert 'name="email"' in page and 'name="csrfmiddlewaretoken"' in page


def test_the_public_sees_a_band_that_changes_at_thresholds_not_at_each_seat(client, edition):
    from defdays.opensession.services import create_open_session
    from defdays.seats import capacity
    from tests.opensession.conftest import STOCKHOLM, datetime

    session = create_open_session(
        edition,
        title="Big",
        description="",
        place="Stockholm",
        seats=100,
        starts_at=datetime(2013, 4, 4, 9, tzinfo=STOCKHOLM),
        ends_at=datetime(2013, 4, 4, 10, tzinfo=STOCKHOLM),
    )

    def seats_shown():
        return re.search(
            r"<dt>Seats</dt>\s*<dd>(.*?)</dd>", client.get("/2013/open-session/").content.decode(), re.S
        ).group(1)

    seen = {}
    for taken in range(100):
        seen.setdefault(seats_shown(), taken)
        capacity.claim(session.capacity_id, f"test:{taken}")
    seen.setdefault(seats_shown(), 100)
    # 100 seats: "few" from 10 left, "full" at 0; nothing in between shows a number.
    assert seen == {"Places available": 0, "Few places left": 90, "<strong>Full: join the waitlist</strong>": 100}


def test_a_draft_edition_has_no_public_open_session(client, open_session):
    open_session.edition.status = EditionStatus.DRAFT
    open_session.edition.save()
    assert client.get("/2013/open-session/").status_code == 404


def test_sign_up_emails_a_link_and_the_seat_is_taken_only_when_the_owner_confirms(client, open_session, sign_up):
    response = sign_up(confirm=False)
    assert response.status_code == 302 and response["Location"] == "/2013/open-session/thanks/"
    booking = Booking.objects.get()
    assert booking.name == "Ada Guest" and booking.email == "ada@example.org"
    assert booking.status == PENDING and counts(open_session.capacity).confirmed == 0
    [message] = mail.outbox
    assert message.to == ["ada@example.org"] and not message.cc and not message.bcc
    assert message.subject == "Your booking"
    assert "Nothing is booked yet" in message.body and "13:00" in message.body
    token = token_in(message)
    assert token not in str(Booking.objects.values_list().get())  # only its hash and a sealed copy are stored
    url = f"/2013/open-session/booking/{token}/"
    page = client.get(url)  # opening the link (or a mail scanner fetching it) books nothing
    assert page.status_code == 200 and "Confirm my booking" in page.content.decode()
    assert Booking.objects.get().status == PENDING
    assert client.post(url, {"action": "confirm"}).status_code == 302
    assert Booking.objects.get().status == SeatStatus.CONFIRMED
    booked = mail.outbox[-1]
    assert booked.to == ["ada@example.org"] and "is booked" in booked.body and token_in(booked) == token
    client.post(url, {"action": "confirm"})  # a second press changes nothing
    assert counts(open_session.capacity).confirmed == 1 and len(mail.outbox) == 2


def test_the_email_is_stored_encrypted(open_session, sign_up):
    sign_up(email="canary-7d1f@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM opensession_booking")
        rows = cursor.fetchall()
    assert "canary-7d1f" not in repr(rows)


def test_the_email_is_in_the_language_chosen(open_session, sign_up):
    sign_up(language="sv", confirm=False)
    assert Booking.objects.get().language == "sv"
    assert len(mail.outbox) == 1


def test_when_full_people_join_the_waitlist_and_the_email_gives_their_place(client, open_session, sign_up):
    sign_up(email="a@example.org")
    sign_up(email="b@example.org")
    assert "Full: join the waitlist" in client.get("/2013/open-session/").content.decode()
    sign_up(email="c@example.org")
    response = sign_up(email="d@example.org")
    assert response.status_code == 302
    assert Booking.objects.get(email_index=email_index("d@example.org")).status == SeatStatus.WAITLISTED
    assert "on the waitlist, number 2 in line" in mail.outbox[-1].body
    c = counts(open_session.capacity)
    assert (c.confirmed, c.waitlisted) == (2, 2)


def _public_view(client) -> str:
    """The public page as a stranger sees it, minus the per-request CSRF token."""
    page = client.get("/2013/open-session/").content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


@pytest.mark.parametrize("seats_before", [0, 1])  # a seat still free after the booking, and none
def test_a_probe_with_a_booked_address_looks_exactly_like_one_with_a_new_address(
    client, open_session, sign_up, seats_before
):
    from django.test import Client

    for n in range(seats_before):
        sign_up(email=f"early{n}@example.org")
    sign_up(email="booked@example.org")
    stranger = Client()
    before = _public_view(stranger)
    answers = []
    for email in ("booked@example.org", "new@example.org"):
        response = sign_up(email=email, name="Probe", test_client=stranger, confirm=False)
        answers.append((response.status_code, response["Location"], stranger.get(response["Location"]).content))
        assert _public_view(stranger) == before  # nothing the public sees moves, for either address
    assert answers[0] == answers[1]


def test_the_same_email_twice_keeps_the_booking_and_its_link_and_sends_a_neutral_email(client, open_session, sign_up):
    with time_machine.travel("2026-01-01 10:00Z", tick=False):
        sign_up(email="ada@example.org")
    token = token_in(mail.outbox[-1])
    booking = Booking.objects.get()
    kept = (booking.name, booking.language, booking.token_hash, booking.seat.status, booking.seat.queued_at)
    mail.outbox.clear()
    with time_machine.travel("2026-01-01 10:30Z", tick=False):
        sign_up(email=" ADA@example.org ", name="Someone Else", language="sv")
    booking = Booking.objects.get()
    assert (booking.name, booking.language, booking.token_hash, booking.seat.status, booking.seat.queued_at) == kept
    [message] = mail.outbox
    assert message.to == ["ada@example.org"] and message.subject == "Your booking"
    assert "You, or someone else, asked again" in message.body and "your booking stands" in message.body
    assert "Hello Ada Guest" in message.body and "Someone Else" not in message.body
    assert token_in(message) == token  # the same link, repeated: nothing is revoked
    assert client.get(f"/2013/open-session/booking/{token}/").status_code == 200
    assert counts(open_session.capacity).confirmed == 1


def test_asking_again_within_minutes_sends_no_second_email(open_session, sign_up):
    sign_up(confirm=False)
    sign_up(confirm=False)
    sign_up(confirm=False)
    assert Booking.objects.count() == 1 and len(mail.outbox) == 1
    assert counts(open_session.capacity).confirmed == 0


def test_a_pending_booking_asked_again_gets_its_same_confirmation_link(client, open_session, sign_up):
    with time_machine.travel("2026-01-01 10:00Z", tick=False):
        sign_up(confirm=False)
    with time_machine.travel("2026-01-01 11:00Z", tick=False):
        sign_up(name="Other", confirm=False)
    first, again = mail.outbox
    assert token_in(first) == token_in(again) and "not confirmed yet" in again.body
    assert Booking.objects.get().status == PENDING


def test_organisers_see_no_pending_booking(client_as, open_session, sign_up):
    sign_up(email="typed-by-someone@example.org", name="Unconfirmed", confirm=False)
    page = client_as("organiser").get("/orga/2013/open-session/").content.decode()
    assert "Unconfirmed" not in page


@pytest.mark.parametrize(
    "data, error",
    [
        ({"name": "", "email": "ada@example.org"}, "This field is required"),
        ({"name": "   ", "email": "ada@example.org"}, "This field is required"),
        ({"name": "Ada", "email": "not-an-email"}, "Enter a valid email address"),
        ({"name": "Ada", "email": "ada@example.org", "language": "xx"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, open_session, data, error):
    post = {"session": open_session.pk, "language": "en", **data}
    response = client.post("/2013/open-session/", post)
    assert response.status_code == 400
    page = response.content.decode()
    assert error in page
    assert f'value="{data["email"]}"' in page  # nothing typed is lost
    assert Booking.objects.count() == 0 and mail.outbox == []


def test_an_unknown_session_is_refused_with_a_message(client, open_session, sign_up):
    for session in ("999999", "abc"):
        response = sign_up(session=session)
        assert response.status_code == 400
        assert Booking.objects.count() == 0


def test_a_closed_sign_up_says_so_whether_or_not_the_email_is_booked(client, open_session, sign_up):
    mail.outbox.clear()
    sign_up(email="booked@example.org")
    open_session.sign_up_open = False
    open_session.save()
    assert "Sign-up for this session is closed" in client.get("/2013/open-session/").content.decode()
    booked = sign_up(email="booked@example.org")
    unknown = sign_up(email="unknown@example.org")
    assert booked.status_code == unknown.status_code == 400
    assert "Sign-up for this session is closed" in unknown.content.decode()
    assert Booking.objects.count() == 1


def test_a_pending_booking_cannot_be_confirmed_once_sign_up_is_closed(client, open_session, sign_up):
    sign_up(confirm=False)
    open_session.sign_up_open = False
    open_session.save()
    url = f"/2013/open-session/booking/{token_in(mail.outbox[-1])}/"
    response = client.post(url, {"action": "confirm"}, follow=True)
    assert "Sign-up for this session is closed" in response.content.decode()
    assert Booking.objects.get().status == PENDING and counts(open_session.capacity).confirmed == 0


def test_the_public_page_never_lists_bookings(client, open_session, sign_up):
    sign_up(name="Visible Nowhere")
    page = client.get("/2013/open-session/").content.decode()
    assert "Visible Nowhere" not in page and "ada@example.org" not in page


def test_the_header_links_to_the_open_session(client, open_session):
    assert 'href="/2013/open-session/"' in client.get("/2013/").content.decode()


def test_one_network_is_limited_and_the_page_says_so(client, settings, open_session):
    from django.core.cache import cache

    from defdays.opensession.models import Booking

    cache.clear()
    settings.DEFDAYS_SIGNUP_LIMIT_PER_HOUR = 3
    session = open_session
    url = f"/{session.edition.year}/open-session/"
    for n in range(3):
        response = client.post(
            url,
            {"session": session.pk, "name": f"Person {n}", "email": f"p{n}@example.org", "language": "en"},
            REMOTE_ADDR="198.51.100.7",
        )
        assert response.status_code == 302
    refused = client.post(
        url,
        {"session": session.pk, "name": "Fourth", "email": "p4@example.org", "language": "en"},
        REMOTE_ADDR="198.51.100.9",
    )  # same /24
    assert refused.status_code == 429
    assert "Too many sign-ups from your network" in refused.content.decode()
    assert Booking.objects.count() == 3
    other_network = client.post(
        url,
        {"session": session.pk, "name": "Elsewhere", "email": "p5@example.org", "language": "en"},
        REMOTE_ADDR="203.0.113.5",
    )
    assert other_network.status_code == 302
    cache.clear()
