"""Approving, declining and checking in tell the person, by email in their own language, under a subject that says
neither the outcome nor the conference; through the encrypted outbox and its task (run at once in the tests)."""

import pytest
from django.core import mail
from django.urls import reverse

from defdays.registration import services
from defdays.registration.models import Participation, ParticipationStatus

pytestmark = pytest.mark.django_db
S = ParticipationStatus


@pytest.fixture
def registered(edition, make_user):
    def make(email, language="en"):
        user = make_user("defender", edition=edition, email=email, language=language)
        participation = services.register(
            user, edition, "defender", days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
        Participation.objects.filter(pk=participation.pk).update(status=S.REGISTERED)
        participation.refresh_from_db()
        return participation

    return make


@pytest.mark.parametrize(
    ("steps", "words"),
    [
        (["approve"], "is confirmed"),
        (["decline"], "could not offer you a place"),
        (["approve", "check_in"], "You are checked in"),
    ],
)
def test_each_decision_sends_one_neutral_email_to_the_person(edition, make_user, registered, steps, words):
    participation = registered("ana@example.org")
    organiser = make_user("organiser", edition=edition)
    for step in steps:
        mail.outbox.clear()
        services.decide(participation, step, actor=organiser)
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "Your registration"
    assert words in message.body
    assert "/me/registration/2013/" in message.body or "/2013/contact/" in message.body


def test_the_email_is_in_the_recipients_language(edition, make_user, registered):
    participation = registered("sven@example.org", language="sv")
    organiser = make_user("organiser", edition=edition)
    mail.outbox.clear()
    services.decide(participation, "approve", actor=organiser)
    assert [m.to for m in mail.outbox] == [["sven@example.org"]]
    assert mail.outbox[0].body.startswith("Hej ")


def test_a_refused_step_sends_nothing(edition, make_user, registered, client_as):
    participation = registered("ana@example.org")
    client = client_as("organiser")
    mail.outbox.clear()
    url = reverse("registration:decide", kwargs={"year": 2013, "uid": participation.uid})
    client.post(url, {"step": "check_in"})  # not approved yet: refused
    assert mail.outbox == []
    client.post(url, {"step": "approve"})
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
