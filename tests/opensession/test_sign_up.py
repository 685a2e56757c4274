"""The public sign-up: a seat or the waitlist, an email with the manage link, and nothing that tells who booked."""

import pytest
import time_machine
from django.core import mail
from django.db import connection

from defdays.core.capacity import SeatStatus, counts
from defdays.core.crypto import email_index
from defdays.editions.models import EditionStatus
from defdays.opensession.models import Booking
from tests.opensession.conftest import token_in

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_what_when_where_and_seats_left(client, open_session):
    response = client.get("/2013/open-session/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The open session" in page and "Stockholm" in page
    assert "13:00" in page and "17:00" in page  # local time, stored as 11:00 UTC
    assert "2 seats left" in page
    assert 'name="email"' in page and 'name="csrfmiddlewaretoken"' in page


def test_a_draft_edition_has_no_public_open_session(client, open_session):
    open_session.edition.status = EditionStatus.DRAFT
    open_session.edition.save()
    assert client.get("/2013/open-session/").status_code == 404


def test_sign_up_books_a_seat_and_emails_the_manage_link(client, open_session, sign_up):
    response = sign_up()
    assert response.status_code == 302 and response["Location"] == "/2013/open-session/thanks/"
    booking = Booking.objects.get()
    assert booking.name == "Ada Guest" and booking.email == "ada@example.org"
    assert booking.status == SeatStatus.CONFIRMED
    [message] = mail.outbox
    assert message.to == ["ada@example.org"] and not message.cc and not message.bcc
    assert message.subject == "Your booking"
    assert "is booked" in message.body and "13:00" in message.body
    token = token_in(message)
    assert token not in str(Booking.objects.values_list().get())  # only its hash is stored
    assert client.get(f"/2013/open-session/booking/{token}/").status_code == 200


def test_the_email_is_stored_encrypted(open_session, sign_up):
    sign_up(email="canary-7d1f@example.org")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM opensession_booking")
        rows = cursor.fetchall()
    assert "canary-7d1f" not in repr(rows)


def test_the_email_is_in_the_language_chosen(open_session, sign_up):
    sign_up(language="sv")
    assert Booking.objects.get().language == "sv"
    assert len(mail.outbox) == 1


def test_when_full_people_join_the_waitlist(client, open_session, sign_up):
    sign_up(email="a@example.org")
    sign_up(email="b@example.org")
    assert "waitlist only" in client.get("/2013/open-session/").content.decode()
    response = sign_up(email="c@example.org")
    assert response.status_code == 302
    assert Booking.objects.get(email_index=email_index("c@example.org")).status == SeatStatus.WAITLISTED
    assert "waitlist" in mail.outbox[-1].body
    c = counts(open_session.capacity)
    assert (c.confirmed, c.waitlisted) == (2, 1)


def test_the_same_email_twice_answers_with_the_existing_booking(client, open_session, sign_up):
    first = client.get(sign_up(email="ada@example.org")["Location"])
    second = client.get(sign_up(email=" ADA@example.org ", name="Someone Else")["Location"])
    assert first.content == second.content  # the page does not tell whether the address was booked
    booking = Booking.objects.get()
    assert booking.name == "Ada Guest"
    assert len(mail.outbox) == 1  # a double click sends no second email


def test_a_double_click_makes_one_booking_and_one_seat(open_session, sign_up):
    sign_up()
    sign_up()
    assert Booking.objects.count() == 1
    assert counts(open_session.capacity).confirmed == 1


def test_signing_up_again_later_resends_a_fresh_link_by_email(client, open_session, sign_up):
    with time_machine.travel("2026-01-01 10:00Z", tick=False):
        sign_up()
    old_token = token_in(mail.outbox[0])
    with time_machine.travel("2026-01-01 10:30Z", tick=False):
        sign_up()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["ada@example.org"]
    new_token = token_in(mail.outbox[1])
    assert client.get(f"/2013/open-session/booking/{new_token}/").status_code == 200
    assert client.get(f"/2013/open-session/booking/{old_token}/").status_code == 404
    assert Booking.objects.count() == 1


@pytest.mark.parametrize("data, error", [
    ({"name": "", "email": "ada@example.org"}, "This field is required"),
    ({"name": "   ", "email": "ada@example.org"}, "This field is required"),
    ({"name": "Ada", "email": "not-an-email"}, "Enter a valid email address"),
    ({"name": "Ada", "email": "ada@example.org", "language": "xx"}, "Select a valid choice"),
])
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
    sign_up(email="booked@example.org")
    open_session.sign_up_open = False
    open_session.save()
    assert "Sign-up for this session is closed" in client.get("/2013/open-session/").content.decode()
    booked = sign_up(email="booked@example.org")
    unknown = sign_up(email="unknown@example.org")
    assert booked.status_code == unknown.status_code == 400
    assert "Sign-up for this session is closed" in unknown.content.decode()
    assert Booking.objects.count() == 1


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
        response = client.post(url, {"session": session.pk, "name": f"Person {n}", "email": f"p{n}@example.org",
                                     "language": "en"}, REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302
    refused = client.post(url, {"session": session.pk, "name": "Fourth", "email": "p4@example.org",
                                "language": "en"}, REMOTE_ADDR="198.51.100.9")  # same /24
    assert refused.status_code == 429
    assert "Too many sign-ups from your network" in refused.content.decode()
    assert Booking.objects.count() == 3
    other_network = client.post(url, {"session": session.pk, "name": "Elsewhere", "email": "p5@example.org",
                                      "language": "en"}, REMOTE_ADDR="203.0.113.5")
    assert other_network.status_code == 302
    cache.clear()
