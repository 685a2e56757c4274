"""Issue 15, participants: the status panel on /me/, the pending-approval note on the programme, coming back after
withdrawing, where staff land after signing in, and the small texts on the way (email, 2FA, password rules)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse

from defdays.registration import services
from defdays.registration.models import Participation, ParticipationStatus, RegistrationSettings
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db
S = ParticipationStatus
BEFORE_THE_CONFERENCE = datetime(2013, 3, 1, 12, tzinfo=UTC)


@pytest.fixture
def participant(edition, make_user):
    def make(status, role="defender", **kwargs):
        user = make_user(role, edition=edition, **kwargs)
        participation = services.register(
            user, edition, role, days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
        )
        Participation.objects.filter(pk=participation.pk).update(status=status)
        participation.refresh_from_db()
        return participation

    return make


def _me(client):
    return client.get(reverse("accounts:me")).content.decode()


def test_me_opens_on_a_status_panel_that_says_approval_is_pending(client, participant):
    waiting = participant(S.REGISTERED, email="waiting@example.org")
    sign_in(client, waiting.user)
    page = _me(client)
    assert 'class="status-panel status-registered"' in page
    assert "An organiser still has to approve your registration" in page
    assert page.index("Where you stand") < page.index("Your roles")  # the panel comes first
    assert "waiting@example.org" in page  # the address this account signs in with


def test_an_approved_participant_is_told_what_comes_next_and_where_to_go(client, participant):
    approved = participant(S.APPROVED)
    sign_in(client, approved.user)
    page = _me(client)
    assert "Your place is confirmed" in page and "The conference runs from" in page
    assert reverse("programme:agenda", kwargs={"year": 2013}) in page


@pytest.mark.parametrize(
    "status,words",
    [
        (S.DECLINED, "could not offer you a place"),
        (S.WITHDRAWN, "You have withdrawn"),
        (S.CHECKED_IN, "You are checked in"),
    ],
)
def test_every_status_has_its_own_words(client, participant, status, words):
    sign_in(client, participant(status).user)
    assert words in _me(client)


def test_withdrawing_asks_first_and_says_what_will_happen(client, participant):
    approved = participant(S.APPROVED)
    sign_in(client, approved.user)
    url = reverse("registration:withdraw", kwargs={"year": 2013})
    page = client.post(url)  # the old one-click button
    assert page.status_code == 200 and "training seats" in page.content.decode()
    approved.refresh_from_db()
    assert approved.status == S.APPROVED
    assert client.get(url).status_code == 200
    client.post(url, {"confirm": "yes"})
    approved.refresh_from_db()
    assert approved.status == S.WITHDRAWN


def test_a_withdrawn_participant_may_ask_to_come_back_while_registration_is_open(client, edition, participant):
    RegistrationSettings.objects.update_or_create(edition=edition, defaults={"approval_required": True})
    gone = participant(S.WITHDRAWN)
    sign_in(client, gone.user)
    with time_machine.travel(BEFORE_THE_CONFERENCE, tick=False):
        mine = client.get(reverse("registration:mine", kwargs={"year": 2013})).content.decode()
        assert "Ask to come back" in mine
        assert "Ask to come back" in _me(client)
        client.post(reverse("registration:rejoin", kwargs={"year": 2013}))
    gone.refresh_from_db()
    assert gone.status == S.REGISTERED  # approval is required: back in the queue, not straight in


def test_coming_back_after_the_edition_is_refused(client, participant):
    gone = participant(S.WITHDRAWN)
    sign_in(client, gone.user)
    assert "Ask to come back" not in client.get(reverse("registration:mine", kwargs={"year": 2013})).content.decode()
    client.post(reverse("registration:rejoin", kwargs={"year": 2013}))
    gone.refresh_from_db()
    assert gone.status == S.WITHDRAWN
    with pytest.raises(services.TransitionRefused):
        services.rejoin(gone, actor=gone.user)


def _log_in(client, user):
    return client.post(reverse("accounts:login"), {"email": user.email, "password": PASSWORD})


def test_staff_land_on_their_work_area_after_signing_in(client, edition, make_user):
    organiser = make_user("organiser", edition=edition)
    organiser.set_password(PASSWORD)
    organiser.save()
    sign_in(client, organiser, verified=False)
    client.logout()
    response = _log_in(client, organiser)
    assert response.status_code == 302
    assert f"next={reverse('editions:orga_home', kwargs={'year': 2013})}" in response["Location"]


def test_participants_land_on_me_after_signing_in(client, edition, make_user):
    defender = make_user("defender", edition=edition)
    defender.set_password(PASSWORD)
    defender.save()
    assert _log_in(client, defender)["Location"] == reverse("accounts:me")


def test_the_two_factor_page_speaks_to_the_persons_real_role(client, edition, make_user):
    sign_in(client, make_user("defender", edition=edition))
    page = client.get(reverse("accounts:setup_2fa")).content.decode()
    assert "staff role" not in page and "second step protects your account" in page
    client.logout()
    client.force_login(make_user("organiser", edition=edition))  # no authenticator yet: the enrolment page
    assert "staff role" in client.get(reverse("accounts:setup_2fa")).content.decode()


def test_password_rules_are_shown_before_the_first_attempt(client, edition, make_user):
    from tests.invitations.helpers import invite

    _invitation, token = invite(edition)
    assert (
        "At least 12 characters" in client.get(reverse("invitations:redeem", kwargs={"token": token})).content.decode()
    )
    sign_in(client, make_user("defender", edition=edition))
    assert "At least 12 characters" in client.get(reverse("accounts:password_change")).content.decode()


def test_a_used_invitation_link_offers_sign_in(client, edition):
    page = client.get(reverse("invitations:redeem", kwargs={"token": "x" * 43}))
    assert page.status_code == 404
    assert f'href="{reverse("accounts:login")}"' in page.content.decode().split("<main", 1)[1]
