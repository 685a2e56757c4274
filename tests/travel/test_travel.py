"""Travel: itineraries sealed under the person's key, times in the edition's zone, rooms counted under the
capacity lock, the participant's own view, the team's pages limited to their edition."""

from datetime import datetime

import pytest
from django.core import mail

from defdays.registration.models import Participation, ParticipationStatus
from defdays.seats import capacity
from defdays.travel import personal_data, services
from defdays.travel.models import HotelBlock, Itinerary
from tests.conftest import sign_in
from tests.factories import EditionFactory
from tests.people.dbdump import found_canaries

pytestmark = pytest.mark.django_db

HOTEL = "Hotel Canarygarden"
FLIGHT = "CANARY-FL 4711"


def _participant(make_user, edition, email, name):
    person = make_user("defender", edition=edition, email=email, public_name=name)
    Participation.objects.create(
        user=person, edition=edition, role="defender", data_key=person.data_key, status=ParticipationStatus.APPROVED
    )
    return person


@pytest.fixture
def team(make_user, edition):
    return make_user("travel", edition=edition)


def _form(block=None, **overrides):
    data = {
        "arrival_mode": "air",
        "arrival_carrier": FLIGHT,
        "arrival_at": "2013-04-01 23:30",
        "departure_mode": "air",
        "departure_carrier": "CANARY-FL 4712",
        "departure_at": "2013-04-06 07:15",
        "hotel_block": str(block.uid) if block else "",
        "room": "CANARY-ROOM-12",
    }
    data.update(overrides)
    return data


def test_the_team_books_in_local_time_and_the_overview_groups_by_day(client, make_user, edition, team):
    person = _participant(make_user, edition, "a@example.org", "Arriving Person")
    waiting = _participant(make_user, edition, "b@example.org", "Waiting Person")
    block = services.hotel_block_create(edition=edition, name=HOTEL, address="", rooms=2, actor=team)
    sign_in(client, team)
    uid = Participation.objects.get(user=person).uid
    response = client.post(f"/orga/2013/travel/{uid}/", _form(block))
    assert response.status_code == 302
    itinerary = Itinerary.objects.get(user=person)
    # 23:30 in Stockholm on 1 April is 21:30 UTC: stored in UTC, shown local.
    assert datetime.fromisoformat(itinerary.arrival_at).isoformat() == "2013-04-01T21:30:00+00:00"
    page = client.get("/orga/2013/travel/").content.decode()
    arrivals = page.split("Arrivals", 1)[1].split("Departures", 1)[0]
    assert "23:30" in arrivals and FLIGHT in arrivals and HOTEL in arrivals and "1 April" in arrivals
    not_booked = page.split("Not yet booked", 1)[1].split("Hotel blocks", 1)[0]
    assert waiting.public_name in not_booked and person.public_name not in not_booked
    assert capacity.counts(block.capacity_id).confirmed == 1


def test_departure_before_arrival_is_refused(client, make_user, edition, team):
    person = _participant(make_user, edition, "a@example.org", "Arriving Person")
    sign_in(client, team)
    uid = Participation.objects.get(user=person).uid
    response = client.post(f"/orga/2013/travel/{uid}/", _form(departure_at="2013-04-01 10:00"))
    assert response.status_code == 400 and "cannot be before the arrival" in response.content.decode()
    assert not Itinerary.objects.exists()
    with pytest.raises(services.TravelError):
        leg = services.Leg("air", "X", datetime(2013, 4, 2, tzinfo=edition.tz))
        early = services.Leg("air", "Y", datetime(2013, 4, 1, tzinfo=edition.tz))
        services.itinerary_save(
            edition=edition, user=person, arrival=leg, departure=early, hotel_block=None, room="", actor=team
        )


def test_a_full_hotel_block_is_refused_and_moving_gives_the_room_back(client, make_user, edition, team):
    first, second = (_participant(make_user, edition, f"{n}@example.org", n) for n in ("first", "second"))
    small = services.hotel_block_create(edition=edition, name="Small", address="", rooms=1, actor=team)
    other = services.hotel_block_create(edition=edition, name="Other", address="", rooms=5, actor=team)
    sign_in(client, team)
    uid1, uid2 = (Participation.objects.get(user=u).uid for u in (first, second))
    assert client.post(f"/orga/2013/travel/{uid1}/", _form(small)).status_code == 302
    refused = client.post(f"/orga/2013/travel/{uid2}/", _form(small))
    assert refused.status_code == 400 and "This hotel block is full" in refused.content.decode()
    assert not Itinerary.objects.filter(user=second).exists()  # nothing half-written
    assert client.post(f"/orga/2013/travel/{uid1}/", _form(other)).status_code == 302
    assert capacity.counts(small.capacity_id).confirmed == 0
    assert client.post(f"/orga/2013/travel/{uid2}/", _form(small)).status_code == 302


def test_another_editions_block_or_participant_is_out_of_reach(client, make_user, edition, team):
    later = EditionFactory(year=2014)
    elsewhere = _participant(make_user, later, "x@example.org", "CANARY-OTHER-EDITION")
    foreign = services.hotel_block_create(edition=later, name="Foreign", address="", rooms=3, actor=None)
    sign_in(client, team)
    assert client.get(f"/orga/2013/travel/{Participation.objects.get(user=elsewhere).uid}/").status_code == 404
    assert "CANARY-OTHER-EDITION" not in client.get("/orga/2013/travel/").content.decode()
    assert client.get("/orga/2014/travel/").status_code == 403
    person = _participant(make_user, edition, "a@example.org", "Arriving Person")
    with pytest.raises(services.TravelError):
        services.itinerary_save(
            edition=edition, user=person, arrival=None, departure=None, hotel_block=foreign, room="", actor=team
        )


def test_the_participant_sees_confirms_and_asks_to_change_and_the_email_says_nothing(client, make_user, edition, team):
    person = _participant(make_user, edition, "a@example.org", "Arriving Person")
    block = services.hotel_block_create(edition=edition, name=HOTEL, address="", rooms=2, actor=team)
    sign_in(client, team)
    client.post(f"/orga/2013/travel/{Participation.objects.get(user=person).uid}/", _form(block))
    sign_in(client, person)
    page = client.get("/me/travel/2013/").content.decode()
    assert FLIGHT in page and HOTEL in page and "23:30" in page
    assert "/me/travel/2013/" in client.get("/me/").content.decode()
    client.post("/me/travel/2013/", {"step": "confirm"})
    assert Itinerary.objects.get(user=person).confirmed_at is not None
    mail.outbox.clear()
    client.post("/me/travel/2013/", {"step": "change"})
    itinerary = Itinerary.objects.get(user=person)
    assert itinerary.change_asked_at is not None and itinerary.confirmed_at is None
    (notice,) = mail.outbox
    assert notice.to == [team.email]
    whole = notice.subject + notice.body
    for leak in (FLIGHT, HOTEL, person.public_name, "a@example.org", "CANARY"):
        assert leak not in whole


def test_someone_without_a_registration_has_no_travel_page(client, make_user, edition):
    stranger = make_user()
    sign_in(client, stranger)
    assert client.get("/me/travel/2013/").status_code == 404


def test_no_flight_or_hotel_in_a_raw_dump_and_purge_and_erasure_destroy(client, make_user, edition, team):
    person = _participant(make_user, edition, "a@example.org", "Arriving Person")
    block = services.hotel_block_create(edition=edition, name=HOTEL, address="CANARY-STREET 9", rooms=2, actor=team)
    sign_in(client, team)
    client.post(f"/orga/2013/travel/{Participation.objects.get(user=person).uid}/", _form(block))
    assert found_canaries([FLIGHT, "CANARY-FL 4712", HOTEL, "Canarygarden", "CANARY-STREET", "CANARY-ROOM"]) == []
    exported = personal_data.export_for(person)["itineraries"][0]
    assert exported["arrival"]["carrier"] == FLIGHT and exported["hotel"] == HOTEL
    personal_data.erase_for(person)
    assert not Itinerary.objects.exists() and capacity.counts(block.capacity_id).confirmed == 0
    assert personal_data.purge_edition(edition, dry_run=False) == {
        "itineraries": 0,
        "travel grants": 0,
        "hotel blocks": 1,
    }
    assert HotelBlock.objects.get().name_enc is None


def _png():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PNG")
    return out.getvalue()


def test_a_grant_receipts_and_the_pending_list(client, make_user, edition, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from defdays.travel.models import Receipt, TravelGrant

    person = _participant(make_user, edition, "a@example.org", "Granted Person")
    uid = Participation.objects.get(user=person).uid
    sign_in(client, team)
    data = {"currency": "eur", "requested": "640.50", "approved": "600", "status": "approved"}
    assert client.post(f"/orga/2013/travel/{uid}/grant/", data).status_code == 302
    assert client.post(f"/orga/2013/travel/{uid}/grant/", {**data, "requested": "-1"}).status_code == 400
    grant = TravelGrant.objects.get(user=person)
    assert grant.currency == "EUR" and grant.requested == "640.50"
    sign_in(client, person)
    page = client.get("/me/travel/2013/").content.decode()
    assert "640.50 EUR" in page and "600.00 EUR" in page
    html = SimpleUploadedFile("ticket.png.html", b"<html><script>alert(1)</script></html>", "image/png")
    refused = client.post("/me/travel/2013/", {"step": "receipt", "receipt": html})
    assert refused.status_code == 400 and "Only these kinds of file are accepted" in refused.content.decode()
    assert not Receipt.objects.exists()
    good = SimpleUploadedFile("ticket.png", _png(), "image/png")
    assert client.post("/me/travel/2013/", {"step": "receipt", "receipt": good}).status_code == 302
    grant.refresh_from_db()
    assert grant.status == "receipts"
    assert found_canaries(["640.50"]) == []
    sign_in(client, team)
    overview = client.get("/orga/2013/travel/").content.decode()
    assert "Granted Person" in overview.split("Travel grants pending", 1)[1]
    receipt = Receipt.objects.get()
    download = client.get(f"/orga/2013/travel/receipts/{receipt.uid}/")
    assert download.status_code == 200 and download.content.startswith(b"\x89PNG")
    stranger = make_user()
    sign_in(client, stranger)
    assert client.get(f"/orga/2013/travel/receipts/{receipt.uid}/").status_code == 403
    assert personal_data.export_for(person)["travel_grants"][0]["requested"] == "640.50"
    personal_data.erase_for(person)
    assert not TravelGrant.objects.exists() and not Receipt.objects.exists()
