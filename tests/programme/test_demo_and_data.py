import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from defdays.core.demo import DemoContext
from defdays.programme import personal_data, services
from defdays.programme.models import AgendaEntry, AgendaFeedToken, ScheduleVersion, Session, Speaker
from defdays.seats import capacity
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())  # idempotent


def test_demo_builds_the_2013_programme_once_with_two_versions(demo, client):
    assert list(ScheduleVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert Session.objects.filter(title="The Escape from Camp 14").count() == 1
    kinds = {tuple(c["kinds"]) for c in ScheduleVersion.objects.get(number=2).changelog}
    assert {("new",), ("moved",), ("room",), ("cancelled",)} <= kinds
    digital = Session.objects.get(title="Training: digital security")
    counts = capacity.counts(digital.capacity_id)
    assert counts.free == 0 and counts.waitlisted >= 1
    body = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    for text in (
        "The Escape from Camp 14",
        "Mr Shin Dong-hyuk",
        "Mrs Margaret Sekaggya",
        "The Civil Rights Defender of the Year Award",
    ):
        assert text in body
    for secret in ("Strategy session", "Training:", "(demo)"):
        assert secret not in body
    award = Session.objects.get(title="The Civil Rights Defender of the Year Award")
    assert award.start.astimezone(award.edition.tz).date().isoformat() == "2013-04-04"


def test_demo_url_examples_answer(demo, client):
    from defdays.editions.models import Edition
    from defdays.programme.demo import url_examples

    examples = url_examples(DemoContext(edition=Edition.objects.get(year=2013)))
    for name in ("programme:session", "programme:speaker", "programme:schedule_day"):
        assert client.get(reverse(name, kwargs=examples[name])).status_code == 200, name
    assert client.get(reverse("programme:agenda_feed", kwargs=examples["programme:agenda_feed"])).status_code == 404


def test_export_and_erase_a_speaker_and_participant(edition, make_user, build_programme):
    built = build_programme()
    person = built.people["closed_trainer"]
    services.agenda_add(person, built.sessions["open_panel"].pk)
    services.rotate_feed(person, edition)
    training = built.sessions["closed_training"]
    training.refresh_from_db()
    from defdays.programme import seats

    seats.book(person, training)
    data = personal_data.export_for(person)
    assert {row["session"] for row in data["agenda"]} == {"Open Panel Title", "Closed Training Title"}
    assert data["speaking"] == [
        {
            "edition": 2013,
            "session": "Closed Training Title",
            "role": "speaker",
            "named_in_closed_part": False,
            "named_publicly": False,
        }
    ]
    assert data["training_seats"][0]["status"] == "confirmed" and data["calendar_feeds"]
    personal_data.erase_for(person)
    assert not AgendaEntry.objects.filter(user=person).exists()
    assert not AgendaFeedToken.objects.filter(user=person).exists()
    assert not Speaker.objects.filter(user=person).exists()
    assert capacity.counts(training.capacity_id).confirmed == 0
    snapshot = ScheduleVersion.objects.get().snapshot
    assert "Speaker CLOSED_TRAINER" not in str(snapshot)
    assert personal_data.export_for(person) == {
        "agenda": [],
        "calendar_feeds": [],
        "speaking": [],
        "speaker_profiles": [],
        "training_seats": [],
    }


def test_purge_removes_agendas_feeds_and_seats(edition, make_user, build_programme, client):
    built = build_programme()
    person = make_user("defender", edition=edition)
    services.agenda_add(person, built.sessions["open_panel"].pk)
    services.rotate_feed(person, edition)
    training = built.sessions["closed_training"]
    training.refresh_from_db()
    from defdays.programme import seats

    seats.book(person, training)
    from defdays.programme.models import Speaker

    people = Speaker.objects.filter(edition=edition, user__isnull=False).count()
    guests = Speaker.objects.filter(edition=edition, user__isnull=True).count()
    planned = personal_data.purge_edition(edition, dry_run=True)
    assert planned == {"agenda entries": 2, "calendar feeds": 1, "training seats": 1, "speakers": people}
    assert AgendaEntry.objects.count() == 2
    assert personal_data.purge_edition(edition, dry_run=False) == planned
    assert personal_data.purge_edition(edition, dry_run=True) == {
        "agenda entries": 0,
        "calendar feeds": 0,
        "training seats": 0,
        "speakers": 0,
    }
    assert Speaker.objects.filter(edition=edition).count() == guests  # public figures stay named
    assert client.get(reverse("programme:schedule", kwargs={"year": 2013})).status_code == 200


def test_navigation_links(client, make_user, edition, build_programme):
    build_programme()
    body = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert f'href="{reverse("programme:schedule", kwargs={"year": 2013})}"' in body
    sign_in(client, make_user("defender", edition=edition))
    me = client.get(reverse("accounts:me")).content.decode()
    assert reverse("programme:agenda", kwargs={"year": 2013}) in me


def test_demo_defender_sees_the_waitlist_and_the_closed_part(demo, client):
    from defdays.accounts.models import User

    defender = User.objects.find_by_email("defender.demo@example.org")
    sign_in(client, defender)
    digital = Session.objects.get(title="Training: digital security")
    page = client.get(reverse("programme:session", kwargs={"year": 2013, "slug": digital.slug})).content.decode()
    assert "number 1 on the waitlist" in page and "Trainer Ada (demo)" in page
    agenda = client.get(reverse("programme:agenda", kwargs={"year": 2013})).content.decode()
    assert "Training: video campaigning" in agenda and "no longer in the programme" in agenda  # the cancelled clinic
    schedule = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert "Strategy session: defenders in exile" in schedule
    assert "River (demo)" not in schedule  # an unconsented Chatham House speaker is not named
