"""Issue 15 in Chromium at desktop (1280 px) and phone (390 px) width: the status panel, the confirmation pages,
the error summary with JavaScript off, the day grid without sideways scrolling, and axe-core (WCAG 2.2 AA) on
every page each demo role can reach.

axe-core comes from the npm package pinned in tests/browser/package.json (installed by scripts/test-all into
tests/browser/node_modules, ignored by git) and is injected by Playwright into the page under test only: the
site never serves it."""

import re
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from defdays.accounts.management.commands.totp_code import current_totp
from defdays.accounts.models import User
from defdays.accounts.services import confirmed_totp_device
from tests.browser.conftest import screenshot
from tests.browser.test_foundation import demo_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
DEMO_ROLES = [
    "organiser",
    "programme",
    "travel",
    "jury",
    "speaker",
    "defender",
    "stakeholder",
    "attendee",
    "volunteer",
    "safety",
]


@pytest.fixture
def browser_page(chromium_browser):
    """page(width=..., javascript=...) -> a fresh context and page; all closed at the end."""
    contexts = []

    def make(viewport=DESKTOP, javascript=True, bypass_csp=False):
        # bypass_csp only for the axe crawl: our CSP (script-src 'self') rightly refuses the injected axe script.
        context = chromium_browser.new_context(
            viewport=viewport, locale="en-GB", java_script_enabled=javascript, bypass_csp=bypass_csp
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, live_server, demo, role):
    email = f"{role}.demo@example.org"
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(demo_password(demo, email))
    page.get_by_role("button", name="Sign in").click()
    if "/account/2fa/" in page.url:
        device = confirmed_totp_device(User.objects.find_by_email(email))
        page.get_by_label(re.compile("Code from your authenticator")).fill(current_totp(device))
        page.get_by_role("button", name="Verify").click()


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport,width", [(DESKTOP, 1280), (PHONE, 390)])
def test_status_panel_of_a_pending_and_an_approved_participant(live_server, browser_page, demo, viewport, width):
    pending = browser_page(viewport)
    sign_in(pending, live_server, demo, "stakeholder")
    assert pending.url.endswith("/me/")
    panel = pending.locator(".status-panel").first
    assert "Registered" in panel.inner_text() and "still has to approve" in panel.inner_text()
    assert panel.bounding_box()["y"] < viewport["height"]  # on screen without scrolling
    assert no_sideways_scroll(pending)
    screenshot(pending, f"me-pending-{width}")
    pending.goto(live_server.url + "/2013/schedule/")
    assert "waiting for an organiser's approval" in pending.locator("main").inner_text()

    approved = browser_page(viewport)
    sign_in(approved, live_server, demo, "defender")
    panel = approved.locator(".status-panel").first
    assert "Your place is confirmed" in panel.inner_text()
    assert approved.get_by_role("link", name=re.compile("^My agenda")).first.is_visible()
    assert "defender.demo@example.org" in approved.locator("main").inner_text()
    assert no_sideways_scroll(approved)
    screenshot(approved, f"me-approved-{width}")


def test_staff_land_on_their_work_area(live_server, browser_page, demo):
    page = browser_page()
    sign_in(page, live_server, demo, "organiser")
    assert page.url.endswith("/orga/2013/")


@pytest.mark.parametrize("viewport,width", [(DESKTOP, 1280), (PHONE, 390)])
def test_withdraw_goes_through_a_confirmation_page(live_server, browser_page, demo, viewport, width):
    page = browser_page(viewport)
    sign_in(page, live_server, demo, "defender")
    page.goto(live_server.url + "/me/registration/2013/")
    page.get_by_role("link", name="Withdraw from this edition").click()
    assert page.locator("h1").inner_text().startswith("Withdraw from")
    assert "training seats" in page.locator(".confirm-box").inner_text()
    assert no_sideways_scroll(page)
    screenshot(page, f"confirm-withdraw-{width}")
    page.get_by_role("link", name="Cancel: change nothing").click()
    assert page.url.endswith("/me/registration/2013/")
    assert "Approved" in page.locator("main").inner_text()


def test_organisers_confirmation_pages_say_what_will_happen(live_server, browser_page, demo):
    page = browser_page(PHONE)
    sign_in(page, live_server, demo, "organiser")
    page.goto(live_server.url + "/orga/2013/roles/")
    page.get_by_role("button", name=re.compile(r"^Remove the role of Programme team \(demo\)")).click()
    assert page.locator("h1").inner_text() == "Remove Programme team (demo)'s role?"
    assert no_sideways_scroll(page)
    screenshot(page, "confirm-role-390")
    page.goto(live_server.url + "/orga/2013/invitations/")
    page.get_by_role("button", name=re.compile(r"^Revoke the invitation of Owl")).click()
    assert "Owl (demo)" in page.locator("h1").inner_text()
    screenshot(page, "confirm-revoke-390")
    page.goto(live_server.url + "/orga/2013/programme/versions/")
    page.get_by_role("button", name="Publish a new version").click()
    # The demo's working copy holds the demo speaker's edits (a biography): the page says what goes out before
    # anything is published.
    text = page.locator("main").inner_text()
    assert page.locator("h1").inner_text().startswith("Publish version")
    assert "What will happen" in text and "Cancel: change nothing" in text
    assert no_sideways_scroll(page)


def test_error_summary_takes_the_focus_with_javascript_off(live_server, browser_page, demo):
    for viewport, width in ((DESKTOP, 1280), (PHONE, 390)):
        page = browser_page(viewport, javascript=False)
        page.goto(live_server.url + "/2013/open-session/")
        form = page.locator("form.stacked").first
        form.get_by_label("Your name").fill("Someone")
        form.get_by_role("textbox", name="Email").fill("not an address")
        form.get_by_role("button").click()
        summary = page.locator(".error-summary")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('error-summary')")
        box = summary.bounding_box()
        assert 0 <= box["y"] < viewport["height"]  # in view on a phone, without scrolling past the form
        link = summary.get_by_role("link")
        assert link.count() == 1 and "Email" in link.inner_text()
        assert page.locator('input[aria-invalid="true"]').count() == 1
        screenshot(page, f"error-summary-{width}")


def test_day_grid_at_390_px_has_no_horizontal_overflow(live_server, browser_page, demo):
    page = browser_page(PHONE)
    sign_in(page, live_server, demo, "defender")
    for day in (1, 2, 3, 4):
        page.goto(live_server.url + f"/2013/schedule/day/{day}/")
        assert no_sideways_scroll(page), f"day {day} scrolls sideways"
    page.goto(live_server.url + "/2013/schedule/day/3/")
    screenshot(page, "day-grid-390")
    for path in ("/2013/schedule/", "/me/agenda/2013/", "/me/data/", "/me/"):
        page.goto(live_server.url + path)
        assert no_sideways_scroll(page), path
    narrow = browser_page({"width": 360, "height": 740})
    sign_in(narrow, live_server, demo, "defender")
    for path in ("/me/agenda/2013/", "/me/data/", "/2013/schedule/day/3/"):
        narrow.goto(live_server.url + path)
        assert no_sideways_scroll(narrow), f"{path} at 360 px"
    narrow.goto(live_server.url + "/me/agenda/2013/")
    screenshot(narrow, "agenda-360")


# --- axe-core on every page each demo role reaches ------------------------------------------------------

# /files/: downloads (the award's nomination files), not pages
SKIP = re.compile(r"(\.ics|\.xml|\.json|\.csv|\.pdf|/feed/|/logout/|/i18n/|/static/|/media/|/files/)")
PER_KIND = 3  # enough session, speaker and participant pages to cover each template


def _links(page, base):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    for href in hrefs:
        url = urljoin(page.url, href.split("#")[0])
        if urlparse(url).netloc == urlparse(base).netloc and not SKIP.search(url):
            yield url


def _kind(url):
    path = urlparse(url).path
    return re.sub(r"/[^/]+/$", "/*/", path) if re.search(r"/(sessions|speakers|participants)/[^/]+/$", path) else path


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
        return r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}));
    }""")
    return result


def crawl(page, live_server, start, limit=60, check=None):
    seen, kinds, queue, out = set(), {}, deque(start), []
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or kinds.get(_kind(url), 0) >= PER_KIND:
            continue
        seen.add(url)
        kinds[_kind(url)] = kinds.get(_kind(url), 0) + 1
        response = page.goto(url)
        if response is None or response.status >= 400 or "text/html" not in response.headers.get("content-type", ""):
            continue
        out.append((url, (check or axe_violations)(page)))
        queue.extend(u for u in _links(page, live_server.url) if u not in seen)
    return out


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed: cd tests/browser && npm install")
@pytest.mark.parametrize("role", [None] + DEMO_ROLES)
def test_axe_finds_no_violation_on_any_page_a_demo_role_reaches(live_server, browser_page, demo, role):
    page = browser_page(bypass_csp=True)
    if role:
        sign_in(page, live_server, demo, role)
    start = [live_server.url + p for p in ("/", "/me/", "/orga/2013/", "/account/login/")]
    results = crawl(page, live_server, start)
    assert len(results) >= 5
    failing = {url: v for url, v in results if v}
    assert not failing, failing


def _tab_walk(page, limit=120):
    """Press Tab until focus returns to the start; [(tag, name, outline style)] for each stop."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => { const e = document.activeElement;
            const label = e.labels && e.labels.length ? e.labels[0].innerText : '';
            const name = (e.getAttribute('aria-label') || label || e.innerText || e.value || e.title || '').trim();
            return [e.tagName, name.slice(0, 80), getComputedStyle(e).outlineStyle, e.id || ''] }""")
        if stops and stop == stops[0]:
            break
        stops.append(stop)
        if stop[0] == "BODY":
            break
    return stops


@pytest.mark.parametrize(
    "role,path",
    [
        ("defender", "/me/"),
        ("defender", "/me/agenda/2013/"),
        ("defender", "/me/registration/2013/withdraw/"),
        ("organiser", "/orga/2013/roles/"),
        ("organiser", "/orga/2013/audit/"),
    ],
)
def test_keyboard_only_every_stop_is_named_and_shows_its_focus(live_server, browser_page, demo, role, path):
    page = browser_page()
    sign_in(page, live_server, demo, role)
    page.goto(live_server.url + path)
    stops = _tab_walk(page)
    assert len(stops) >= 5
    for tag, name, outline, _id in stops:
        if tag == "BODY":
            continue
        assert name, f"a {tag} without a name on {path}"
        assert outline not in ("none", ""), f"{tag} {name!r} on {path} shows no focus"


@pytest.mark.parametrize("role", [None, "defender", "organiser"])
def test_no_page_scrolls_sideways_at_200_percent_zoom(live_server, browser_page, demo, role):
    """200 % zoom on a 1280 px window lays the page out in 640 CSS pixels (WCAG 1.4.10 reflow)."""
    page = browser_page({"width": 640, "height": 450})
    if role:
        sign_in(page, live_server, demo, role)
    start = [live_server.url + p for p in ("/", "/me/", "/orga/2013/")]
    results = crawl(page, live_server, start, check=lambda p: not no_sideways_scroll(p))
    assert len(results) >= 5
    assert [url for url, overflows in results if overflows] == []
