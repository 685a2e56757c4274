import re

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_foundation import demo_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_user_reaches_the_skip_link_first_and_sees_focus(live_server, page, demo):
    page.goto(live_server.url + "/2013/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert page.locator("a.skip-link").bounding_box()["y"] >= 0  # moved into view when focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_sign_in_works_with_javascript_switched_off(live_server, chromium_browser, demo):
    context = chromium_browser.new_context(java_script_enabled=False)
    page = context.new_page()
    email = "defender.demo@example.org"
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo_password(demo, email))
    page.get_by_role("button", name="Sign in").click()
    assert page.url.endswith("/me/")
    assert "Nightingale (demo)" in page.locator("h1").inner_text()
    screenshot(page, "me-defender-no-js")
    context.close()


def test_staff_enrolment_shows_a_self_hosted_qr_code(live_server, page, transactional_db):
    from defdays.accounts.models import User
    from defdays.accounts.services import grant_role
    from defdays.editions.services import make_current
    from tests.factories import EditionFactory

    edition = make_current(EditionFactory(year=2013))
    user = User.objects.create_user("new.organiser@example.org", "a long enough passphrase", public_name="New")
    grant_role(user, edition, "organiser")
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill("new.organiser@example.org")
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Sign in").click()
    assert "/account/2fa/setup/" in page.url
    assert page.locator(".qr svg").count() == 0  # no secret before the password is confirmed
    assert "staff role" in page.locator("main").inner_text()
    # Two steps: the secret is shown only in answer to the password, never on a GET.
    page.get_by_label("Your password").fill("a long enough passphrase")
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".qr svg").is_visible()
    assert re.fullmatch(r"[A-Z2-7]{32}", page.locator("code.secret").inner_text())
    assert page.external_requests == []
    screenshot(page, "2fa-setup")
