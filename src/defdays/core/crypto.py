"""Envelope encryption with a data key per person, so that destroying one key destroys their data (crypto-shredding).

- A random 256-bit data key (DEK) per person encrypts their restricted values with AES-GCM. The associated data
  binds each ciphertext to its model, field and row: a ciphertext copied to another row or field fails to open.
- The DEK is stored wrapped (AES-GCM) by a key-encryption key (KEK) from the environment, never from the database.
  DEFDAYS_KEKS lists "id:key" pairs; the first wraps, all unwrap; `defdays rotate-keys` rewraps with the first.
- Opening never returns ciphertext or an empty string: a wrong key or a shredded key raises DecryptionError.
- Email lookups use a keyed HMAC blind index (DEFDAYS_INDEX_KEY), not the clear address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import time
from datetime import timedelta
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

NONCE_BYTES = 12
_FORMAT = b"\x01"  # ciphertext format version, so a later scheme can live beside this one


class DecryptionError(Exception):
    """A value could not be opened: wrong key, tampered or moved ciphertext, or a shredded data key."""


@lru_cache(maxsize=8)
def _parse_keks(spec: str) -> tuple[tuple[str, bytes], ...]:
    keks = []
    for item in spec.split(","):
        kek_id, _, encoded = item.strip().partition(":")
        key = base64.urlsafe_b64decode(encoded)
        if len(key) != 32 or not kek_id:
            raise ValueError("Each DEFDAYS_KEKS entry must be id:base64 of 32 bytes.")
        keks.append((kek_id, key))
    return tuple(keks)


def current_kek() -> tuple[str, bytes]:
    return _parse_keks(settings.DEFDAYS_KEKS)[0]


def kek_by_id(kek_id: str) -> bytes:
    for candidate_id, key in _parse_keks(settings.DEFDAYS_KEKS):
        if candidate_id == kek_id:
            return key
    raise DecryptionError("The key-encryption key that wrapped this data key is not configured.")


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return _FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if not blob or blob[:1] != _FORMAT:
        raise DecryptionError("Unknown ciphertext format.")
    nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, body, aad)
    except InvalidTag as exc:
        raise DecryptionError("The value does not open with this key and context.") from exc


def wrap(dek: bytes, key_id: str) -> tuple[str, bytes]:
    kek_id, kek = current_kek()
    return kek_id, _seal(kek, dek, f"dek:{key_id}".encode())


def unwrap(wrapped: bytes, kek_id: str, key_id: str) -> bytes:
    return _open(kek_by_id(kek_id), bytes(wrapped), f"dek:{key_id}".encode())


def seal_value(dek: bytes, value: str, context: str) -> bytes:
    return _seal(dek, value.encode("utf-8"), context.encode())


def open_value(dek: bytes, blob: bytes, context: str) -> str:
    return _open(dek, bytes(blob), context.encode()).decode("utf-8")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def blind_index(value: str, purpose: str = "email") -> str:
    """A keyed hash for equality lookups; without the index key it cannot be reversed by guessing."""
    key = base64.urlsafe_b64decode(settings.DEFDAYS_INDEX_KEY)
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def email_index(email: str) -> str:
    return blind_index(normalise_email(email), "email")


def seal_bytes(key: bytes, value: bytes, context: str) -> bytes:
    """Like seal_value, for a binary secret (a TOTP key): AES-GCM under `key`, bound to `context`."""
    return _seal(key, value, context.encode())


def open_bytes(key: bytes, blob: bytes, context: str) -> bytes:
    return _open(key, bytes(blob), context.encode())


# Opaque tokens: a small payload sealed (AES-GCM) under a key derived from SECRET_KEY for one purpose, for links
# that leave the site (a QR code on paper, an embassy's logs). Unlike django.core.signing, whose payload is only
# base64, nothing in the token can be read without the key; a token made for one purpose opens for no other.
_TOKEN_FORMAT = b"\x01"
_TOKEN_TIME_BYTES = 5  # seconds since 1970, enough until the year 36812
_TOKEN_MIN_BYTES = 40  # short payloads are padded to one length, so the token's length tells nothing either


@lru_cache(maxsize=32)
def _token_key(secret: str, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"defdays.token:{purpose}".encode()).derive(
        secret.encode()
    )


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def seal_token(payload: bytes, *, purpose: str, now: float | None = None) -> str:
    """An opaque, URL-safe token for `payload` (a few dozen bytes, not ending in NUL: it may end up in a QR
    code)."""
    issued = int(time.time() if now is None else now).to_bytes(_TOKEN_TIME_BYTES, "big")
    body = issued + payload + b"\x00" * max(0, _TOKEN_MIN_BYTES - len(payload))
    nonce = os.urandom(NONCE_BYTES)
    key = _token_key(settings.SECRET_KEY, purpose)
    return _b64(_TOKEN_FORMAT + nonce + AESGCM(key).encrypt(nonce, body, _TOKEN_FORMAT + purpose.encode()))


def open_token(token: str, *, purpose: str, max_age: timedelta) -> bytes | None:
    """The payload of a token sealed for `purpose` within `max_age`, under SECRET_KEY or one of the
    SECRET_KEY_FALLBACKS (so rotating the secret does not void printed letters at once); None for a forged,
    damaged, expired or other-purpose token. Only the canonical encoding is accepted: a changed character is
    never read as the same token."""
    try:
        blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    if _b64(blob) != token or blob[:1] != _TOKEN_FORMAT:
        return None
    nonce, sealed = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            body = AESGCM(_token_key(secret, purpose)).decrypt(nonce, sealed, _TOKEN_FORMAT + purpose.encode())
        except (InvalidTag, ValueError):
            continue
        issued = int.from_bytes(body[:_TOKEN_TIME_BYTES], "big")
        if time.time() - issued > max_age.total_seconds():
            return None
        return body[_TOKEN_TIME_BYTES:].rstrip(b"\x00")
    return None
