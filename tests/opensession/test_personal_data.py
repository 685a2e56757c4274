"""The personal-data contract: export, erasure and the retention purge of bookings."""

import pytest
from django.core import mail
from django.db import connection

from defdays.core.crypto import DecryptionError
from defdays.opensession import personal_data
from defdays.opensession.models import Booking
from defdays.seats.capacity import SeatStatus
from tests.opensession.conftest import booking_named

pytestmark = pytest.mark.django_db


def test_a_persons_bookings_are_found_by_their_email(make_user, open_session, sign_up):
    sign_up(email="Ada@Example.org", name="Ada")
    sign_up(email="other@example.org", name="Other")
    user = make_user(email="ada@example.org")
    exported = personal_data.export_for(user)
    [row] = exported["open_session_bookings"]
    assert row["name"] == "Ada" and row["email"] == "Ada@Example.org" and row["status"] == "confirmed"
    assert row["edition"] == 2013
    assert personal_data.CATEGORY == "registrations"


def test_erasure_cancels_promotes_and_destroys(make_user, open_session, sign_up):
    sign_up(email="ada@example.org", name="Ada")
    sign_up(email="b@example.org", name="Bea")
    sign_up(email="c@example.org", name="Cem")
    mail.outbox.clear()
    personal_data.erase_for(make_user(email="ada@example.org"))
    erased = Booking.objects.get(purged_at__isnull=False)
    assert erased.email_enc is None and erased.email_index == "" and erased.token_hash is None
    with pytest.raises(DecryptionError):
        erased.data_key.dek()
    assert booking_named("Cem").status == SeatStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [["c@example.org"]]
    assert personal_data.export_for(make_user(email="ada2@example.org")) == {"open_session_bookings": []}


def test_the_purge_destroys_names_and_emails_of_the_edition(open_session, sign_up):
    sign_up(email="canary-a1@example.org", name="Canary Name")
    sign_up(email="b@example.org", name="Bea")
    assert personal_data.purge_edition(open_session.edition, dry_run=True) == {"open-session bookings": 2}
    assert booking_named("Bea") is not None
    assert personal_data.purge_edition(open_session.edition, dry_run=False) == {"open-session bookings": 2}
    assert personal_data.purge_edition(open_session.edition, dry_run=False) == {"open-session bookings": 0}
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM opensession_booking")
        dump = repr(cursor.fetchall())
    assert "Canary Name" not in dump and "canary-a1" not in dump and "Bea" not in dump
    assert Booking.objects.count() == 2  # the rows stay, as counts


def test_the_purge_leaves_other_editions_alone(open_session, sign_up):
    from tests.factories import EditionFactory

    sign_up()
    other = EditionFactory(year=2014)
    assert personal_data.purge_edition(other, dry_run=False) == {"open-session bookings": 0}
    assert Booking.objects.get().name == "Ada Guest"
