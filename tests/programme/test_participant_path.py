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
    participation = registration.register(
        user, edition, "defender", days=[edition.main_day], code_of_conduct_version="1", photo_policy_version="1"
    )
    Participation.objects.filter(pk=participation.pk).update(status=status)
    return user


def test_a_pending_participant_is_told_on_the_programme_why_they_see_the_open_part(
    client, edition, make_user, build_programme
):
    build_programme()
    sign_in(client, _participant(edition, make_user, "registered"))
    for url in (
        reverse("programme:schedule", kwargs={"year": 2013}),
        reverse("programme:schedule_day", kwargs={"year": 2013, "day": 3}),
    ):
        page = client.get(url).content.decode()
        assert "waiting for an organiser's approval" in page
        assert "shown only to its participants" not in page


def test_an_approved_participant_gets_no_such_note(client, edition, make_user, build_programme):
    build_programme()
    sign_in(client, _participant(edition, make_user, "approved"))
    page = client.get(reverse("programme:schedule", kwargs={"year": 2013})).content.decode()
    assert "approval" not in page and "Closed Training Title" in page


def test_the_agenda_says_seat_or_waitlist_place_per_training(client, edition, make_user, build_programme):
    from defdays.programme import services

    training = build_programme().sessions["closed_training"]  # two seats
    people = [make_user("defender", edition=edition) for _ in range(4)]
    for person in people:
        sign_in(client, person)
        client.post(reverse("programme:seat_book", kwargs={"year": 2013, "slug": training.slug}))
    agenda = reverse("programme:agenda", kwargs={"year": 2013})
    sign_in(client, people[0])
    assert "You have a seat" in client.get(agenda).content.decode()
    sign_in(client, people[3])
    assert "Waitlist: number 2" in client.get(agenda).content.decode()
    other = make_user("defender", edition=edition)
    services.agenda_add(other, training.pk)
    sign_in(client, other)
    assert "No seat booked" in client.get(agenda).content.decode()


def test_the_change_notice_names_the_changed_and_the_cancelled_session(client, edition, make_user, build_programme):
    from defdays.programme import services

    built = build_programme()
    person = make_user("defender", edition=edition)
    for key in ("open_panel", "chatham"):
        services.agenda_add(person, built.sessions[key].pk)
    services.save_session(edition, built.sessions["open_panel"], session_fields_moved(edition), actor=None)
    services.set_status(built.sessions["chatham"], "cancelled", actor=None)
    services.publish(edition, "Two", actor=None)
    sign_in(client, person)
    page = client.get(reverse("programme:agenda", kwargs={"year": 2013})).content.decode()
    assert "Changed in version 2" in page
    assert "Open Panel Title" in page.split("Changed in version 2", 1)[1]
    assert "“Chatham Strategy Title” is cancelled" in page


def session_fields_moved(edition):
    from tests.programme.conftest import at

    return {"start": at(edition, 4, 16)}


def test_a_session_that_left_the_viewers_audience_is_counted_not_named(client, edition, make_user, build_programme):
    from defdays.programme import services

    built = build_programme()
    visitor = make_user("attendee", edition=edition)
    services.agenda_add(visitor, built.sessions["open_panel"].pk)
    services.save_session(edition, built.sessions["open_panel"], {"audience": "closed"}, actor=None)
    services.publish(edition, "Two", actor=None, approve_public_names=True)
    sign_in(client, visitor)
    page = client.get(reverse("programme:agenda", kwargs={"year": 2013})).content.decode()
    assert "Open Panel Title" not in page and "no longer in the programme" in page


def test_english_titles_on_a_swedish_page_carry_their_own_lang(client, edition, build_programme):
    build_programme()
    page = client.get(reverse("programme:schedule", kwargs={"year": 2013}), HTTP_ACCEPT_LANGUAGE="sv").content
    page = page.decode()
    assert '<html lang="sv"' in page
    assert '<span lang="en" dir="auto">Open Panel Title</span></a>' in page
    english = client.get(reverse("programme:schedule", kwargs={"year": 2013}), HTTP_ACCEPT_LANGUAGE="en")
    assert 'lang="en">Open Panel Title' not in english.content.decode()


def test_grid_cells_carry_their_room_for_the_phone_layout(client, edition, build_programme):
    build_programme()
    page = client.get(reverse("programme:schedule_day", kwargs={"year": 2013, "day": 3})).content.decode()
    assert '<td data-room="Hall"><span class="cell-room"><bdi>Hall</bdi></span>' in page


def test_session_abstracts_and_titles_carry_lang_on_a_swedish_page(client, edition, build_programme):
    built = build_programme()
    panel = built.sessions["open_panel"]
    page = client.get(
        reverse("programme:session", kwargs={"year": 2013, "slug": panel.slug}), HTTP_ACCEPT_LANGUAGE="sv"
    ).content.decode()
    assert '<h1 lang="en" dir="auto">Open Panel Title</h1>' in page
    if panel.abstract:
        assert '<div class="abstract" lang="en" dir="auto">' in page
