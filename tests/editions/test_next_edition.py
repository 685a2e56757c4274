"""Next year's edition from 2013 takes the settings (rooms, tracks, session types and seat rules, the open session,
the registration rules, the texts and the contact person) and never a person: no role holder but its creator, no
invitation, registration, booking, speaker or session of 2013."""

from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from defdays.accounts.demo import DEMO_PARTICIPANTS
from defdays.accounts.models import Role, User
from defdays.editions.models import Edition, EditionStatus
from defdays.opensession.models import Booking, OpenSession
from defdays.programme.models import ProgrammeSettings, Room, Session, Track
from defdays.registration.models import RegistrationSettings
from tests.security.crawl import build_demo, client_for

pytestmark = pytest.mark.django_db

# The rows a new edition may hold: settings, and its creator's organiser role.
SETTINGS = {"programme.room", "programme.track", "programme.programmesettings", "opensession.opensession"}
SETTINGS |= {"registration.registrationsettings", "seats.capacity", "accounts.role", "audit.auditevent"}


def _rows_pointing_at(edition) -> dict[str, int]:
    """Every model with a foreign key to Edition: how many of its rows belong to `edition`."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey | models.OneToOneField) and field.related_model is Edition:
                n = model._default_manager.filter(**{field.name: edition}).count()
                if n:
                    found[model._meta.label_lower] = found.get(model._meta.label_lower, 0) + n
    return found


@pytest.fixture
def year_2014():
    build_demo()
    client = client_for("organiser")
    response = client.post(
        reverse("editions:orga_next_edition", kwargs={"year": 2013}),
        {
            "year": 2014,
            "title": "Defenders' Days 2014",
            "slug": "defenders-days-2014",
            "start_date": "2014-04-01",
            "end_date": "2014-04-04",
            "main_day": "2014-04-03",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Edition.objects.get(year=2014), client


def test_the_new_edition_has_the_settings_of_2013(year_2014):
    edition, _client = year_2014
    old = Edition.objects.get(year=2013)
    assert edition.status == EditionStatus.DRAFT and edition.start_date == date(2014, 4, 1)
    assert (edition.contact_name, edition.contact_email) == (old.contact_name, old.contact_email)
    assert edition.description == old.description
    assert sorted(Room.objects.filter(edition=edition).values_list("name", "capacity", "is_closed")) == sorted(
        Room.objects.filter(edition=old).values_list("name", "capacity", "is_closed")
    )
    assert set(Track.objects.filter(edition=edition).values_list("name", flat=True)) == set(
        Track.objects.filter(edition=old).values_list("name", flat=True)
    )
    rules, old_rules = ProgrammeSettings.for_edition(edition), ProgrammeSettings.for_edition(old)
    assert (rules.training_seats, rules.trainings_per_person) == (old_rules.training_seats, 3)
    reg, old_reg = RegistrationSettings.for_edition(edition), RegistrationSettings.for_edition(old)
    assert reg.pk and reg.approval_required == old_reg.approval_required
    [open_session] = OpenSession.objects.filter(edition=edition)
    [old_open] = OpenSession.objects.filter(edition=old)
    assert open_session.title == old_open.title and open_session.capacity.total == old_open.capacity.total
    assert open_session.starts_at.year == 2014 and not open_session.sign_up_open
    old_start, new_start = old_open.starts_at.astimezone(old.tz), open_session.starts_at.astimezone(edition.tz)
    assert new_start.time() == old_start.time()  # the same local time, (start_date shift) days later
    assert new_start.date() - old_start.date() == edition.start_date - old.start_date
    assert open_session.capacity_id != old_open.capacity_id


def test_the_new_edition_holds_no_person_invitation_registration_or_session_of_2013(year_2014):
    edition, client = year_2014
    held = _rows_pointing_at(edition)
    assert set(held) <= SETTINGS, held
    organiser = User.objects.find_by_email("organiser.demo@example.org")
    assert list(Role.objects.filter(edition=edition).values_list("user", "role")) == [(organiser.pk, "organiser")]
    assert not Session.objects.filter(edition=edition).exists()
    assert not Booking.objects.filter(open_session__edition=edition).exists()
    [open_session] = OpenSession.objects.filter(edition=edition)
    assert not open_session.capacity.seats.exists()  # nobody holds a seat in next year's open session
    # The organisers' pages of the new edition name none of 2013's closed-part people or open-session guests.
    people = [name for _key, _email, name, _role in DEMO_PARTICIPANTS]
    for url_name in ("registration:participants", "invitations:list", "opensession:orga", "programme:orga_guests"):
        page = client.get(reverse(url_name, kwargs={"year": 2014}))
        assert page.status_code == 200, url_name
        text = page.content.decode()
        assert not [name for name in people if name in text], url_name
