"""OpenPGP for invitation emails (python-gnupg). Every use gets a throwaway keyring that is deleted afterwards:
no key of any invitee stays on a node's disk, and one invitee's key never sits beside another's."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile

import gnupg

ARMOUR_HEADER = "-----BEGIN PGP PUBLIC KEY BLOCK-----"
MAX_KEY_CHARS = 20_000


class PGPError(Exception):
    pass


@contextlib.contextmanager
def throwaway_keyring():
    home = tempfile.mkdtemp(prefix="defdays-gpg-")
    try:
        # --no-autostart: importing and encrypting to public keys needs no agent, so none is left running.
        yield gnupg.GPG(gnupghome=home, options=["--no-autostart"])
    finally:
        with contextlib.suppress(OSError, FileNotFoundError, subprocess.SubprocessError):
            subprocess.run(["gpgconf", "--homedir", home, "--kill", "all"], capture_output=True, timeout=5)
        shutil.rmtree(home, ignore_errors=True)


def _encryption_fingerprints(gpg, key_text: str) -> list[str]:
    if ARMOUR_HEADER not in key_text or len(key_text) > MAX_KEY_CHARS:
        return []
    result = gpg.import_keys(key_text)
    if not result.fingerprints:
        return []
    usable = []
    for key in gpg.list_keys():
        capabilities = key.get("cap", "")
        # "E" in the key's capabilities: some (sub)key can encrypt; trust "r"/"e": revoked or expired.
        if key["fingerprint"] in result.fingerprints and "E" in capabilities and key.get("trust") not in ("r", "e"):
            usable.append(key["fingerprint"])
    return usable


def check_key(key_text: str, gpg=None) -> bool:
    """True when the text is an armoured public key that can receive encrypted mail."""
    if gpg is not None:
        return bool(_encryption_fingerprints(gpg, key_text))
    with throwaway_keyring() as fresh:
        return bool(_encryption_fingerprints(fresh, key_text))


def encrypt(text: str, key_text: str) -> str:
    """ASCII-armoured ciphertext of `text` for the key; raises PGPError rather than ever returning plaintext."""
    with throwaway_keyring() as gpg:
        fingerprints = _encryption_fingerprints(gpg, key_text)
        if not fingerprints:
            raise PGPError("The key cannot receive encrypted mail.")
        result = gpg.encrypt(text, fingerprints, always_trust=True, armor=True)
        if not result.ok or "BEGIN PGP MESSAGE" not in str(result):
            raise PGPError("Encryption failed.")
        return str(result)
