from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from defdays.accounts.management.commands.totp_code import current_totp
from defdays.accounts.models import Authenticator
from defdays.audit.models import AuditEvent
from tests.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def test_enrolment_with_qr_code_and_recovery_codes(client, make_user, edition):
    from django.core import mail

    organiser = make_user("organiser", edition=edition, email="enrol@example.org")
    response = client.post(reverse("accounts:login"), {"email": "enrol@example.org", "password": PASSWORD})
    assert response["Location"].startswith(reverse("accounts:setup_2fa"))
    first = client.get(reverse("accounts:setup_2fa"))
    assert "<svg" not in first.content.decode() and not TOTPDevice.objects.filter(user=organiser).exists()
    assert "not accepted" in client.post(reverse("accounts:setup_2fa"), {"password": "wrong"}).content.decode()
    page = client.post(reverse("accounts:setup_2fa"), {"password": PASSWORD})
    html = page.content.decode()
    assert "<svg" in html and "data:" not in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0]
    device = Authenticator.objects.get(user=organiser, confirmed=False)
    # Starting again shows the same pending secret instead of making a new device each time.
    client.post(reverse("accounts:setup_2fa"), {"password": PASSWORD})
    assert TOTPDevice.objects.filter(user=organiser).count() == 1
    wrong = client.post(reverse("accounts:setup_2fa"), {"token": "000000"})
    assert "not accepted" in wrong.content.decode() and "<svg" in wrong.content.decode()
    # django-otp throttles after a wrong code (1 s, then doubling); a person waits, the test moves the clock.
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        device.refresh_from_db()
        done = client.post(reverse("accounts:setup_2fa"), {"token": current_totp(device)})
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("editions:orga_home", kwargs={"year": 2013})).status_code == 200
    assert AuditEvent.objects.filter(action="2fa.enrolled", actor=organiser).exists()
    assert [m.to for m in mail.outbox] == [["enrol@example.org"]]
    assert mail.outbox[0].subject == "A change to your account" and "linked" in mail.outbox[0].body


def test_a_recovery_code_works_once(client, make_user, edition):
    from defdays.accounts.services import new_recovery_codes

    organiser = make_user("organiser", edition=edition)
    Authenticator.new(organiser, confirmed=True)
    code = new_recovery_codes(organiser)[0]
    sign_in(client, organiser, verified=False)
    assert client.post(reverse("accounts:verify"), {"token": code}).status_code == 302
    assert StaticToken.objects.filter(device__user=organiser).count() == 9
    sign_in(client, organiser, verified=False)
    client.logout()
    sign_in(client, organiser, verified=False)
    assert client.post(reverse("accounts:verify"), {"token": code}).status_code == 400


def test_staff_sessions_expire_after_30_minutes_idle_participants_later(client, make_user, edition):
    sign_in(client, make_user("organiser", edition=edition))
    client.get(reverse("accounts:me"))
    assert client.session.get_expiry_age() == 30 * 60
    client.logout()
    sign_in(client, make_user("defender", edition=edition))
    client.get(reverse("accounts:me"))
    assert client.session.get_expiry_age() > 30 * 60


def test_logout_ends_the_session_on_the_server(client, make_user, edition):
    sign_in(client, make_user("defender", edition=edition))
    key = client.session.session_key
    assert client.session.exists(key)
    client.post(reverse("accounts:logout"))
    assert not client.session.exists(key)
    assert client.get(reverse("accounts:me")).status_code == 302


def test_password_change_ends_this_and_other_sessions(client, make_user, edition):
    from django.test import Client

    user = make_user("defender", edition=edition)
    other_device = sign_in(Client(), user)
    sign_in(client, user)
    new = "a new and long passphrase 42"
    response = client.post(
        reverse("accounts:password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:me")).status_code == 302
    assert other_device.get(reverse("accounts:me")).status_code == 302
    assert AuditEvent.objects.filter(action="password.changed", actor=user).exists()


def test_short_passwords_are_refused(client, make_user, edition):
    sign_in(client, make_user("defender", edition=edition))
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "short1!", "new_password2": "short1!"},
    )
    assert response.status_code == 200 and "at least 12 characters" in response.content.decode()


def test_password_reset_answers_the_same_for_unknown_email_and_sends_one_neutral_mail(client, make_user, edition):
    from django.core import mail

    make_user("defender", edition=edition, email="reset@example.org")
    known = client.post(reverse("accounts:password_reset"), {"email": "reset@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert known.content == unknown.content
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reset@example.org"] and not message.cc and not message.bcc
    assert message.subject == "Reset your password"
    link = next(line for line in message.body.splitlines() if "/account/reset/" in line).strip()
    path = link.split("testserver", 1)[1]
    new = "another long passphrase 99"
    done = client.post(path, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.post(reverse("accounts:login"), {"email": "reset@example.org", "password": new}).status_code == 302
    # The link is single-use: the password hash changed, so the token no longer checks.
    assert client.get(path).status_code == 400
