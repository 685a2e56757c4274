"""The invitation email is encrypted to the invitee's OpenPGP key; the test makes a real key and decrypts."""

import shutil
import subprocess

import gnupg
import pytest
from django.core import mail

from defdays.invitations import pgp
from tests.invitations.helpers import TOKEN_IN_LINK, invite

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("gpg") is None, reason="needs the gpg binary"),
]


@pytest.fixture
def invitee_keyring(tmp_path):
    home = tmp_path / "invitee-gnupg"
    home.mkdir(mode=0o700)
    gpg = gnupg.GPG(gnupghome=str(home))
    params = gpg.gen_key_input(
        key_type="EDDSA",
        key_curve="ed25519",
        subkey_type="ECDH",
        subkey_curve="cv25519",
        name_email="invitee@example.org",
        no_protection=True,
        expire_date=0,
    )
    key = gpg.gen_key(params)
    assert key.fingerprint, key.stderr
    yield gpg, gpg.export_keys(key.fingerprint)
    subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], capture_output=True, timeout=10)


def test_body_is_pgp_armour_that_decrypts_to_the_invitation(edition, invitee_keyring):
    gpg, public_key = invitee_keyring
    invitation, _token = invite(edition, "invitee@example.org", pgp_key=public_key)
    message = mail.outbox[-1]
    assert message.body.startswith("-----BEGIN PGP MESSAGE-----")
    assert "/invitation/" not in message.body and not message.alternatives  # no clear HTML part either
    clear = gpg.decrypt(message.body)
    assert clear.ok, clear.status
    token = TOKEN_IN_LINK.search(str(clear)).group(1)
    import hashlib

    invitation.refresh_from_db()
    assert hashlib.sha256(token.encode()).hexdigest() == invitation.token_hash


def test_keyrings_are_throwaway(tmp_path, monkeypatch, invitee_keyring):
    _gpg, public_key = invitee_keyring
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    pgp.encrypt("hello", public_key)
    assert not list(tmp_path.glob("defdays-gpg-*"))


def test_a_key_that_is_not_a_key_is_refused(edition):
    from django.core.exceptions import ValidationError

    junk = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot really\n-----END PGP PUBLIC KEY BLOCK-----\n"
    assert not pgp.check_key(junk)
    with pytest.raises(ValidationError):
        invite(edition, pgp_key=junk)
    assert not mail.outbox


def test_a_key_in_a_csv_cell_imports_and_its_email_is_encrypted(edition, invitee_keyring):
    import csv
    import io

    from defdays.invitations import importer, services

    gpg, public_key = invitee_keyring
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["public name", "email", "role", "language", "OpenPGP public key", "internal note"])
    writer.writerow(["Swallow", "invitee@example.org", "defender", "en", public_key, ""])
    result = importer.validate(edition, importer.read(out.getvalue().encode()))
    assert not result.errors and result.valid[0].pgp_key.startswith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
    services.create_from_rows(edition, result.valid, base_url="https://defdays.test")
    assert gpg.decrypt(mail.outbox[-1].body).ok
