"""Personal agenda, change emails on publish, the private calendar feed and training seats."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from defdays.programme import services
from defdays.programme.models import AgendaEntry, AgendaFeedToken
from defdays.seats import capacity
from tests.conftest import sign_in
from tests.programme.conftest import session_fields

pytestmark = pytest.mark.django_db


def add_url(slug):
    return reverse("programme:agenda_add", kwargs={"year": 2013, "slug": slug})


def test_add_and_remove_with_post_buttons_and_clashes_marked(client, make_user, edition, build_programme):
    built = build_programme()
    user = make_user("defender", edition=edition)
    sign_in(client, user)
    clash = services.save_session(edition, None, session_fields(edition, "Clashing Talk", hour=10), actor=None)
    services.publish(edition, "Two", actor=None)
    assert client.get(add_url(built.sessions["open_panel"].slug)).status_code == 405  # GET never changes anything
    for session in (built.sessions["open_panel"], clash, built.sessions["chatham"]):
        assert client.post(add_url(session.slug)).status_code == 302
    page = client.get(reverse("programme:agenda", kwargs={"year": 2013})).content.decode()
    assert "Clashes with: Clashing Talk" in page and "Clashes with: Open Panel Title" in page
    assert "Chatham Strategy Title" in page
    client.post(reverse("programme:agenda_remove", kwargs={"year": 2013, "slug": clash.slug}))
    assert set(AgendaEntry.objects.filter(user=user).values_list("session__title", flat=True)) == {
        "Open Panel Title",
        "Chatham Strategy Title",
    }


def test_adding_a_session_the_viewer_may_not_see_is_a_404(client, make_user, edition, build_programme):
    built = build_programme()
    sign_in(client, make_user("attendee", edition=edition))
    assert client.post(add_url(built.sessions["chatham"].slug)).status_code == 404
    assert client.post(add_url("no-such-thing")).status_code == 404
    unpublished = services.save_session(edition, None, session_fields(edition, "Draft"), actor=None)
    assert client.post(add_url(unpublished.slug)).status_code == 404
    assert not AgendaEntry.objects.exists()


def test_agenda_needs_sign_in(client, edition, build_programme):
    built = build_programme()
    assert client.get(reverse("programme:agenda", kwargs={"year": 2013})).status_code == 302
    assert client.post(add_url(built.sessions["open_panel"].slug)).status_code == 302
    assert not AgendaEntry.objects.exists()


def test_publish_emails_each_person_once_with_only_what_they_may_see(edition, make_user, build_programme):
    built = build_programme()
    defender = make_user("defender", edition=edition, email="defender@example.org")
    attendee = make_user("attendee", edition=edition, email="attendee@example.org")
    bystander = make_user("defender", edition=edition, email="bystander@example.org")
    for session in ("open_panel", "chatham", "closed_training"):
        services.agenda_add(defender, built.sessions[session].pk)
    services.agenda_add(attendee, built.sessions["open_panel"].pk)
    services.agenda_add(bystander, built.sessions["open_chatham"].pk)  # unchanged
    mail.outbox.clear()
    panel = built.sessions["open_panel"]
    services.save_session(edition, panel, {"start": panel.start.replace(hour=16)}, actor=None)
    services.save_session(edition, built.sessions["chatham"], {"room": built.rooms["lab"]}, actor=None)
    services.set_status(built.sessions["closed_training"], "cancelled", actor=None)
    services.publish(edition, "Two", actor=None)
    assert sorted(m.to[0] for m in mail.outbox) == ["attendee@example.org", "defender@example.org"]
    for message in mail.outbox:
        assert message.subject == "Programme changes"
        assert "Speaker" not in message.body  # never names people
    by_to = {m.to[0]: m.body for m in mail.outbox}
    assert (
        "Open Panel Title" in by_to["defender@example.org"]
        and "Chatham Strategy Title" in by_to["defender@example.org"]
        and "Closed Training Title" in by_to["defender@example.org"]
    )
    assert "16:00" in by_to["attendee@example.org"] and "Chatham" not in by_to["attendee@example.org"]


def test_a_session_that_becomes_closed_is_a_cancellation_for_the_public(edition, make_user, build_programme):
    built = build_programme()
    attendee = make_user("attendee", edition=edition, email="a@example.org")
    services.agenda_add(attendee, built.sessions["open_panel"].pk)
    services.save_session(
        edition, built.sessions["open_panel"], {"audience": "closed", "title": "Secret Now"}, actor=None
    )
    mail.outbox.clear()
    services.publish(edition, "Two", actor=None)
    (message,) = mail.outbox
    assert "cancelled" in message.body and "Secret Now" not in message.body


def test_private_feed_is_hashed_rotatable_and_not_the_session_cookie(client, make_user, edition, build_programme):
    built = build_programme()
    user = make_user("defender", edition=edition)
    sign_in(client, user)
    client.post(add_url(built.sessions["chatham"].slug))
    response = client.post(reverse("programme:agenda_feed_rotate", kwargs={"year": 2013}), {"action": "rotate"})
    feed_url = response.context["feed_url"]
    token = feed_url.rsplit("/", 1)[1].removesuffix(".ics")
    stored = AgendaFeedToken.objects.get(user=user)
    assert stored.token_hash == services.hash_token(token) and token not in stored.token_hash
    assert token != client.cookies["__Host-defdays-session"].value
    client.logout()
    feed = client.get(feed_url)
    assert feed.status_code == 200 and "no-store" in feed["Cache-Control"]
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Chatham Strategy Title"]
    sign_in(client, user)
    second = client.post(reverse("programme:agenda_feed_rotate", kwargs={"year": 2013}), {"action": "rotate"})
    client.logout()
    assert client.get(feed_url).status_code == 404  # the old link stops working
    assert client.get(second.context["feed_url"]).status_code == 200
    sign_in(client, user)
    client.post(reverse("programme:agenda_feed_rotate", kwargs={"year": 2013}), {"action": "revoke"})
    assert client.get(second.context["feed_url"]).status_code == 404


def test_feed_follows_the_audience_of_its_owner(client, make_user, edition, build_programme):
    built = build_programme()
    user = make_user("defender", edition=edition)
    services.agenda_add(user, built.sessions["chatham"].pk)
    services.agenda_add(user, built.sessions["open_panel"].pk)
    token = services.rotate_feed(user, edition)
    from defdays.accounts.models import Role

    Role.objects.filter(user=user).update(role="attendee")  # no longer in the closed part
    body = client.get(reverse("programme:agenda_feed", kwargs={"token": token})).content.decode()
    assert "Open Panel Title" in body and "Chatham" not in body


def test_training_seats_use_the_shared_capacity_with_a_waitlist(client, make_user, edition, build_programme):
    built = build_programme()
    training = built.sessions["closed_training"]
    training.refresh_from_db()
    people = [make_user("defender", edition=edition, email=f"d{i}@example.org") for i in range(3)]
    url = reverse("programme:seat_book", kwargs={"year": 2013, "slug": training.slug})
    for person in people:
        sign_in(client, person)
        assert client.post(url).status_code == 302
    counts = capacity.counts(training.capacity_id)
    assert (counts.total, counts.confirmed, counts.waitlisted) == (2, 2, 1)
    page = client.get(reverse("programme:session", kwargs={"year": 2013, "slug": training.slug})).content.decode()
    assert "number 1 on the waitlist" in page
    assert AgendaEntry.objects.filter(session=training).count() == 3
    mail.outbox.clear()
    sign_in(client, people[0])
    client.post(reverse("programme:seat_cancel", kwargs={"year": 2013, "slug": training.slug}), {"confirm": "yes"})
    assert capacity.seat_of(training.capacity_id, f"user:{people[2].pk}").status == "confirmed"
    assert [m.to[0] for m in mail.outbox] == ["d2@example.org"] and mail.outbox[0].subject == "Your booking"


def test_seats_of_a_closed_training_are_a_404_for_the_public(client, make_user, edition, build_programme):
    built = build_programme()
    sign_in(client, make_user("attendee", edition=edition))
    url = reverse("programme:seat_book", kwargs={"year": 2013, "slug": built.sessions["closed_training"].slug})
    assert client.post(url).status_code == 404


def test_seat_cap_cannot_drop_below_confirmed_seats(edition, make_user, build_programme):
    built = build_programme()
    training = built.sessions["closed_training"]
    training.refresh_from_db()
    from defdays.programme import seats

    for _i in range(2):
        seats.book(make_user("defender", edition=edition), training)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.save_session(edition, training, {"seat_cap": 1}, actor=None)
    assert capacity.counts(training.capacity_id).total == 2
