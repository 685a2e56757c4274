"""Issues 4 and 5 as a person meets them, in Chromium: sign up for the open session and cancel, redeem an
invitation, and see the programme change with who is looking."""

import re

import pytest
from django.core import mail

from tests.browser.conftest import screenshot
from tests.browser.test_foundation import demo_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_joins_the_open_session_waitlist_then_cancels(live_server, page, demo):
    page.goto(live_server.url + "/2013/")
    page.get_by_role("link", name="The open session: when, where, sign up").click()
    assert "Full: join the waitlist" in page.locator("main").inner_text()
    page.get_by_label("Your name").fill("Browser Visitor")
    page.get_by_role("textbox", name="Email").fill("visitor@example.org")
    page.get_by_role("button", name="Join the waitlist").click()
    assert page.locator("h1").inner_text() == "Check your email"
    # The page says the same for a new and a known address; the email carries the link that confirms.
    assert "visitor@example.org" not in page.content()
    message = next(m for m in mail.outbox if m.to == ["visitor@example.org"])
    assert message.subject == "Your booking" and "Nothing is booked yet" in message.body
    manage = re.search(r"https?://\S+/open-session/booking/\S+/", message.body).group(0)
    page.goto(live_server.url + manage[manage.index("/2013/") :])
    page.get_by_role("button", name="Confirm my booking").click()
    assert "On the waitlist, number 4 in line" in page.locator("main").inner_text()
    page.get_by_role("button", name="Cancel my booking").click()
    assert page.locator("h1").inner_text() == "Cancel your booking?"  # says what will happen first
    page.get_by_role("button", name="Cancel my booking").click()
    assert "Cancelled." in page.locator("main").inner_text()
    assert page.external_requests == []
    screenshot(page, "open-session-cancelled")


def test_invitee_redeems_an_invitation_and_lands_on_their_registration(live_server, page, demo):
    path = re.search(r"Demo invitation to redeem \(new each run\): (/invitation/\S+/)", demo).group(1)
    page.goto(live_server.url + path)
    page.get_by_label("Public name").fill("Heron of the North")
    page.get_by_label("Choose a password").fill("a long invitee passphrase 7")
    page.get_by_label("The same password again").fill("a long invitee passphrase 7")
    page.get_by_label("Thursday 4 April 2013").check()
    page.get_by_label("I accept the code of conduct").check()
    page.get_by_label("I accept the photo and recording policy").check()
    screenshot(page, "invitation-redeem")
    page.get_by_role("button", name="Accept the invitation").click()
    assert "/me/registration/2013/" in page.url
    page.goto(live_server.url + "/me/")
    assert "Heron of the North" in page.locator("h1").inner_text()
    # The link was single-use: opening it again shows the neutral page, not the form.
    page.goto(live_server.url + path)
    assert page.get_by_role("button", name="Accept the invitation").count() == 0


def test_programme_shows_the_closed_part_only_to_closed_part_participants(live_server, page, demo):
    page.goto(live_server.url + "/2013/schedule/")
    public = page.locator("main").inner_text()
    assert "The Escape from Camp 14" in public
    assert "Training: digital security" not in public
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill("defender.demo@example.org")
    page.get_by_label("Password").fill(demo_password(demo, "defender.demo@example.org"))
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/2013/schedule/")
    closed = page.locator("main").inner_text()
    assert "Training: digital security" in closed and "The Escape from Camp 14" in closed
    screenshot(page, "schedule-defender")
