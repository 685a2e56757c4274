"""Issue 15: nothing irreversible on one click. Each of these steps first shows a page that says what will happen
and to whom; only its own second POST (confirm=yes) acts. Publishing with no change is refused."""

import glob
import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from defdays.invitations.models import Invitation
from defdays.programme import services
from defdays.programme.models import ScheduleVersion
from defdays.seats import capacity
from tests.conftest import sign_in
from tests.invitations.helpers import invite

pytestmark = pytest.mark.django_db


def test_removing_a_role_asks_first_and_names_the_person(client_as, edition, make_user):
    client = client_as("organiser")
    kestrel = make_user("programme", edition=edition, public_name="Kestrel")
    role = kestrel.roles.get()
    url = reverse("accounts:orga_roles", kwargs={"year": 2013})
    listing = client.get(url).content.decode()
    assert 'Remove<span class="visually-hidden"> the role of <bdi>Kestrel</bdi>: Programme team</span>' in listing
    page = client.post(url, {"action": "revoke", "role_id": role.pk})
    assert page.status_code == 200 and "Kestrel" in page.content.decode()
    assert kestrel.roles.exists()
    client.post(url, {"action": "revoke", "role_id": role.pk, "confirm": "yes"})
    assert not kestrel.roles.exists()


def test_revoking_an_invitation_asks_first(client_as, edition):
    client = client_as("organiser")
    invitation, _token = invite(edition, public_name="Heron")
    url = reverse("invitations:revoke", kwargs={"year": 2013, "pk": invitation.pk})
    page = client.post(url)
    assert page.status_code == 200 and "Heron" in page.content.decode() and "stops working" in page.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).status == "sent"
    client.post(url, {"confirm": "yes"})
    assert Invitation.objects.get(pk=invitation.pk).status == "revoked"


def test_giving_up_a_training_seat_asks_first(client, make_user, edition, build_programme):
    training = build_programme().sessions["closed_training"]
    person = make_user("defender", edition=edition)
    sign_in(client, person)
    client.post(reverse("programme:seat_book", kwargs={"year": 2013, "slug": training.slug}))
    training.refresh_from_db()
    url = reverse("programme:seat_cancel", kwargs={"year": 2013, "slug": training.slug})
    page = client.post(url, {"next": "/2013/agenda/"})
    assert page.status_code == 200 and "Closed Training Title" in page.content.decode()
    assert capacity.seat_of(training.capacity_id, f"user:{person.pk}").status == "confirmed"
    client.post(url, {"confirm": "yes"})
    assert capacity.seat_of(training.capacity_id, f"user:{person.pk}").status == "cancelled"


def test_cancelling_an_open_session_booking_asks_first(client, edition):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from defdays.opensession.services import create_open_session
    from tests.opensession.conftest import booking_named, token_in

    stockholm = ZoneInfo("Europe/Stockholm")
    session = create_open_session(
        edition,
        title="The open session",
        description="Talks.",
        place="Stockholm",
        starts_at=datetime(2013, 4, 4, 13, tzinfo=stockholm),
        ends_at=datetime(2013, 4, 4, 17, tzinfo=stockholm),
        seats=2,
    )
    client.post(
        "/2013/open-session/",
        {"session": session.pk, "name": "Ada Guest", "email": "ada@example.org", "language": "en"},
    )
    url = f"/2013/open-session/booking/{token_in(mail.outbox[-1])}/"
    client.post(url, {"action": "confirm"})
    page = client.post(url, {"action": "cancel"})
    assert page.status_code == 200 and "waitlist" in page.content.decode()
    assert 'name="robots" content="noindex' in page.content.decode()  # the link is the credential
    assert booking_named("Ada Guest").status == "confirmed"
    client.post(url, {"action": "cancel", "confirm": "yes"})
    assert booking_named("Ada Guest").status == "cancelled"


def test_publishing_shows_the_changes_and_how_many_people_get_an_email(client_as, edition, make_user, build_programme):
    built = build_programme()
    panel = built.sessions["open_panel"]
    for i in range(3):
        services.agenda_add(make_user("defender", edition=edition, email=f"p{i}@example.org"), panel.pk)
    services.save_session(edition, panel, {"title": "Open Panel, moved"}, actor=None)
    client = client_as("organiser")
    url = reverse("programme:orga_versions", kwargs={"year": 2013})
    mail.outbox.clear()
    page = client.post(url, {"name": "Two", "expected_latest": 1})
    body = page.content.decode()
    assert page.status_code == 200 and "Open Panel, moved" in body
    assert "1 changed session" in body and "3 people with a changed session" in body
    assert ScheduleVersion.objects.count() == 1 and mail.outbox == []
    client.post(url, {"name": "Two", "expected_latest": 1, "confirm": "yes"})
    assert ScheduleVersion.objects.count() == 2 and len(mail.outbox) == 3


def test_publishing_with_no_change_is_refused(client_as, edition, build_programme):
    build_programme()
    with pytest.raises(services.NothingToPublish):
        services.publish(edition, "Same again", actor=None)
    client = client_as("organiser")
    url = reverse("programme:orga_versions", kwargs={"year": 2013})
    for data in ({"name": "Same", "expected_latest": 1}, {"name": "Same", "expected_latest": 1, "confirm": "yes"}):
        page = client.post(url, data, follow=True)
        assert "Nothing" in page.content.decode() and "same as the published version" in page.content.decode()
    assert ScheduleVersion.objects.count() == 1


def test_every_scrolling_table_is_a_labelled_keyboard_stop():
    """A table wider than a phone scrolls inside its box: keyboard users reach it only if it is focusable, and a
    screen reader announces it only with a name (axe: scrollable-region-focusable)."""
    root = Path(__file__).resolve().parents[2] / "src" / "defdays"
    found = 0
    for path in glob.glob(str(root / "**" / "templates" / "**" / "*.html"), recursive=True):
        for tag in re.findall(r'<div class="table-scroll"[^>]*>', Path(path).read_text()):
            found += 1
            named = "aria-label=" in tag or "aria-labelledby=" in tag
            assert 'tabindex="0"' in tag and 'role="region"' in tag and named, (path, tag)
    assert found >= 10
