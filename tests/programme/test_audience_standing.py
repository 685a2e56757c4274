"""The closed programme follows the registration's standing, not the role alone."""

import pytest
from django.urls import reverse

from defdays.registration.models import Participation, ParticipationStatus
from defdays.registration.selectors import closed_part_standing
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_standing_of_each_status(make_user, edition):
    person = make_user("defender", edition=edition)
    assert closed_part_standing(person, edition) is None
    participation = Participation.objects.create(
        user=person, edition=edition, role="defender", data_key=person.data_key, status=ParticipationStatus.REGISTERED
    )
    expected = {
        ParticipationStatus.REGISTERED: False,
        ParticipationStatus.APPROVED: True,
        ParticipationStatus.CHECKED_IN: True,
        ParticipationStatus.DECLINED: False,
        ParticipationStatus.WITHDRAWN: False,
    }
    for status, standing in expected.items():
        Participation.objects.filter(pk=participation.pk).update(status=status)
        assert closed_part_standing(person, edition) is standing, status


def test_declined_participant_sees_only_the_open_programme(client, make_user, edition):
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", stdout=StringIO())
    from defdays.accounts.models import User

    defender = User.objects.find_by_email("defender.demo@example.org")
    sign_in(client, defender)
    schedule = reverse("programme:schedule", kwargs={"year": 2013})
    assert "Training: digital security" in client.get(schedule).content.decode()
    from defdays.registration import services

    participation = Participation.objects.get(user=defender)
    services.decide(participation, "decline", actor=User.objects.find_by_email("organiser.demo@example.org"))
    html = client.get(schedule).content.decode()
    assert "Training: digital security" not in html and "The Escape from Camp 14" in html


def test_a_speaker_who_changes_their_public_name_is_renamed_in_the_published_programme(client, edition):
    from io import StringIO

    from django.core.management import call_command

    from defdays.accounts.models import User
    from defdays.people.services import update_profile

    call_command("demo", stdout=StringIO())
    speaker = User.objects.find_by_email("speaker.demo@example.org")
    sign_in(client, User.objects.find_by_email("organiser.demo@example.org"))
    schedule = reverse("programme:schedule", kwargs={"year": 2013})
    assert speaker.public_name in client.get(schedule).content.decode()
    old_name = speaker.public_name
    update_profile(speaker, public_name="Trainer Pseudonym", language="en")
    html = client.get(schedule).content.decode()
    assert "Trainer Pseudonym" in html and old_name not in html


def test_only_programme_staff_see_speakers_who_did_not_consent(make_user, edition):
    from defdays.programme.selectors import audience_for
    from defdays.programme.snapshot import Audience

    for role, expected in {
        "organiser": Audience.STAFF,
        "programme": Audience.STAFF,
        "safety": Audience.STAFF,
        "volunteer": Audience.PUBLIC,
        "jury": Audience.PUBLIC,
        "travel": Audience.PUBLIC,
    }.items():
        user = make_user(role, edition=edition)
        assert audience_for(user, edition, second_factor_done=True) == expected, role


@pytest.mark.parametrize("role", ["volunteer", "jury", "travel"])
def test_volunteers_travel_and_jury_get_the_public_programme_unless_they_also_take_part(make_user, edition, role):
    """Their work needs no closed session: only a closed-part role of their own, in good standing, opens it."""
    from defdays.programme.selectors import audience_for
    from defdays.programme.snapshot import Audience

    worker = make_user(role, edition=edition)
    assert audience_for(worker, edition, second_factor_done=True) == Audience.PUBLIC
    both = make_user(role, "defender", edition=edition)
    participation = Participation.objects.create(
        user=both, edition=edition, role="defender", data_key=both.data_key, status=ParticipationStatus.APPROVED
    )
    assert audience_for(both, edition, second_factor_done=True) == Audience.CLOSED
    Participation.objects.filter(pk=participation.pk).update(status=ParticipationStatus.DECLINED)
    both = type(both).objects.get(pk=both.pk)
    assert audience_for(both, edition, second_factor_done=True) == Audience.PUBLIC
