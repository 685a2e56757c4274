"""Organisers: bookings with counts, the capacity, the CSV export (escaped, audited); hidden people left out."""

import csv
import io

import pytest
from django.core import mail

from defdays.audit.models import AuditEvent
from defdays.seats.capacity import SeatStatus, counts
from tests.opensession.conftest import booking_named

pytestmark = pytest.mark.django_db


@pytest.fixture
def bookings(sign_up):
    sign_up(email="a@example.org", name="Anna")
    sign_up(email="b@example.org", name='=HYPERLINK("http://evil.example")')
    sign_up(email="c@example.org", name="Cem")
    mail.outbox.clear()


def test_organisers_see_bookings_and_counts(client_as, open_session, bookings):
    client = client_as("organiser")
    page = client.get("/orga/2013/open-session/").content.decode()
    assert "Anna" in page and "Cem" in page
    assert "<dt>Confirmed</dt><dd>2</dd>" in page and "<dt>Waitlisted</dt><dd>1</dd>" in page
    waitlisted = client.get("/orga/2013/open-session/?status=waitlisted").content.decode()
    assert "Cem" in waitlisted and "Anna" not in waitlisted


def test_other_roles_and_anonymous_visitors_are_refused(client, client_as, open_session, bookings):
    assert client.get("/orga/2013/open-session/").status_code == 302  # to the login page
    client_as("programme")
    assert client.get("/orga/2013/open-session/").status_code == 403
    assert client.get(f"/orga/2013/open-session/{open_session.pk}/bookings.csv").status_code == 403


def test_a_booking_whose_email_belongs_to_a_hidden_person_is_left_out(client_as, make_user, open_session, bookings):
    from defdays.people.services import set_hidden

    cem = make_user(email="c@example.org")
    set_hidden(cem, True, actor=cem)
    client = client_as("organiser")
    assert "Cem" not in client.get("/orga/2013/open-session/").content.decode()
    assert "Cem" not in client.get(f"/orga/2013/open-session/{open_session.pk}/bookings.csv").content.decode()


def test_more_seats_move_the_waitlist_up_and_email_them(client_as, open_session, bookings):
    client = client_as("organiser")
    response = client.post(
        "/orga/2013/open-session/", {"action": "capacity", "session": open_session.pk, f"s{open_session.pk}-total": "3"}
    )
    assert response.status_code == 302
    assert counts(open_session.capacity).confirmed == 3
    assert [m.to for m in mail.outbox] == [["c@example.org"]]
    assert AuditEvent.objects.filter(action="opensession.capacity_changed").exists()


def test_fewer_seats_than_confirmed_is_refused_with_a_message(client_as, open_session, bookings):
    client = client_as("organiser")
    response = client.post(
        "/orga/2013/open-session/", {"action": "capacity", "session": open_session.pk, f"s{open_session.pk}-total": "1"}
    )
    assert response.status_code == 400
    assert "More people than that hold confirmed seats" in response.content.decode()
    assert counts(open_session.capacity).total == 2
    junk = client.post(
        "/orga/2013/open-session/",
        {"action": "capacity", "session": open_session.pk, f"s{open_session.pk}-total": "lots"},
    )
    assert junk.status_code == 400 and "Enter a whole number" in junk.content.decode()


def test_closing_and_opening_the_sign_up(client_as, open_session):
    client = client_as("organiser")
    client.post("/orga/2013/open-session/", {"action": "close", "session": open_session.pk})
    open_session.refresh_from_db()
    assert not open_session.sign_up_open
    client.post("/orga/2013/open-session/", {"action": "open", "session": open_session.pk})
    open_session.refresh_from_db()
    assert open_session.sign_up_open


def test_the_csv_export_escapes_formulas_and_is_audited(client_as, open_session, bookings):
    client = client_as("organiser")
    response = client.get(f"/orga/2013/open-session/{open_session.pk}/bookings.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["name", "email", "status", "language", "signed up"]
    assert rows[1][:3] == ["Anna", "a@example.org", "confirmed"]
    assert rows[2][0] == '\'=HYPERLINK("http://evil.example")'
    assert rows[3][2] == "waitlisted"
    event = AuditEvent.objects.get(action="export")
    assert event.actor == client.user and event.detail == {"kind": "opensession.bookings", "rows": 3}
    assert "example.org" not in str(event.detail)


def test_an_unknown_session_in_the_export_is_a_404(client_as, open_session):
    assert client_as("organiser").get("/orga/2013/open-session/99999/bookings.csv").status_code == 404


def test_the_orga_home_has_an_open_session_card(client_as, open_session):
    assert 'href="/orga/2013/open-session/"' in client_as("organiser").get("/orga/2013/").content.decode()


def test_counts_include_cancelled(client_as, open_session, bookings):
    from defdays.opensession import services

    services.cancel(booking_named("Anna"), base_url="")
    c = counts(open_session.capacity)
    assert (c.confirmed, c.waitlisted, c.cancelled) == (2, 0, 1)
    assert booking_named("Cem").status == SeatStatus.CONFIRMED
