"""A copy of the database holds no usable credential: no session key, no TOTP secret, no recovery code."""

from base64 import b32encode
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from defdays.accounts.models import Authenticator, RecoveryCodes
from defdays.accounts.services import confirmed_totp_device, new_recovery_codes, verify_second_factor
from tests.core.test_sessions import COOKIE, verified_organiser_client
from tests.people.dbdump import dump_database

pytestmark = pytest.mark.django_db


def test_a_dump_holds_no_session_key_totp_secret_or_recovery_code(make_user, edition):
    client = verified_organiser_client(make_user, edition)
    organiser = Authenticator.objects.get(confirmed=True).user
    device = confirmed_totp_device(organiser)
    secret = device.bin_key
    codes = new_recovery_codes(organiser)
    dump = dump_database()
    found = [
        name
        for name, value in [
            ("session key", client.cookies[COOKIE].value),
            ("TOTP secret (hex)", secret.hex()),
            ("TOTP secret (base32)", b32encode(secret).decode().rstrip("=")),
            *((f"recovery code {n}", code) for n, code in enumerate(codes)),
        ]
        if value.lower() in dump
    ]
    assert found == []
    # Yet everything still works from what is stored, so the dump missed them because they are not there.
    assert client.get(reverse("editions:orga_home", kwargs={"year": 2013})).status_code == 200
    assert verify_second_factor(organiser, codes[3]) is not None
    assert verify_second_factor(organiser, codes[3]) is None  # single use
    # (The TOTP code was checked from the sealed key when the organiser signed in.)


def test_a_sealed_totp_key_copied_to_another_account_does_not_open(make_user, edition):
    from defdays.core.crypto import DecryptionError

    first, second = make_user("organiser", edition=edition), make_user("organiser", edition=edition)
    stolen = Authenticator.new(first, confirmed=True).key
    mine = Authenticator.new(second, confirmed=True)
    Authenticator.objects.filter(pk=mine.pk).update(key=stolen)
    with pytest.raises(DecryptionError):
        confirmed_totp_device(second).bin_key


def test_an_unsealed_key_is_refused_on_save(make_user, edition):
    device = Authenticator(user=make_user("organiser", edition=edition), name="authenticator")
    with pytest.raises(ValueError):
        device.save()  # django-otp's default key is clear hex


def test_the_upgrade_seals_clear_secrets_already_stored(make_user, edition):
    organiser = make_user("organiser", edition=edition)
    clear = TOTPDevice.objects.create(user=organiser, name="authenticator", confirmed=True)
    static = StaticDevice.objects.create(user=organiser, name="recovery", confirmed=True)
    StaticToken.objects.create(device=static, token="0123456789")
    # Control: what django-otp stored before this change is in the dump, in clear.
    assert clear.key.lower() in dump_database() and "0123456789" in dump_database()
    migration = import_module("defdays.accounts.migrations.0004_sealed_second_factor")
    migration.seal_existing_secrets(apps, None)
    assert clear.key.lower() not in dump_database() and "0123456789" not in dump_database()
    assert Authenticator.objects.get(pk=clear.pk).bin_key == clear.bin_key
    assert RecoveryCodes.objects.get(pk=static.pk).verify_token("0123456789")
