"""The travel and check-in export kinds: each role sees its own kind and only the columns its ceiling allows; a
restricted travel column takes a fresh code and a second organiser; hidden people are in neither; cells escaped."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from defdays.badges.models import DayCheckIn
from defdays.core.roles import RoleName
from defdays.exports import registry, services
from defdays.exports.kinds import CHECK_IN, TRAVEL
from defdays.people.services import set_hidden
from defdays.registration.models import Participation, ParticipationStatus
from defdays.travel import services as travel
from tests.conftest import sign_in
from tests.exports.test_two_keys import code_of

pytestmark = pytest.mark.django_db

FLIGHT, HOTEL, ROOM = "CANARY-FL 4711", "Hotel Canarygarden", "CANARY-ROOM-12"


def _person(make_user, edition, name):
    person = make_user("defender", edition=edition, public_name=name)
    participation = Participation.objects.create(
        user=person,
        edition=edition,
        role="defender",
        data_key=person.data_key,
        status=ParticipationStatus.APPROVED,
        days=[edition.main_day.isoformat()],
    )
    return person, participation


@pytest.fixture
def people(make_user, edition):
    block = travel.hotel_block_create(edition=edition, name=HOTEL, address="", rooms=5, actor=None)
    found = {}
    for name in ('=HYPERLINK("https://evil.example/")', "Hidden Heron", "Open Oriole"):
        person, participation = _person(make_user, edition, name)
        arrival = travel.Leg(mode="air", carrier=FLIGHT, at=datetime(2013, 4, 1, 21, 30, tzinfo=UTC))
        travel.itinerary_save(
            edition=edition, user=person, arrival=arrival, departure=None, hotel_block=block, room=ROOM, actor=None
        )
        DayCheckIn.objects.create(participation=participation, day=edition.main_day)
        found[name] = person
    set_hidden(found["Hidden Heron"], True, actor=found["Hidden Heron"])
    return found


def _csv(file) -> list[list[str]]:
    return list(csv.reader(io.StringIO(file.content.decode())))


def _export(actor, edition, kind, columns, code=""):
    export = services.request_export(
        actor=actor, edition=edition, kind_key=kind.key, columns=columns, file_format="csv", code=code
    )
    return export, services.download_export(actor=actor, edition=edition, uid=export.uid)


def test_the_volunteer_sees_only_the_check_in_kind_and_its_public_columns(make_user, edition, people):
    volunteer = make_user("volunteer", edition=edition)
    roles = services.roles_for_export(volunteer, edition)
    assert [k.key for k in registry.kinds_for(roles)] == ["check_in"]
    assert [c.key for c in registry.exportable_columns(CHECK_IN, roles)] == ["public_name"]
    top = registry.ORDER.index(registry.ROLE_CEILING[RoleName.VOLUNTEER])
    assert all(registry.ORDER.index(c.sensitivity) <= top for c in registry.exportable_columns(CHECK_IN, roles))
    for kind, columns in ((CHECK_IN, ["public_name", "checked_in"]), (TRAVEL, ["public_name"])):
        with pytest.raises(services.ExportRefused):
            services.request_export(
                actor=volunteer, edition=edition, kind_key=kind.key, columns=columns, file_format="csv"
            )
    _export_request, file = _export(volunteer, edition, CHECK_IN, ["public_name"])
    rows = _csv(file)
    assert rows[0] == ["public name"]
    assert sorted(r[0] for r in rows[1:]) == ['\'=HYPERLINK("https://evil.example/")', "Open Oriole"]


def test_the_organiser_gets_check_in_times_the_volunteer_does_not(make_user, edition, people):
    organiser = make_user("organiser", edition=edition)
    assert {c.key for c in registry.exportable_columns(CHECK_IN, {RoleName.ORGANISER})} == {"public_name", "checked_in"}
    _request, file = _export(organiser, edition, CHECK_IN, ["public_name", "checked_in"])
    rows = _csv(file)
    assert len(rows) == 3 and all(r[1] for r in rows[1:])
    assert "Hidden Heron" not in file.content.decode()


def test_the_travel_team_sees_only_the_travel_kind(make_user, edition, people):
    team = make_user("travel", edition=edition)
    roles = services.roles_for_export(team, edition)
    assert [k.key for k in registry.kinds_for(roles)] == ["travel"]
    restricted = {c.key for c in TRAVEL.columns if c.restricted}
    assert {"arrival_carrier", "departure_carrier", "hotel", "room", "arrival_at"} <= restricted
    assert "public_name" not in restricted and "confirmed_at" not in restricted


def test_a_restricted_travel_column_needs_a_code_and_a_second_organisers_approval(client, make_user, edition, people):
    team = make_user("travel", edition=edition)
    sign_in(client, team)  # gives the team member a confirmed authenticator
    columns = ["public_name", "arrival_at", "arrival_carrier", "hotel", "room"]
    with pytest.raises(services.CodeNotAccepted):
        services.request_export(actor=team, edition=edition, kind_key="travel", columns=columns, file_format="csv")
    export = services.request_export(
        actor=team, edition=edition, kind_key="travel", columns=columns, file_format="csv", code=code_of(team)
    )
    assert export.restricted and export.approved_at is None
    assert services.download_export(actor=team, edition=edition, uid=export.uid) is None  # one key only
    with pytest.raises(services.ExportRefused):  # the travel team cannot give the second key
        services.approve_export(approver=make_user("travel", edition=edition), edition=edition, uid=export.uid, code="")
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        services.approve_export(approver=organiser, edition=edition, uid=export.uid, code=code_of(organiser))
    file = services.download_export(actor=team, edition=edition, uid=export.uid)
    rows = _csv(file)
    assert rows[0] == ["public name", "arrival", "arrival carrier and number", "hotel", "room"]
    by_name = {r[0]: r for r in rows[1:]}
    assert set(by_name) == {'\'=HYPERLINK("https://evil.example/")', "Open Oriole"}  # escaped; no hidden person
    assert by_name["Open Oriole"][1:] == ["2013-04-01 23:30", FLIGHT, HOTEL, ROOM]  # the edition's time zone
    assert services.download_export(actor=team, edition=edition, uid=export.uid) is None


def test_travel_columns_without_restricted_data_go_on_one_key(make_user, edition, people):
    team = make_user("travel", edition=edition)
    export, file = _export(team, edition, TRAVEL, ["public_name", "confirmed_at"])
    assert not export.restricted
    names = [r[0] for r in _csv(file)[1:]]
    assert "Hidden Heron" not in names and "Open Oriole" in names and FLIGHT not in file.content.decode()


def test_the_pages_offer_each_role_its_own_kinds(client, make_user, edition, people):
    volunteer = make_user("volunteer", edition=edition)
    sign_in(client, volunteer)
    page = client.get("/orga/2013/exports/").content.decode()
    assert "Check-in list" in page and 'value="public_name"' in page and 'value="checked_in"' not in page
    # Nothing the volunteer may take is restricted: the page neither asks for a code nor speaks of approval.
    assert 'name="code"' not in page and "second organiser" not in page
    assert client.get("/orga/2013/exports/?kind=travel").content.decode().count('value="arrival_at"') == 0
    response = client.post("/orga/2013/exports/?kind=check_in", {"columns": ["public_name"], "file_format": "csv"})
    assert response.status_code == 302
    sign_in(client, make_user("travel", edition=edition))
    page = client.get("/orga/2013/exports/").content.decode()
    assert 'value="arrival_carrier"' in page and "Check-in list" not in page and 'name="code"' in page
    organiser = make_user("organiser", edition=edition)
    sign_in(client, organiser)
    page = client.get("/orga/2013/exports/?kind=check_in").content.decode()
    assert 'value="checked_in"' in page and "?kind=travel" in page
    assert client.get("/orga/2013/exports/?kind=nonsense").status_code == 200  # the first of the viewer's kinds


def test_only_an_organiser_sees_requests_waiting_for_approval(client, make_user, edition, people):
    team = make_user("travel", edition=edition)
    sign_in(client, team)
    export = services.request_export(
        actor=team, edition=edition, kind_key="travel", columns=["public_name", "room"], file_format="csv",
        code=code_of(team),
    )  # fmt: skip
    other = make_user("travel", edition=edition)
    sign_in(client, other)
    assert client.get(f"/orga/2013/exports/{export.uid}/").status_code == 404
    assert str(export.uid) not in client.get("/orga/2013/exports/").content.decode()
    sign_in(client, make_user("organiser", edition=edition))
    assert client.get(f"/orga/2013/exports/{export.uid}/").status_code == 200
