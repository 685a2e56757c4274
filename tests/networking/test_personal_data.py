"""Profiles, requests and reports are sealed under the person's own key, in their export, and gone after erasure
and the retention purge (people/registry.py)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from defdays.networking import selectors, services
from defdays.networking.models import Block, MeetingRequest, PersonReport, Profile
from defdays.people import services as people_services
from tests.people.dbdump import found_canaries

pytestmark = pytest.mark.django_db

ABOUT, NOTE, REPORT = "canary-about-5e1d", "canary-note-5e1d", "canary-report-5e1d"
COUNTRY, ORG = "canary-country-5e1d", "canary-organisation-5e1d"


@pytest.fixture
def world(people, edition, places):
    (slot, _later), point = places
    me = people(name="Exporter", about=ABOUT, country=COUNTRY, organisation=ORG)
    other = people(name="Other")
    services.request_create(
        sender=me,
        edition=edition,
        profile_uid=selectors.own_profile(other, edition).uid,
        slot_id=slot.pk,
        point_id=point.pk,
        note=NOTE,
    )
    services.person_report(
        user=me, edition=edition, profile_uid=selectors.own_profile(other, edition).uid, text=REPORT, block=True
    )
    return me, other


def test_restricted_values_are_sealed_in_the_database(world):
    assert found_canaries([ABOUT, NOTE, REPORT, COUNTRY, ORG]) == []


def test_country_and_organisation_are_stored_only_when_given(people, edition):
    profile = selectors.own_profile(people(name="Plain"), edition)
    assert profile.country_enc is None and profile.organisation_enc is None


def test_the_export_holds_profile_requests_and_reports_and_names_nobody_else(world):
    me, _other = world
    exported = people_services.personal_data(me)["apps"]["networking"]
    assert exported["profiles"][0]["about"] == ABOUT and exported["profiles"][0]["country"] == COUNTRY
    assert exported["meeting_requests"][0]["note"] == NOTE
    assert exported["reports_to_safety_team"][0]["text"] == REPORT
    assert exported["blocks"] and "Other" not in str(exported)


def test_erasure_destroys_everything_of_the_person(world):
    me, other = world
    people_services.erase(me)
    assert not Profile.objects.filter(user=me).exists()
    assert not MeetingRequest.objects.exists() and not Block.objects.exists() and not PersonReport.objects.exists()
    assert Profile.objects.filter(user=other).exists()


def test_erasing_the_recipient_removes_the_request_too(world):
    _me, other = world
    people_services.erase(other)
    assert not MeetingRequest.objects.exists()
    assert PersonReport.objects.get().reported is None  # the report stays with the safety team, nameless


def test_the_retention_purge_deletes_every_row_of_the_edition(world, edition):
    with time_machine.travel(datetime(2013, 8, 1, 12, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False):
        results = people_services.purge(dry_run=False)
    assert "registrations" in [r.category for r in results]
    for model in (Profile, MeetingRequest, Block, PersonReport):
        assert not model.objects.filter(edition=edition).exists()
