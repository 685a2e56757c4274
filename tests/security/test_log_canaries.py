"""Logs never carry emails, names, tokens, passwords or full addresses: canaries through login, failures and 2FA."""

import logging

import pytest
from django.urls import reverse

from defdays.core.logging import scrub
from tests.conftest import sign_in

CANARY_EMAIL = "canary.person.7731@example.org"
CANARY_PASSWORD = "CanaryPassword-7731-xyz"
CANARY_IP = "203.0.113.77"
CANARY_TOKEN = "CanaryTok3nCanaryTok3nCanaryTok3n77"


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(logging.Formatter("%(name)s %(message)s").format(record))


@pytest.fixture
def captured_logs():
    handler = Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(old_level)


def test_scrub_removes_each_kind_of_secret():
    text = scrub(
        f"user {CANARY_EMAIL} from {CANARY_IP} GET /invitation/{CANARY_TOKEN}/ 2001:db8:85a3:0:0:8a2e:370:7334"
    )
    for canary in (CANARY_EMAIL, CANARY_IP, CANARY_TOKEN, "2001:db8:85a3"):
        assert canary not in text
    assert "203.0.x.x" in text  # the network part stays: enough to see an attack, not to find a person


@pytest.mark.django_db
def test_login_failed_login_and_2fa_leave_no_canary_in_any_log(client, make_user, edition, captured_logs):
    user = make_user("organiser", edition=edition, email=CANARY_EMAIL, public_name="Canary Publicname")
    meta = {"REMOTE_ADDR": CANARY_IP}
    login = reverse("accounts:login")
    client.post(login, {"email": CANARY_EMAIL, "password": CANARY_PASSWORD}, **meta)
    for _ in range(6):  # through the lockout
        client.post(login, {"email": CANARY_EMAIL, "password": CANARY_PASSWORD}, **meta)
    client.post(login, {"email": "unknown." + CANARY_EMAIL, "password": CANARY_PASSWORD}, **meta)
    sign_in(client, user, verified=False)
    for code in ("000000", "123456", "999999"):
        client.post(reverse("accounts:verify"), {"token": code}, **meta)
    client.post(reverse("accounts:password_reset"), {"email": CANARY_EMAIL}, **meta)
    client.get(f"/invitation/{CANARY_TOKEN}/", **meta)
    client.get(f"/no-such-page/{CANARY_TOKEN}/?email={CANARY_EMAIL}", **meta)
    logging.getLogger("defdays.test").warning("direct %s %s", CANARY_EMAIL, CANARY_IP)
    text = "\n".join(captured_logs)
    assert "direct" in text  # the capture works
    for canary in (CANARY_EMAIL, CANARY_PASSWORD, CANARY_IP, CANARY_TOKEN, "Canary Publicname"):
        assert canary not in text, canary


@pytest.mark.django_db
def test_exception_texts_are_scrubbed_too(captured_logs):
    try:
        raise ValueError(f"duplicate key {CANARY_EMAIL}")
    except ValueError:
        logging.getLogger("defdays.test").exception("failed")
    text = "\n".join(captured_logs)
    assert "failed" in text and CANARY_EMAIL not in text
