"""`defdays backup` and `defdays restore` on PostgreSQL: the dump holds no restricted value in clear and no key;
restored with the KEKs the restricted data reads back, without them it does not; an erasure made after the backup
stays in force after a restore, replayed from the live database or from a newer backup."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from bench.harness import ROOT, create_database
from defdays.people import services as people
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

KEPT = "kept-canary-5b1e@example.org"
ERASED = "erased-canary-9c3d@example.org"

READ = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "defdays.test_settings"
django.setup()
from defdays.accounts.models import User
for user in User.objects.order_by("pk"):
    try:
        email = user.email
    except Exception as error:
        email = "UNREADABLE"
    print(user.public_name, email, user.is_active)
"""


def _url(name: str) -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{name}"


def _people(url: str, **env) -> dict[str, tuple[str, str]]:
    result = subprocess.run(
        [sys.executable, "-c", READ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(ROOT),
        env={
            **os.environ,
            "DATABASE_URL": url,
            "DEFDAYS_MODE": "test",
            "DEFDAYS_KEKS": settings.DEFDAYS_KEKS,
            "DEFDAYS_INDEX_KEY": settings.DEFDAYS_INDEX_KEY,
            "DEFDAYS_SECRET_KEY": settings.SECRET_KEY,
            "PYTHONPATH": str(ROOT / "src"),
            **env,
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split(" ", 1)[0]: tuple(line.split(" ")[1:]) for line in result.stdout.splitlines()}


def _dump_as_text(dump) -> str:
    """What an attacker with the file reads: the dump expanded to SQL (it is compressed on disk)."""
    return (
        subprocess.run(["pg_restore", "--file=-", str(dump)], capture_output=True, check=True, timeout=300)
        .stdout.decode("utf-8", "replace")
        .lower()
    )


def _key_material() -> list[str]:
    found = [settings.SECRET_KEY, settings.DEFDAYS_INDEX_KEY]
    for entry in settings.DEFDAYS_KEKS.split(","):
        _, b64 = entry.split(":", 1)
        raw = base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4))
        found += [b64, raw.hex(), base64.b64encode(raw).decode()]
    return [k.lower() for k in found]


@pytest.fixture
def demo_with_canaries(db):
    call_command("demo", stdout=StringIO())
    kept = UserFactory(email=KEPT, public_name="KeptPerson")
    erased = UserFactory(email=ERASED, public_name="ErasedPerson")
    return kept, erased


def test_backup_holds_no_clear_restricted_value_and_no_key(demo_with_canaries, tmp_path):
    manifest = call_backup(tmp_path)
    text = _dump_as_text(manifest.dump)
    assert "keptperson" in text  # the dump is real: a public name is there in clear
    for canary in (KEPT, ERASED):
        assert canary not in text and canary.encode().hex() not in text
    assert [k for k in _key_material() if k in text] == []
    assert [k for k in _key_material() if k in manifest.path.read_text().lower()] == []
    assert oct(manifest.dump.stat().st_mode & 0o777) == "0o600"


@pytest.fixture
def empty_database():
    """An empty database beside the test one, dropped afterwards whatever happened."""
    import psycopg

    name = connection.settings_dict["NAME"] + "_restored"
    create_database(_url(name))
    yield _url(name)
    with psycopg.connect(_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def call_backup(directory):
    from defdays.core.backups import Manifest

    out = StringIO()
    call_command("backup", str(directory), stdout=out)
    return Manifest.read(sorted(directory.glob("defdays-*.json"))[-1])


def test_restore_reads_with_the_keks_only_and_replays_a_later_erasure_from_the_live_database(
    demo_with_canaries, tmp_path, empty_database
):
    kept, erased = demo_with_canaries
    manifest = call_backup(tmp_path)
    people.erase(erased)  # after the backup: the restored copy must not bring them back

    target = empty_database
    call_command("restore", str(manifest.path), "--into", target, stdout=StringIO())

    restored = _people(target)
    assert restored["KeptPerson"] == (KEPT, "True")
    assert "ErasedPerson" not in restored and ERASED not in str(restored)
    wrong_kek = "dev1:" + base64.urlsafe_b64encode(os.urandom(32)).decode()
    without = _people(target, DEFDAYS_KEKS=wrong_kek)
    assert without["KeptPerson"][0] == "UNREADABLE"


def test_restore_replays_an_erasure_from_a_newer_backup_when_the_live_database_is_lost(
    demo_with_canaries, tmp_path, empty_database
):
    kept, erased = demo_with_canaries
    first = call_backup(tmp_path)
    people.erase(erased)
    call_backup(tmp_path)

    target = empty_database
    out = StringIO()
    call_command("restore", str(first.path), "--into", target, "--no-live-database", stdout=out)
    assert "Erasures replayed from: backup" in out.getvalue()
    restored = _people(target)
    assert restored["KeptPerson"] == (KEPT, "True")
    assert "ErasedPerson" not in restored and ERASED not in str(restored)
