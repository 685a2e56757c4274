"""Restricted data at rest: the database alone reveals nothing, and every way of misusing a ciphertext fails loudly."""

import base64
import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from defdays.accounts.models import User
from defdays.core import crypto
from defdays.core.fields import Encrypted
from defdays.core.models import DataKey
from tests.people.dbdump import dump_database, found_canaries

pytestmark = pytest.mark.django_db

CANARY_EMAIL = "canary.9c41@example.org"


def new_kek_spec(kek_id: str) -> str:
    return f"{kek_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode()}"


def fresh(user) -> User:
    """The user as a new request would load it: no data key cached in memory."""
    return User.objects.select_related(None).get(pk=user.pk)


def test_the_raw_database_holds_no_restricted_canary(make_user):
    make_user(email=CANARY_EMAIL)
    assert "canary.9c41" not in dump_database()
    assert fresh(User.objects.find_by_email(CANARY_EMAIL)).email == CANARY_EMAIL  # yet it opens


def test_the_dump_would_see_a_clear_value_even_in_a_bytes_column(make_user):
    """Control: the dump is not blind. A value stored unencrypted in a binary column is found."""
    user = make_user()
    User.objects.filter(pk=user.pk).update(email_enc=b"\x00\x01" + CANARY_EMAIL.encode())
    assert found_canaries([CANARY_EMAIL]) == [CANARY_EMAIL]


def test_a_failed_sign_in_leaves_no_clear_address(client, make_user):
    make_user(email=CANARY_EMAIL)
    client.post(reverse("accounts:login"), {"email": CANARY_EMAIL, "password": "a wrong password"})
    assert found_canaries([CANARY_EMAIL]) == []


def test_a_ciphertext_moved_to_another_row_does_not_open(make_user):
    first = make_user(email=CANARY_EMAIL)
    # Even under the same data key, the row's uid is bound in: copying the value to another row fails.
    second = User.objects.create(email_index="x" * 64, public_name="Second", data_key=first.data_key)
    User.objects.filter(pk=second.pk).update(email_enc=first.email_enc)
    with pytest.raises(crypto.DecryptionError):
        fresh(second).email
    other_key_user = make_user()
    User.objects.filter(pk=other_key_user.pk).update(email_enc=first.email_enc)
    with pytest.raises(crypto.DecryptionError):
        fresh(other_key_user).email


def test_a_ciphertext_moved_to_another_field_does_not_open(make_user):
    user = fresh(make_user(email=CANARY_EMAIL))
    as_phone = Encrypted("email_enc")  # the same column read as if it were another field
    as_phone.__set_name__(User, "phone")
    with pytest.raises(crypto.DecryptionError):
        as_phone.__get__(user, User)
    assert user.email == CANARY_EMAIL


def test_a_wrong_key_encryption_key_fails_loudly(make_user):
    user = make_user(email=CANARY_EMAIL)
    kek_id = DataKey.objects.get(pk=user.data_key_id).kek_id
    with override_settings(DEFDAYS_KEKS=new_kek_spec(kek_id)):  # same id, other key
        with pytest.raises(crypto.DecryptionError):
            fresh(user).email
    with override_settings(DEFDAYS_KEKS=new_kek_spec("unknown")):
        with pytest.raises(crypto.DecryptionError):
            fresh(user).email


def test_a_tampered_ciphertext_fails_loudly(make_user):
    user = make_user(email=CANARY_EMAIL)
    blob = bytearray(user.email_enc)
    blob[-1] ^= 1
    User.objects.filter(pk=user.pk).update(email_enc=bytes(blob))
    with pytest.raises(crypto.DecryptionError):
        fresh(user).email
    User.objects.filter(pk=user.pk).update(email_enc=b"")
    with pytest.raises(crypto.DecryptionError):
        fresh(user).email


def test_a_shredded_key_raises(make_user):
    user = make_user(email=CANARY_EMAIL)
    DataKey.objects.get(pk=user.data_key_id).shred()
    with pytest.raises(crypto.DecryptionError):
        fresh(user).email
    with pytest.raises(crypto.DecryptionError):
        fresh(user).email = "new@example.org"  # writing needs the key too


def test_rotate_keys_rewraps_and_the_old_key_can_then_go(make_user):
    from defdays.accounts import visibility
    from defdays.accounts.models import HiddenPeople
    from defdays.people.services import set_hidden

    old, new = new_kek_spec("old"), new_kek_spec("new")
    # The migration sealed the hidden set under the suite's key: seal it again under "old", like everything here.
    sealed_key = HiddenPeople.objects.values_list("data_key", flat=True).first()
    HiddenPeople.objects.all().delete()
    DataKey.objects.filter(pk=sealed_key).delete()
    with override_settings(DEFDAYS_KEKS=old):
        users = [make_user(email=f"rotate{n}@example.org") for n in range(3)]
        shredded = make_user()
        DataKey.objects.get(pk=shredded.data_key_id).shred()
        set_hidden(users[2], True, actor=users[2])
    with override_settings(DEFDAYS_KEKS=f"{new},{old}"):
        out = StringIO()
        call_command("rotate_keys", stdout=out)
        assert "Rewrapped 4 data keys with key 'new'" in out.getvalue()  # the three people and the hidden set
        assert set(DataKey.objects.filter(pk__in=[u.data_key_id for u in users]).values_list("kek_id", flat=True)) == {
            "new"
        }
        out = StringIO()
        call_command("rotate_keys", stdout=out)  # again: nothing left to do
        assert "Rewrapped 0" in out.getvalue()
    with override_settings(DEFDAYS_KEKS=new):  # the old key removed from the settings
        assert [fresh(u).email for u in users] == [f"rotate{n}@example.org" for n in range(3)]
        visibility._opened = None  # open the sealed set again, now with the new key only
        assert visibility.hidden_ids() == {users[2].pk}
    with override_settings(DEFDAYS_KEKS=old):  # and the old key alone no longer opens anything
        with pytest.raises(crypto.DecryptionError):
            fresh(users[0]).email
