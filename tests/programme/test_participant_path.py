"""Issue 15 on the programme pages: a pending participant is told why they see the open part only; the agenda
says, per training, whether the person holds a seat or waits (and where in line)."""

import pytest
from django.urls import reverse

from defdays.registration import services as registration
from defdays.registration.models import Participation
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _participant(edition, make_user, status):
    user = make_user("defender", edition=edition)
    participation = registration.register(user, edition, "defender", days=[edition.main_day],
                                          code_of_conduct_version="1", photo_policy_version="1")
    Participation.objects.filter(pk=participation.pk).update(status=status)
    return user


def test_a_pending_participant_is_told_on_the_programme_why_they_see_the_open_part(client, edition, make_user,
                                                                                     build_programme):
    build_programme()
    sign_in(client, _participant(edition, make_user, "registered"))
    for url in (reverse("programme:schedule", kwargs={"year": 2013}),
                reverse("programme:schedule_day", kwargs={"year": 2013, "day": 3})):
        page = client.get(url).content.decode()
        assert "waiting for an organiser's approval" in page
        assert "shown only to its participants" not in page


def test_an_approved_participant_gets_no_such_note(client, edition, make_user, build_programme):
    build_programme()
    sign_in(client, _participant(edition, make_user, "approved"))
    page = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert "approval" not in page and "Closed Training Title" in page
