import re

import pytest

from defdays.accounts.management.commands.totp_code import current_totp
from defdays.accounts.models import User
from defdays.accounts.services import confirmed_totp_device
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo_password(demo_output, email):
    match = re.search(rf"{re.escape(email)}\s+(\S+)", demo_output)
    assert match, f"demo did not print a login for {email}"
    return match.group(1)


def test_anonymous_home_shows_open_session_and_no_closed_part_participant(live_server, page, demo):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Defenders' Days 2013"
    open_session = page.locator("#open-session-heading")
    assert open_session.is_visible()
    body = page.locator("body").inner_text()
    assert "open to everyone" in body
    for participant in User.objects.filter(is_demo=True):
        assert participant.public_name not in body
    assert page.external_requests == []
    screenshot(page, "home-anonymous")


def test_organiser_signs_in_with_totp_and_reaches_the_organiser_home(live_server, page, demo):
    email = "organiser.demo@example.org"
    page.goto(live_server.url + "/orga/2013/")
    assert "/account/login/" in page.url  # anonymous: asked to sign in, not shown the page
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo_password(demo, email))
    page.get_by_role("button", name="Sign in").click()
    assert "/account/2fa/" in page.url  # a password alone never opens a staff page
    device = confirmed_totp_device(User.objects.find_by_email(email))
    page.get_by_label(re.compile("Code from your authenticator")).fill(current_totp(device))
    page.get_by_role("button", name="Verify").click()
    assert page.url.endswith("/orga/2013/")
    assert "Organisers' area" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Audit log").is_visible()
    screenshot(page, "orga-home")
    page.get_by_role("link", name="Audit log").click()
    assert page.locator("td", has_text="Second factor accepted").count() >= 1  # readable names, not codes
    screenshot(page, "audit-log")
