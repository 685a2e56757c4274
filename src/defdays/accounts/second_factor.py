"""Second-factor secrets that a copy of the database cannot use.

django-otp keeps a TOTP device's key as hex and recovery codes as typed, so a dump or backup gave an attacker
who also has a staff password (phished, reused) both factors. Here:

- the TOTP key is sealed with AES-GCM under its owner's data key, itself wrapped by a key-encryption key from the
  environment, and bound to the owner (a sealed key copied to another account's device does not open);
- a recovery code is stored as a keyed hash (the index key, also outside the database), bound to its owner;
  checking one hashes what was typed and looks the hash up.

The models are proxies of django-otp's, so its middleware, throttling and verification run unchanged.
"""

import base64
import os

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from defdays.core import crypto
from defdays.core.sensitivity import Sensitivity

SEALED_PREFIX = "s1:"  # fits django-otp's 80-character key column: 3 + base64 of 1 + 12 + 20 + 16 bytes
TOTP_KEY_BYTES = 20
RECOVERY_HASH_LENGTH = 16  # django-otp's token column; 64 bits of a keyed hash, unguessable without the key


def _totp_context(user_uid) -> str:
    return f"accounts.authenticator.key:{user_uid}"


def seal_totp_key(dek: bytes, user_uid, secret: bytes) -> str:
    blob = crypto.seal_bytes(dek, secret, _totp_context(user_uid))
    return SEALED_PREFIX + base64.urlsafe_b64encode(blob).decode()


def open_totp_key(dek: bytes, user_uid, stored: str) -> bytes:
    if not stored.startswith(SEALED_PREFIX):
        raise crypto.DecryptionError("This authenticator key is not sealed.")
    blob = base64.urlsafe_b64decode(stored[len(SEALED_PREFIX) :])
    return crypto.open_bytes(dek, blob, _totp_context(user_uid))


def recovery_code_digest(user_uid, code: str) -> str:
    normalised = code.replace(" ", "").replace("-", "").strip().lower()
    return crypto.blind_index(normalised, f"recovery-code:{user_uid}")[:RECOVERY_HASH_LENGTH]


def _staff_fields(model, **overrides) -> dict:
    return {**{f.name: Sensitivity.STAFF for f in model._meta.concrete_fields}, **overrides}


class Authenticator(TOTPDevice):
    """A staff member's TOTP device with its key sealed under their data key."""

    SENSITIVITY = _staff_fields(TOTPDevice, id=Sensitivity.NONE, key=Sensitivity.RESTRICTED)

    class Meta:
        proxy = True
        app_label = "accounts"

    @classmethod
    def new(cls, user, *, confirmed: bool) -> "Authenticator":
        device = cls(user=user, name="authenticator", confirmed=confirmed)
        device.key = seal_totp_key(user.data_key.dek(), user.uid, os.urandom(TOTP_KEY_BYTES))
        device.save()
        return device

    @property
    def bin_key(self) -> bytes:
        return open_totp_key(self.user.data_key.dek(), self.user.uid, self.key)

    def save(self, *args, **kwargs):
        if not self.key.startswith(SEALED_PREFIX):  # django-otp's default would store a clear hex key
            raise ValueError("An authenticator key must be sealed before it is stored.")
        super().save(*args, **kwargs)


class RecoveryCodes(StaticDevice):
    """A staff member's single-use recovery codes, stored as keyed hashes."""

    SENSITIVITY = _staff_fields(StaticDevice, id=Sensitivity.NONE)

    class Meta:
        proxy = True
        app_label = "accounts"

    def replace_codes(self, codes: list[str]) -> None:
        from django_otp.plugins.otp_static.models import StaticToken

        self.token_set.all().delete()
        StaticToken.objects.bulk_create(
            [StaticToken(device=self, token=recovery_code_digest(self.user.uid, code)) for code in codes]
        )

    def verify_token(self, token) -> bool:
        # django-otp's check (throttling, single use) on the hash of what was typed.
        return super().verify_token(recovery_code_digest(self.user.uid, str(token)))
