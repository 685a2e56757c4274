"""A raw copy of the database (a stolen backup) must not list who booked the open session or who was invited,
while staff pages, exports and emails still show those names."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from defdays.invitations import services as invitations
from defdays.opensession import services as opensession
from tests.conftest import sign_in
from tests.people.dbdump import found_canaries

pytestmark = pytest.mark.django_db

BOOKER = "Canary Booker 7f3e"
INVITEE = "Canary Invitee 7f3e"


@pytest.fixture
def named(edition, make_user, django_capture_on_commit_callbacks):
    organiser = make_user("organiser", edition=edition)
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
        result = opensession.sign_up(
            session, name=BOOKER, email="booker-7f3e@example.org", language="en", base_url="https://testserver"
        )
        # Double opt-in: organisers list a booking once its owner has confirmed it from the emailed link.
        opensession.confirm(result.booking, base_url="https://testserver")
        invitations.create_invitation(
            edition,
            public_name=INVITEE,
            email="invitee-7f3e@example.org",
            role="defender",
            actor=organiser,
            base_url="https://testserver",
        )
    return organiser, session


def test_a_dump_shows_no_booker_and_no_invitee_name(named):
    assert found_canaries([BOOKER, INVITEE]) == []


def test_staff_lists_exports_and_emails_still_show_the_names(client, named):
    organiser, session = named
    assert any(BOOKER in m.body for m in mail.outbox) and any(INVITEE in m.body for m in mail.outbox)
    sign_in(client, organiser)
    assert BOOKER in client.get(reverse("opensession:orga", kwargs={"year": 2013})).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("opensession:export", kwargs={"year": 2013, "pk": session.pk})).content.decode()
            )
        )
    )
    assert rows[1][0] == BOOKER
    assert INVITEE in client.get(reverse("invitations:list", kwargs={"year": 2013})).content.decode()
