"""Invitation tokens: 256 random bits in the link, only their SHA-256 in the database."""

import hashlib
import re
import secrets

TOKEN_BYTES = 32  # secrets.token_urlsafe(32) -> 43 characters, 256 bits
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> tuple[str, str]:
    """(raw token for the link, hash to store)."""
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    return raw, hash_token(raw)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("ascii")).hexdigest()


def well_formed(raw: str) -> bool:
    return bool(TOKEN_PATTERN.match(raw or ""))
