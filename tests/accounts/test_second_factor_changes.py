"""An open staff session alone cannot change the second factor; every change is mailed to the owner."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from defdays.accounts.management.commands.totp_code import current_totp
from defdays.accounts.models import Authenticator
from defdays.accounts.services import confirmed_totp_device, new_recovery_codes, verify_second_factor
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

SETUP = "accounts:setup_2fa"


@pytest.fixture
def organiser(make_user, edition):
    return make_user("organiser", edition=edition, email="owner@example.org")


def later(seconds=40):
    """A new TOTP time step: the code used a moment ago is not accepted twice."""
    return time_machine.travel(timezone.now() + timedelta(seconds=seconds))


def test_a_get_of_the_setup_page_writes_no_device(client, organiser):
    sign_in(client, organiser)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(reverse(SETUP)).status_code == 200
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"} and "otp_" in q["sql"]
    ]
    assert writes == [] and TOTPDevice.objects.filter(user=organiser).count() == 1


def test_an_open_session_cannot_replace_the_authenticator(client, organiser):
    sign_in(client, organiser)
    original = confirmed_totp_device(organiser)
    page = client.get(reverse(SETUP))
    assert "<svg" not in page.content.decode()  # no new secret without the password and a code
    # A confirm step posted straight away finds no enrolment begun by this session.
    with later():
        client.post(reverse(SETUP), {"token": current_totp(original)})
    refused = [
        {"password": PASSWORD},  # the password alone
        {"password": "not the password", "code": current_totp(original)},  # a code alone
    ]
    for data in refused:
        response = client.post(reverse(SETUP), data)
        assert "<svg" not in response.content.decode(), data
    assert list(Authenticator.objects.filter(user=organiser)) == [original]
    assert mail.outbox == []


def test_replacing_the_authenticator_takes_password_and_code_and_tells_the_owner(client, organiser):
    sign_in(client, organiser)
    original = confirmed_totp_device(organiser)
    with later():
        page = client.post(reverse(SETUP), {"password": PASSWORD, "code": current_totp(original)})
        assert "<svg" in page.content.decode()
        new = Authenticator.objects.get(user=organiser, confirmed=False)
        done = client.post(reverse(SETUP), {"token": current_totp(new)})
    assert len(done.context["codes"]) == 10
    assert list(Authenticator.objects.filter(user=organiser)) == [new]
    assert [(m.to, m.subject) for m in mail.outbox] == [(["owner@example.org"], "A change to your account")]
    assert "replaced" in mail.outbox[0].body


def test_new_recovery_codes_take_password_and_code_and_tell_the_owner(client, organiser):
    sign_in(client, organiser)
    old = new_recovery_codes(organiser)
    mail.outbox.clear()
    url = reverse("accounts:recovery_codes")
    assert "codes" not in (client.post(url).context or {})
    assert "codes" not in client.post(url, {"password": PASSWORD}).context
    with later():
        done = client.post(url, {"password": PASSWORD, "code": current_totp(confirmed_totp_device(organiser))})
    assert len(done.context["codes"]) == 10
    assert verify_second_factor(organiser, old[0]) is None  # the old codes stop working
    assert [m.to for m in mail.outbox] == [["owner@example.org"]] and "recovery codes" in mail.outbox[0].body


def test_first_enrolment_needs_the_password(client, make_user, edition):
    newcomer = make_user("programme", edition=edition)
    client.force_login(newcomer)
    assert "<svg" not in client.get(reverse(SETUP)).content.decode()
    assert "<svg" not in client.post(reverse(SETUP), {"password": "guess"}).content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()
    assert "<svg" in client.post(reverse(SETUP), {"password": PASSWORD}).content.decode()


def test_a_used_recovery_code_is_mailed_to_the_owner(organiser):
    code = new_recovery_codes(organiser)[0]
    mail.outbox.clear()
    assert verify_second_factor(organiser, code) is not None
    assert len(mail.outbox) == 1 and "recovery codes was used" in mail.outbox[0].body


def test_guessing_the_password_from_an_open_session_ends_it(client, organiser):
    sign_in(client, organiser)
    for attempt in range(4):
        assert client.post(reverse(SETUP), {"password": f"guess {attempt}", "code": "123456"}).status_code == 200
    assert client.post(reverse("accounts:recovery_codes"), {"password": "guess", "code": "123456"}).status_code == 429
    assert client.get(reverse("accounts:me")).status_code == 302  # signed out
