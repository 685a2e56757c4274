"""Erasure and "hide me" across the apps that hold personal data, written through their real services."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

from defdays.accounts.selectors import listable_users
from tests.conftest import PASSWORD, sign_in
from tests.people.dbdump import found_canaries

pytestmark = pytest.mark.django_db

invitations = pytest.importorskip("defdays.invitations.services")
registration_selectors = pytest.importorskip("defdays.registration.selectors")
invitation_selectors = pytest.importorskip("defdays.invitations.selectors")
opensession = pytest.importorskip("defdays.opensession.services")
opensession_selectors = pytest.importorskip("defdays.opensession.selectors")

EMAIL = "canary-e2e-51b8@example.org"
NAME = "Canary Kite 51b8"
ACCESS_NEEDS = "canary-access-needs-51b8"
NOTE = "canary-internal-note-51b8"
RESTRICTED = [EMAIL, ACCESS_NEEDS, NOTE]


@pytest.fixture
def participant(edition, make_user, django_capture_on_commit_callbacks):
    """Invited with a note, redeemed with access needs, booked for the open session: everything at once."""
    organiser = make_user("organiser", edition=edition)
    with django_capture_on_commit_callbacks(execute=True):
        invitations.create_invitation(
            edition,
            public_name=NAME,
            email=EMAIL,
            role="defender",
            note=NOTE,
            actor=organiser,
            base_url="https://testserver",
        )
    token = re.search(r"/invitation/([^/\s]+)/", mail.outbox[-1].body).group(1)
    user = invitations.redeem(
        token,
        viewer=AnonymousUser(),
        public_name=NAME,
        password=PASSWORD,
        days=[edition.start_date],
        photo_consent="none",
        access_needs=ACCESS_NEEDS,
        code_of_conduct_version="1",
        photo_policy_version="1",
    )
    session = opensession.create_open_session(
        edition,
        title="Open session",
        description="",
        place="Stockholm",
        seats=10,
        starts_at=datetime(2013, 4, 4, 8, tzinfo=UTC),
        ends_at=datetime(2013, 4, 4, 10, tzinfo=UTC),
    )
    with django_capture_on_commit_callbacks(execute=True):
        booking = opensession.sign_up(
            session, name=NAME, email=EMAIL, language="en", base_url="https://testserver"
        ).booking
        opensession.confirm(booking, base_url="https://testserver")  # the owner opens the link and confirms
    user.open_session = session
    return user


def test_restricted_values_never_reach_the_database_in_clear(participant):
    assert found_canaries(RESTRICTED) == []


def test_the_export_holds_what_every_app_keeps(client, participant):
    sign_in(client, participant)
    data = json.loads(client.get(reverse("people:data_json")).content)
    text = json.dumps(data)
    assert EMAIL in text and ACCESS_NEEDS in text and NAME in text
    assert {"invitations", "registration", "opensession"} <= set(data["apps"])


def test_after_erasure_nothing_of_the_person_is_readable(client, participant):
    assert found_canaries([NAME]) == [NAME]
    sign_in(client, participant)
    assert client.post(reverse("people:erase"), {"password": PASSWORD, "confirm": "on"}).status_code == 302
    assert found_canaries([NAME, *RESTRICTED]) == []


def test_a_hidden_person_leaves_every_staff_list(client, participant, edition):
    def listed():
        return {
            "accounts": participant in listable_users(),
            "registration": registration_selectors.visible_participations(edition).filter(user=participant).exists(),
            "invitations": invitation_selectors.visible_invitations(edition).filter(user=participant).exists(),
            "open session": any(
                b.email_index == participant.email_index
                for b in opensession_selectors.bookings_for_organisers(participant.open_session)
            ),
        }

    assert all(listed().values()), listed()
    sign_in(client, participant)
    client.post(reverse("people:hide"), {"hidden": "1"})
    assert not any(listed().values()), listed()
    client.post(reverse("people:hide"), {"hidden": "0"})
    assert all(listed().values()), listed()


def test_the_purge_reaches_the_real_apps_and_is_idempotent(client, participant):
    import time_machine

    from defdays.people import services

    def access_needs_held():
        from defdays.registration.models import Participation

        return Participation.objects.filter(user=participant, access_needs_enc__isnull=False).count()

    with time_machine.travel(datetime(2013, 8, 1, 12, tzinfo=UTC), tick=False):
        dry = {r.category: r.counts for r in services.purge(dry_run=True)}
        assert dry["registrations"]["registration.access_needs"] == 1 and access_needs_held() == 1
        services.purge(dry_run=False)
        assert access_needs_held() == 0
        again = {r.category: r.counts for r in services.purge(dry_run=False)}
        assert again["registrations"]["registration.access_needs"] == 0
    assert found_canaries([ACCESS_NEEDS]) == []
