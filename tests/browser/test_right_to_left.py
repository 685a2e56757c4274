"""Arabic in Chromium, at desktop and phone width: the document reads right to left, the layout mirrors, and no
text runs out of its box on the home, the programme, the registration form (an invitation) and the open-session
sign-up. Screenshots land in test-artifacts/ (rtl-*.png)."""

import re

import pytest

from tests.browser.conftest import screenshot
from tests.browser.test_way_through import AXE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}

# Every visible element whose content is wider than its box (and that does not scroll on purpose), or that
# sticks out of the page sideways. Visually hidden text and the skip link sit off-screen by design; the wide
# tables scroll inside their own box (.table-scroll), which is checked itself.
OVERFLOWS = """() => {
  const page = document.documentElement.clientWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (el.innerText || el.value || '').trim().slice(0, 40) + '"';
  const found = [];
  if (document.documentElement.scrollWidth > page) found.push('the page scrolls sideways');
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.visually-hidden, .skip-link, script, style')) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const scrolls = el.closest('.table-scroll') && !el.classList.contains('table-scroll');
    if (!scrolls && (box.left < -1 || box.right > page + 1)) found.push(name(el) + ' sticks out of the page');
    const clips = ['auto', 'scroll'].includes(style.overflowX);
    if (style.display !== 'inline' && !clips && !['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)
        && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) found.push(name(el) + ' overflows its box');
  }
  return found;
}"""


@pytest.fixture
def arabic_page(chromium_browser):
    """An Arabic-speaking visitor's browser (Accept-Language: ar), at a given width."""
    contexts = []

    def make(viewport):
        context = chromium_browser.new_context(viewport=viewport, locale="ar")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def reads_right_to_left(page):
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def check(page, name, width):
    reads_right_to_left(page)
    assert page.evaluate(OVERFLOWS) == []
    screenshot(page, f"rtl-{name}-{width}")


@pytest.mark.parametrize("viewport,width", [(DESKTOP, 1280), (PHONE, 390)])
def test_arabic_pages_read_right_to_left_without_overflow(live_server, arabic_page, demo, viewport, width):
    page = arabic_page(viewport)

    page.goto(live_server.url + "/2013/")
    assert page.locator("h1").inner_text() == "أيام المدافعين 2013"  # the demo's Arabic title
    assert page.get_by_role("heading", name="الجلسة المفتوحة").is_visible()  # "The open session", the catalogue
    if width == 1280:
        # Mirrored: the site title starts at the right edge, the navigation follows to its left.
        title, nav = page.locator(".site-title").bounding_box(), page.locator(".nav").bounding_box()
        row = page.locator(".header-row").bounding_box()
        assert title["x"] > nav["x"] and title["x"] + title["width"] > row["x"] + row["width"] - 40
    check(page, "home", width)

    page.goto(live_server.url + "/2013/schedule/")
    # A session title the programme team wrote in Arabic, in its own direction; speakers' Latin names isolated.
    assert page.locator('span[dir="auto"]', has_text="الهروب من المعسكر 14").first.is_visible()
    assert page.locator("bdi", has_text="Mr Shin Dong-hyuk").first.is_visible()
    check(page, "programme", width)

    page.goto(live_server.url + "/2013/schedule/day/3/")  # 4 April, the main day: the open session
    check(page, "day-grid", width)

    page.goto(live_server.url + "/2013/open-session/")
    assert page.get_by_role("heading", name="أيام المدافعين 2013: الجلسة المفتوحة").is_visible()
    check(page, "open-session-sign-up", width)


@pytest.mark.parametrize("viewport,width", [(DESKTOP, 1280), (PHONE, 390)])
def test_the_registration_form_in_arabic(live_server, arabic_page, demo, viewport, width):
    path = re.search(r"Demo invitation to redeem \(new each run\): (/invitation/\S+/)", demo).group(1)
    page = arabic_page(viewport)
    page.goto(live_server.url + path)
    reads_right_to_left(page)
    page.get_by_label("الاسم العلني").fill("Heron of the North")  # a Latin name typed into an Arabic form
    page.get_by_label("اختر كلمة مرور").fill("a long invitee passphrase 7")
    page.get_by_label("أقبل مدونة السلوك").check()
    # A field's label sits at the start (right) of the line, the field below it, right-aligned too.
    label = page.locator("label", has_text="الاسم العلني").bounding_box()
    field = page.get_by_label("الاسم العلني").bounding_box()
    assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) < 2
    check(page, "registration-form", width)


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed: cd tests/browser && npm install")
def test_arabic_pages_pass_axe(live_server, chromium_browser, demo):
    """WCAG 2.2 AA as axe sees it, in Arabic: the language of the page and of its English parts, contrast of the
    mirrored layout. A context of its own that lets the injected axe script past our CSP."""
    context = chromium_browser.new_context(viewport=DESKTOP, locale="ar", bypass_csp=True)
    try:
        page = context.new_page()
        path = re.search(r"Demo invitation to redeem \(new each run\): (/invitation/\S+/)", demo).group(1)
        for url in ("/2013/", "/2013/schedule/", "/2013/schedule/day/3/", "/2013/open-session/", path):
            page.goto(live_server.url + url)
            reads_right_to_left(page)
            assert axe_violations(page) == [], url
    finally:
        context.close()
